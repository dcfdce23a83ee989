// A proxy between a client (the live client, a rendered page, a real browser) and a server that misbehaves on
// purpose: latency and jitter, lost, duplicated and reordered frames, a cut after N frames, a half-open connection.
// Pages load through it as well (plain HTTP passes untouched), so a browser's socket goes through it by itself.

import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import { FrameLink, seededRandom, type Faults, type LinkStats } from "./frame-link.ts";

export type { Faults } from "./frame-link.ts";

/** What went through, both directions together, since the proxy started. */
export interface ProxyStats extends LinkStats {
  connections: number;
  cuts: number;
  /** Frames swallowed by a half-open link. */
  held: number;
}

/** Close codes a peer may not send itself; such a close from the server is passed on as a cut. */
const UNSENDABLE_CLOSE_CODES = new Set([1004, 1005, 1006, 1015]);
const DEFAULT_SEED = 18;

interface Bridge {
  cut(): void;
}

export class FaultProxy {
  readonly stats: ProxyStats = { frames: 0, dropped: 0, duplicated: 0, reordered: 0, connections: 0, cuts: 0, held: 0 };
  private faults: Faults;
  private random: () => number;
  private held = false;
  private cutIn: number | null = null;
  private readonly bridges = new Set<Bridge>();
  private readonly waiters: { test: (stats: ProxyStats) => boolean; resolve: () => void }[] = [];
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false });

  private constructor(
    private upstream: string,
    faults: Faults,
    private readonly server: Server,
  ) {
    this.faults = faults;
    this.random = seededRandom(faults.seed ?? DEFAULT_SEED);
    server.on("request", (req, res) => {
      const forward = request(this.upstream + req.url, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on("error", () => res.writeHead(502).end("upstream down"));
      req.pipe(forward);
    });
    server.on("upgrade", (req, socket, head) => this.bridge(req, socket, head));
  }

  /** Starts a proxy to the server at `upstream` (http://host:port) on a free port of 127.0.0.1. */
  static async start(upstream: string, faults: Faults = {}): Promise<FaultProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new FaultProxy(upstream.replace(/\/$/, ""), faults, server);
  }

  /** Where clients go instead of the server. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Replaces the faults (the random draws go on from where they were unless `seed` is given). */
  set(faults: Faults): void {
    this.faults = faults;
    if (faults.seed !== undefined) this.random = seededRandom(faults.seed);
  }

  /** No more faults: frames pass at once, a half-open connection carries frames again. */
  heal(): void {
    this.set({});
    this.held = false;
    this.cutIn = null;
  }

  /** Cuts every connection after `frames` more frames (either way), once. */
  cutAfter(frames: number): void {
    this.cutIn = frames;
  }

  /** Cuts every connection now, without a close frame: clients see an abnormal close (1006). */
  cut(): void {
    for (const bridge of [...this.bridges]) bridge.cut();
  }

  /** From now on nothing passes either way, heartbeats included, and nothing is closed: a dead link that looks open. */
  halfOpen(): void {
    this.held = true;
  }

  /** Resolves once the stats pass `test` (at once if they do): `await proxy.waitFor((s) => s.held >= 2)`. */
  waitFor(test: (stats: ProxyStats) => boolean): Promise<void> {
    if (test(this.stats)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  private counted(): void {
    for (const waiter of [...this.waiters])
      if (waiter.test(this.stats)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
  }

  /** Sends new connections to another server (one started again on another port). */
  retarget(upstream: string): void {
    this.upstream = upstream.replace(/\/$/, "");
  }

  async close(): Promise<void> {
    this.cut();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private bridge(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const up = new WebSocket(this.upstream.replace(/^http/, "ws") + req.url, {
      // The server sees the client's own Host and Origin, so its origin check judges the client, not the proxy.
      headers: pick(req.headers, ["host", "origin", "cookie", "user-agent"]),
      autoPong: false,
    });
    up.once("unexpected-response", (_req, res) => {
      socket.end(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\nConnection: close\r\n\r\n`);
    });
    up.once("error", () => socket.destroy());
    up.once("open", () => this.wss.handleUpgrade(req, socket, head, (down) => this.connect(down, up)));
  }

  private connect(down: WebSocket, up: WebSocket): void {
    this.stats.connections++;
    let cut = false;
    const bridge: Bridge = {
      cut: () => {
        if (cut) return;
        cut = true;
        this.stats.cuts++;
        this.bridges.delete(bridge);
        toServer.stop();
        toClient.stop();
        down.terminate();
        up.terminate();
      },
    };
    this.bridges.add(bridge);
    const link = (to: WebSocket) =>
      new FrameLink(
        () => this.faults,
        () => this.random(),
        this.stats,
        (frame) => to.readyState === WebSocket.OPEN && to.send(frame),
        bridge.cut,
      );
    const toServer = link(up);
    const toClient = link(down);
    const pass = (into: FrameLink) => (data: RawData) => {
      if (cut) return;
      if (this.held) {
        this.stats.held++;
        this.counted();
        return;
      }
      into.push(data.toString());
      this.counted();
      if (this.cutIn !== null && --this.cutIn <= 0) {
        this.cutIn = null;
        this.cut();
      }
    };
    down.on("message", pass(toServer));
    up.on("message", pass(toClient));
    // Heartbeats cross the link too, so a half-open one is found out the way a real one is.
    up.on("ping", (data) => !this.held && down.ping(data));
    down.on("pong", (data) => !this.held && up.pong(data));
    down.on("ping", (data) => !this.held && up.ping(data));
    up.on("pong", (data) => !this.held && down.pong(data));
    const closeFrom = (from: "client" | "server") => (code: number, reason: Buffer) => {
      if (cut) return;
      const [other, link] = from === "server" ? [down, toClient] : [up, toServer];
      link.after(() => {
        this.bridges.delete(bridge);
        if (UNSENDABLE_CLOSE_CODES.has(code)) other.terminate();
        else other.close(code, reason);
      });
    };
    up.on("close", closeFrom("server"));
    down.on("close", closeFrom("client"));
    up.on("error", () => bridge.cut());
    down.on("error", () => bridge.cut());
  }
}

function pick(headers: IncomingMessage["headers"], names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) if (typeof headers[name] === "string") picked[name] = headers[name];
  return picked;
}

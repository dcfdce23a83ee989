// Refused WebSocket upgrades (403, 400, 503) close the TCP connection, even when the peer keeps its own side open.

import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { REFUSED_UPGRADE_CLOSE_MS } from "../../src/constants.ts";
import { storeUnavailable } from "../../src/errors.ts";
import { createApp, Registry, type App } from "../../src/index.ts";
import type { SessionStore } from "../../src/session/session-store.ts";
import { tempDatabaseUrl } from "../helpers.ts";
import { connectionDescriptors } from "./open-descriptors.ts";

/** The figure: half-open refused handshakes an attacker might pile up. */
const HANDSHAKES = 1000;
/** Handshakes in flight at once (below the listen backlog, so none waits on the kernel). */
const IN_FLIGHT = 100;

interface Refused {
  status: number;
  /** The peer saw the server's FIN. */
  ended: boolean;
  socket: Socket;
}

/** Sends an upgrade and reads the whole answer, then keeps its own side of the connection open. */
function halfOpenUpgrade(port: number, path: string, headers: Record<string, string>): Promise<Refused> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    let answer = "";
    socket.on("error", reject);
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("end", () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), ended: true, socket }),
    );
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
      "Sec-WebSocket-Version: 13",
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(lines.join("\r\n") + "\r\n\r\n");
  });
}

/** A store that cannot be read: the upgrade that checks a cookie's token is refused with 503. */
const unreadableStore: SessionStore = {
  load: () => Promise.reject(storeUnavailable("the test store", "down on purpose", "nothing to do")),
  save: () => Promise.reject(new Error("not used")),
  delete: () => Promise.resolve(),
  clearExpired: () => Promise.resolve(0),
  close: () => Promise.resolve(),
};

let app: App | undefined;
const peers: Socket[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await app?.close();
  app = undefined;
});

/** A server of its own, with every server-side connection's close awaitable. */
async function start(options: { sessionStore?: SessionStore } = {}) {
  app = createApp({ registry: new Registry(), settings: { DATABASE_URL: tempDatabaseUrl() }, ...options });
  const server = await app.listen(0, "127.0.0.1");
  const port = (server.address() as AddressInfo).port;
  const closed: Promise<void>[] = [];
  server.on("connection", (socket: Socket) =>
    closed.push(new Promise((resolve) => socket.once("close", () => resolve()))),
  );
  /** Resolves true once every connection the server accepted so far is closed, false if one is still open at the bound. */
  const allClosedWithin = (ms: number) =>
    Promise.race([
      Promise.all(closed).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
    ]);
  const nextConnection = () => new Promise<void>((resolve) => server.once("connection", () => resolve()));
  return { port, allClosedWithin, nextConnection };
}

describe("refused upgrades", () => {
  it(`closes ${HANDSHAKES} refused half-open handshakes: no descriptor left on the server`, async () => {
    const { port, allClosedWithin } = await start();
    const statuses = new Map<number, number>();
    for (let sent = 0; sent < HANDSHAKES; sent += IN_FLIGHT) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(IN_FLIGHT, HANDSHAKES - sent) }, () =>
          halfOpenUpgrade(port, "/ws/liveview/room1/", { Origin: "http://evil.example" }),
        ),
      );
      for (const refused of batch) {
        peers.push(refused.socket);
        statuses.set(refused.status, (statuses.get(refused.status) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(statuses)).toEqual({ 403: HANDSHAKES });
    // Every peer still holds its side open; the server must have closed its own regardless.
    expect(peers.every((peer) => !peer.destroyed)).toBe(true);
    const closedInTime = await allClosedWithin(REFUSED_UPGRADE_CLOSE_MS);
    const left = connectionDescriptors(port);
    console.info(`refused upgrades: ${left} server descriptors left after ${HANDSHAKES} refused half-open handshakes`);
    expect(left).toBe(0);
    expect(closedInTime).toBe(true);
  });

  it("closes a refused upgrade for a bad room (400) and for an unreadable store (503) alike", async () => {
    const { port, allClosedWithin } = await start({ sessionStore: unreadableStore });
    const badRoom = await halfOpenUpgrade(port, "/ws/liveview/no%20such%20room/", {
      Origin: `http://127.0.0.1:${port}`,
    });
    const cookie = `sessionid=${randomBytes(24).toString("base64url")}`;
    const storeDown = await halfOpenUpgrade(port, "/ws/liveview/room1/", {
      Origin: `http://127.0.0.1:${port}`,
      Cookie: cookie,
    });
    peers.push(badRoom.socket, storeDown.socket);
    expect([badRoom.status, storeDown.status]).toEqual([400, 503]);
    expect(await allClosedWithin(REFUSED_UPGRADE_CLOSE_MS)).toBe(true);
    expect(connectionDescriptors(port)).toBe(0);
  });

  it("cuts a refused peer that sends its upgrade and never reads the answer", async () => {
    const { port, allClosedWithin, nextConnection } = await start();
    const accepted = nextConnection();
    const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    peers.push(socket);
    socket.pause(); // never reads: the answer stays in the kernel's buffers
    socket.write(
      `GET /ws/liveview/room1/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://evil.example\r\n\r\n`,
    );
    await accepted;
    expect(await allClosedWithin(REFUSED_UPGRADE_CLOSE_MS * 2)).toBe(true);
    expect(connectionDescriptors(port)).toBe(0);
  });
});

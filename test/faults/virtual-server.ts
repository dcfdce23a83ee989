// A server as pages' sockets see it, on virtual time: up or down; a socket is accepted or refused a round trip
// after it is created, and every socket drops when the server stops. Stands in for the browser's WebSocket.

import type { VirtualClock } from "./virtual-clock.ts";

export class VirtualServer {
  up = true;
  readonly open = new Set<VirtualSocket>();
  /** Virtual time of each accepted connection. */
  readonly accepted: number[] = [];

  constructor(
    readonly clock: VirtualClock,
    readonly roundTripMs: number,
  ) {}

  /** A WebSocket class for `globalThis`, connecting to this server. */
  socketClass(): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below needs this server in its constructor
    const server = this;
    return class extends VirtualSocket {
      constructor() {
        super(server);
      }
    };
  }

  /** Every socket drops at once, as when the process stops. */
  stop(): void {
    this.up = false;
    for (const socket of [...this.open]) socket.drop();
  }
}

/** What the client's socket module uses of a WebSocket. */
class VirtualSocket {
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;

  constructor(private readonly server: VirtualServer) {
    server.clock.setTimeout(() => (server.up ? this.accept() : this.drop()), server.roundTripMs);
  }

  send(): void {}

  private accept(): void {
    this.server.open.add(this);
    this.server.accepted.push(this.server.clock.now);
    this.onopen?.();
  }

  drop(): void {
    this.server.open.delete(this);
    this.onclose?.({ code: CLOSE_ABNORMAL });
  }
}

/** What a browser reports when the connection is lost without a close frame. */
const CLOSE_ABNORMAL = 1006;

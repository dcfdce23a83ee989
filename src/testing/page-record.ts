// What crossed a rendered page's sockets, in order: every frame it sent and every message it received, over all
// the sockets it opened (a reconnect opens a new one), so a test can ask what was sent to a target or which action
// fired, and wait for a call's acknowledgement.

import type { JsonObject } from "../json.ts";

/** The part of a window's WebSocket class the record wraps. */
interface SocketClass {
  new (url: string | URL, protocols?: string | string[]): RecordedSocket;
}
interface RecordedSocket {
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

export class PageRecord {
  readonly sent: JsonObject[] = [];
  readonly received: JsonObject[] = [];
  readonly sockets: RecordedSocket[] = [];
  private readonly waiters: { test: (m: JsonObject) => boolean; resolve: () => void }[] = [];

  /** Replaces the window's WebSocket with one that records; called before the page's scripts run. */
  install(window: { WebSocket: SocketClass }): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below reports to this record
    const record = this;
    window.WebSocket = class extends window.WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        record.sockets.push(this);
        this.addEventListener("message", (event) => record.receive(String(event.data)));
      }
      override send(data: string): void {
        record.sent.push(JSON.parse(data) as JsonObject);
        super.send(data);
      }
    };
  }

  /** The HTML of every message sent to `target` (a selector, as the server wrote it), oldest first. */
  sentTo(target: string): string[] {
    return this.received.filter((m) => m.target === target && typeof m.html === "string").map((m) => String(m.html));
  }

  /** Every action message received, or those of one action, oldest first. */
  actions(name?: string): JsonObject[] {
    return this.received.filter((m) => typeof m.action === "string" && (name === undefined || m.action === name));
  }

  /** The error replies received (`{error, function, code}`). */
  errors(): JsonObject[] {
    return this.received.filter((m) => m.error !== undefined);
  }

  /** Resolves once a message passing `test` has been received (at once if one already was). */
  until(test: (m: JsonObject) => boolean): Promise<void> {
    if (this.received.some(test)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  private receive(data: string): void {
    let message: JsonObject;
    try {
      message = JSON.parse(data) as JsonObject;
    } catch {
      return; // the client reports a frame that is not JSON itself
    }
    this.received.push(message);
    for (const waiter of [...this.waiters])
      if (waiter.test(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
  }
}

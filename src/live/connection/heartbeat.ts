// Pings every socket and cuts the ones that stop answering. A peer that vanished without closing (a laptop lid
// shut, a NAT or proxy that dropped the flow) sends no FIN: without this its socket, groups and session watcher
// would stay until the kernel gave up on the connection, hours later, or never for an idle one.

import type { WebSocket } from "ws";

export class Heartbeat {
  /** Each socket, with the timer that cuts it if the last ping goes unanswered (null: not waiting). */
  private readonly sockets = new Map<WebSocket, NodeJS.Timeout | null>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    intervalMs: number,
    private readonly timeoutMs: number,
  ) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  /** Sockets watched now (each is forgotten when it closes). */
  get size(): number {
    return this.sockets.size;
  }

  /** Watches `ws`; `onPong` runs on every pong, asked for or not: any pong shows the peer is there. */
  track(ws: WebSocket, onPong: () => void): void {
    this.sockets.set(ws, null);
    ws.on("pong", () => {
      this.answered(ws);
      onPong();
    });
    ws.once("close", () => {
      this.answered(ws);
      this.sockets.delete(ws);
    });
  }

  private answered(ws: WebSocket): void {
    const deadline = this.sockets.get(ws);
    if (!deadline) return;
    clearTimeout(deadline);
    this.sockets.set(ws, null);
  }

  private beat(): void {
    for (const [ws, deadline] of this.sockets) {
      // One ping at a time: a socket still owing the last answer keeps its deadline.
      if (deadline || ws.readyState !== ws.OPEN) continue;
      this.sockets.set(ws, setTimeout(() => this.cutIfSilent(ws), this.timeoutMs).unref());
      ws.ping();
    }
  }

  /**
   * After the loop's next read, not at once: when this process itself was stalled past the deadline, the timer runs
   * before the pong that arrived meanwhile is read, and an answering peer would be cut.
   */
  private cutIfSilent(ws: WebSocket): void {
    setImmediate(() => {
      // Still owing the answer (a pong read meanwhile resets it). terminate, not close: a close frame would wait for
      // a peer that is gone.
      if (this.sockets.get(ws)) ws.terminate();
    });
  }

  close(): void {
    clearInterval(this.timer);
    for (const ws of this.sockets.keys()) this.answered(ws);
    this.sockets.clear();
  }
}

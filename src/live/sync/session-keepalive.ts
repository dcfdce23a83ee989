// Whether a socket's pongs keep its session alive (LIVEVIEW_HEARTBEAT_EXTENDS_SESSION; off by default).
//
// Off, a session lives SESSION_COOKIE_AGE after the last save, whatever the sockets do: a tab left open does not
// keep a signed-in session forever. On, an open page counts as activity: a pong saves the session's expiry again,
// at most once per ping interval whatever the client sends, and never for a session that is gone, which must stay
// gone rather than come back empty under a new key.

import type { Consumer } from "../connection/consumer.ts";

export class SessionKeepAlive {
  private last = -Infinity;

  constructor(private readonly consumer: Consumer) {}

  onPong(): void {
    const { settings, sessions } = this.consumer.runtime;
    if (this.consumer.sessionKey === null) return;
    const now = performance.now();
    if (now - this.last < settings.LIVEVIEW_PING_INTERVAL_MS) return;
    this.last = now;
    // In the socket's queue: never alongside its own handlers, and with the key it has by then (a login moves it).
    void this.consumer.enqueue(async () => {
      await sessions.run(this.consumer.sessionKey, async (session) => {
        if (session.key !== null) await session.save({ force: true });
      });
    });
  }
}

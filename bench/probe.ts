// Finds out whether a server acknowledges a message id (our protocol's extension) before the shared-session runs.

import { ACK_PROBE_WINDOW_MS, CONNECT_TIMEOUT_MS } from "./constants.ts";
import type { Visit } from "./http-session.ts";
import type { ReplyMode } from "./ipc.ts";
import { newRoom, openSocket } from "./load/connect.ts";
import { isReply, messageFor } from "./load/message.ts";

/**
 * "ack" when the probe's id is acknowledged (`{"ack":…}`, or an `"ack"` key ending the reply); "next" when the server
 * answers without one (django-liveview ignores the id). In the shared-session runs this decides what counts as the
 * reply: a server that pushes the new count to the session's other sockets (ours does, as "other tabs") would
 * otherwise have those pushes taken for replies.
 */
export async function probeReplyMode(url: string, origin: string, visit: Visit): Promise<ReplyMode> {
  const room = newRoom();
  const ws = await openSocket(url.replace("{room}", room), origin, visit);
  try {
    return await new Promise<ReplyMode>((resolve, reject) => {
      let window: NodeJS.Timeout | undefined;
      const silent = setTimeout(
        () => reject(new Error(`${url} did not answer the probe within ${CONNECT_TIMEOUT_MS} ms`)),
        CONNECT_TIMEOUT_MS,
      );
      const done = (mode: ReplyMode) => {
        clearTimeout(silent);
        clearTimeout(window);
        resolve(mode);
      };
      ws.on("message", (data: Buffer) => {
        if (isReply(data, "ack")) return done("ack");
        window ??= setTimeout(() => done("next"), ACK_PROBE_WINDOW_MS);
      });
      ws.send(messageFor(room, "ack"), { binary: false });
    });
  } finally {
    ws.close();
  }
}

// At startup: takes over the calls earlier pages of this session left in the outbox, puts the newest typing they
// carry back into the forms shown, and queues them ahead of this page's own calls.

import { fillForm } from "./form_fill";
import type { Values } from "./form_values";
import { openOutbox, type OutboxEntry } from "./outbox";
import { sessionTag } from "./session_tag";
import { adopt } from "./socket";

export function replayOutbox(): void {
  const tag = sessionTag();
  const left = openOutbox(tag);
  if (!left.length) return;
  const frames = left
    .map((entry) => marked(entry, tag!))
    .filter((e): e is OutboxEntry & { frame: Values } => e !== null);
  // The page was rendered from the session, which may not have these yet: what the user typed last wins.
  for (const { fills, frame } of frames) {
    const form = fills ? document.getElementById(fills) : null;
    if (form && frame.form && typeof frame.form === "object") fillForm(form, frame.form as Values);
  }
  adopt(frames.map(({ frame, ...entry }) => ({ ...entry, text: JSON.stringify(frame) })));
}

/** The frame with the session's tag, which the server checks; a frame that does not parse is dropped. */
function marked(entry: OutboxEntry, tag: string): (OutboxEntry & { frame: Values }) | null {
  try {
    const frame = JSON.parse(entry.text) as Values;
    if (frame === null || typeof frame !== "object" || typeof frame.function !== "string") return null;
    return { ...entry, frame: { ...frame, outbox: tag } };
  } catch {
    return null;
  }
}

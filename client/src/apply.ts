// Applies one server message: error, action, HTML update with url/title/scroll, then the acknowledgement it carries.

import { ACK_REPLAYED_KEY, ACTION_RESYNC } from "../../src/protocol.ts";
import { runAction } from "./actions";
import { emit } from "./events";
import { endLoading } from "./loading";
import { acknowledged } from "./socket";
import { callAcked } from "./call_events";
import { pushUrl } from "./navigation";
import { query, render, type RenderMessage } from "./render";
import { noteSequence } from "./replay";

export interface Incoming extends RenderMessage {
  target?: string;
  url?: string;
  title?: string;
  scroll?: string;
  scrollTop?: boolean;
  action?: string;
  error?: string;
  ack?: string | number;
  [ACK_REPLAYED_KEY]?: boolean;
}

/**
 * The ack may come alone or as a key of the call's last message (docs/protocol.md, "The acknowledgement"): the
 * message is applied first, as if the ack had followed it in a frame of its own, and the ack counts even when nothing
 * of the message applies (a copy of a group message, a target not in the page) or applying it failed.
 */
export function applyMessage(msg: Incoming): void {
  try {
    applyContent(msg);
  } finally {
    if (msg.ack !== undefined) acknowledge(msg.ack, msg[ACK_REPLAYED_KEY] === true);
  }
}

function acknowledge(ack: string | number, replayed: boolean): void {
  const id = String(ack);
  endLoading(id);
  const waited = acknowledged(id);
  callAcked(id);
  // Applied on an earlier socket, whose replies may have been lost with it: render again from the session.
  if (waited && replayed) runAction({ action: ACTION_RESYNC, [ACK_REPLAYED_KEY]: ack });
}

function applyContent(msg: Incoming): void {
  if (!noteSequence(msg)) return; // a group message applied already
  if (msg.error) {
    console.error("LiveView:", msg.error, msg);
    emit("error", msg);
  }
  if (msg.action) runAction({ ...msg, action: msg.action });
  if (!updatePage(msg)) return;
  if (msg.scroll) query(msg.scroll)?.scrollIntoView();
  if (msg.scrollTop) scrollTo(0, 0);
}

/** False when the message names a target that is not in the page: then nothing else of it applies. */
function updatePage(msg: Incoming): boolean {
  const el = msg.target ? query(msg.target) : undefined;
  if (el === null) {
    console.warn(`LiveView: target ${msg.target} matches no element`);
    return false;
  }
  // The URL changes first, so the inserted scripts already see the new location.
  if (msg.url) pushUrl(msg.url);
  if (el) render(el, msg);
  if (msg.title) document.title = msg.title;
  // A new page (html + url) starts at its top unless the message scrolls somewhere itself.
  if (msg.html !== undefined && msg.url && !msg.scroll) scrollTo(0, 0);
  return true;
}

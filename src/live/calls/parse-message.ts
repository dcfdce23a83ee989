// Turns one incoming frame into Content, or says precisely what is wrong with it.
//
// Nesting is measured before anything parses or walks the frame: code that walks parsed JSON (snakeKeys, a schema,
// a handler) recurses once per level, so a frame of 100,000 brackets would exhaust the stack there; the scan at the
// end of this file uses no recursion and stops at the first level too many.

import { LiveViewError } from "../../errors.ts";
import { snakeKeys } from "../../json.ts";
import type { Content } from "./content.ts";

/** `maxDepth` bounds the nesting of arrays and objects (LIVEVIEW_MAX_JSON_DEPTH), checked before parsing. */
export function parseMessage(frame: string, maxDepth: number): Content {
  const scan = scanFrame(frame, maxDepth);
  if (scan === TOO_DEEP) {
    throw new LiveViewError(
      "too_deep",
      `Invalid message: arrays and objects nested deeper than ${maxDepth} levels; send flatter data`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    throw new LiveViewError("bad_frame", "Invalid message: the frame is not JSON; send one JSON object per text frame");
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new LiveViewError("bad_message", 'Invalid message: expected a JSON object with a "function" key');
  }
  // A frame without a capital letter has no key to convert: JSON.parse's own objects are used as they are.
  const content = (scan === NO_CAPITALS ? raw : snakeKeys(raw)) as Record<string, unknown>;
  if (typeof content.function !== "string" || content.function === "") {
    throw new LiveViewError("bad_message", 'Invalid message: "function" is missing or not a string');
  }
  const data = isObject(content.data) ? content.data : {};
  const form = isObject(content.form) ? content.form : {};
  // django-liveview's client sends data-liveview-form-id inside data; ours also sends it at the top level.
  const formId = content.form_id ?? data.liveview_form_id;
  // `content` is this frame's own object: completed in place rather than copied once more.
  content.data = data;
  content.form = form;
  if (typeof formId === "string") content.form_id = formId;
  return content as Content;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const LAST_ASCII = 0x7f;

const TOO_DEEP = 0;
const NO_CAPITALS = 1;
const CAPITALS = 2;

/**
 * One pass over the frame: TOO_DEEP when it opens more than `max` arrays or objects inside one another (brackets
 * inside strings do not count); else whether any key may change in snakeKeys (a capital, an escape, or past ASCII).
 */
function scanFrame(text: string, max: number): typeof TOO_DEEP | typeof NO_CAPITALS | typeof CAPITALS {
  let depth = 0;
  let inString = false;
  let capitals = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A backslash too: an escape such as \u0041 may stand for a capital.
    if ((c >= UPPER_A && c <= UPPER_Z) || c > LAST_ASCII || c === BACKSLASH) capitals = true;
    if (inString) {
      if (c === BACKSLASH)
        i++; // the escaped character, a quote included, cannot end the string
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return TOO_DEEP;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return capitals ? CAPITALS : NO_CAPITALS;
}

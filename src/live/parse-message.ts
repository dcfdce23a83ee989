// Turns one incoming frame into Content, or says precisely what is wrong with it.

import { LiveViewError } from "../errors.ts";
import { snakeKeys } from "../json.ts";
import { nestsDeeperThan } from "./json-depth.ts";
import type { Content } from "./content.ts";

/** `maxDepth` bounds the nesting of arrays and objects (LIVEVIEW_MAX_JSON_DEPTH), checked before parsing. */
export function parseMessage(frame: string, maxDepth: number): Content {
  if (nestsDeeperThan(frame, maxDepth)) {
    throw new LiveViewError("too_deep", `Invalid message: arrays and objects nested deeper than ${maxDepth} levels; send flatter data`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    throw new LiveViewError("bad_frame", "Invalid message: the frame is not JSON; send one JSON object per text frame");
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new LiveViewError("bad_message", "Invalid message: expected a JSON object with a \"function\" key");
  }
  const content = snakeKeys(raw) as Record<string, unknown>;
  if (typeof content.function !== "string" || content.function === "") {
    throw new LiveViewError("bad_message", "Invalid message: \"function\" is missing or not a string");
  }
  const data = isObject(content.data) ? content.data : {};
  const form = isObject(content.form) ? content.form : {};
  // django-liveview's client sends data-liveview-form-id inside data; ours also sends it at the top level.
  const formId = content.form_id ?? data.liveview_form_id;
  return { ...content, function: content.function, data, form, ...(typeof formId === "string" ? { form_id: formId } : {}) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

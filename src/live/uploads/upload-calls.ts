// The built-in calls a page makes over the socket for uploads: start some (`liveview_upload_allow`) and take back
// its own after a reconnect or a restart (`liveview_upload_resume`). The bytes themselves go over HTTP.

import { UPLOAD_CHUNK_BYTES, UPLOAD_URL } from "../../constants.ts";
import { LiveViewError } from "../../errors.ts";
import type { JsonObject } from "../../json.ts";
import {
  UPLOAD_ALLOW_FUNCTION,
  UPLOAD_ALLOWED_ACTION,
  UPLOAD_ERROR_ACTION,
  UPLOAD_RESUME_FUNCTION,
  UPLOAD_RESUMED_ACTION,
} from "../../protocol.ts";
import type { Refused } from "../../uploads/uploads.ts";
import type { Consumer } from "../connection/consumer.ts";
import type { Content } from "../calls/content.ts";
import type { Registry } from "../calls/registry.ts";

async function allow(consumer: Consumer, content: Content): Promise<void> {
  const name = String(content.data.name ?? "");
  const files = (Array.isArray(content.data.files) ? content.data.files : []).map((f) =>
    f !== null && typeof f === "object" ? (f as JsonObject) : {},
  );
  const rule = consumer.runtime.registry.uploadRule(name);
  try {
    if (!rule) throw new LiveViewError("unknown_upload", `no upload is named ${JSON.stringify(name)}`);
    if (files.length === 0) throw new LiveViewError("upload_too_many", "choose at least one file");
    const { allowed, refused } = await consumer.runtime.uploads.allow(
      consumer.id,
      consumer.sessionKey,
      name,
      rule,
      files.map((f) => ({ ref: String(f.ref ?? ""), name: f.name, size: f.size })),
    );
    for (const r of refused) consumer.sendJson(errorAction(name, r));
    if (allowed.length === 0) return;
    consumer.sendJson({
      action: UPLOAD_ALLOWED_ACTION,
      name,
      url: UPLOAD_URL,
      chunk_size: UPLOAD_CHUNK_BYTES,
      entries: allowed.map((a) => ({ ref: a.ref, id: a.id, token: a.token })),
    });
  } catch (error) {
    if (!(error instanceof LiveViewError)) throw error;
    // Beside the input, as a form error: the whole choice was refused.
    consumer.sendJson(errorAction(name, { ref: null, code: error.code, error: error.message }));
  }
}

async function resume(consumer: Consumer, content: Content): Promise<void> {
  const items = (Array.isArray(content.data.entries) ? content.data.entries : []).map((i) =>
    i !== null && typeof i === "object" ? (i as JsonObject) : {},
  );
  const { resumed, refused } = await consumer.runtime.uploads.resume(
    consumer.id,
    consumer.sessionKey,
    items.map((i) => ({ id: i.id, token: i.token })),
  );
  for (const r of refused) consumer.sendJson({ action: UPLOAD_ERROR_ACTION, id: r.ref, code: r.code, error: r.error });
  consumer.sendJson({
    action: UPLOAD_RESUMED_ACTION,
    entries: resumed.map((s) => ({ id: s.id, offset: s.offset, size: s.size, done: s.done })),
  });
}

function errorAction(name: string, refused: Refused): JsonObject {
  return { action: UPLOAD_ERROR_ACTION, name, ref: refused.ref, code: refused.code, error: refused.error };
}

/** A handler's own verdict on an upload, shown beside the input of `name` as a form error is. */
export function uploadError(consumer: Consumer, name: string, message: string): void {
  consumer.sendJson({ action: UPLOAD_ERROR_ACTION, name, ref: null, code: "invalid_content", error: message });
}

/** Registers the built-in upload calls, unless the application registered its own under their names. */
export function registerUploadCalls(registry: Registry): void {
  if (!registry.get(UPLOAD_ALLOW_FUNCTION)) registry.register(UPLOAD_ALLOW_FUNCTION, null, allow as never);
  if (!registry.get(UPLOAD_RESUME_FUNCTION)) registry.register(UPLOAD_RESUME_FUNCTION, null, resume as never);
}

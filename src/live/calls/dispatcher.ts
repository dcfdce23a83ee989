// Runs one message: checks the socket's rate, finds the handler, runs middleware and the handler with a fresh
// session, answers errors.

import { ECHOED_NAME_CHARS } from "../../constants.ts";
import { CLOSE_POLICY_VIOLATION, LOAD_DRAFT_FUNCTION } from "../../protocol.ts";
import { LiveViewError } from "../../errors.ts";
import { supportedLanguage, withLanguage } from "../../i18n/language.ts";
import type { JsonObject } from "../../json.ts";
import { authorize } from "./authorize.ts";
import type { Consumer } from "../connection/consumer.ts";
import type { Content } from "./content.ts";
import { describeFailure } from "./failure-reply.ts";
import { parseMessage } from "./parse-message.ts";
import { withSession } from "./with-session.ts";
import { checkOutboxEntry } from "../forms/outbox-check.ts";
import { watchFormCall } from "../forms/submit-guard.ts";

/** Called for every text frame; the socket's queue keeps its handlers in arrival order. */
export function receive(consumer: Consumer, frame: string): void {
  // Frames already on their way when the socket began to close (a flood, say) run nothing.
  if (!consumer.isOpen) return;
  const { settings } = consumer.runtime;
  const verdict = consumer.rateLimit.check();
  if (verdict === "close")
    return consumer.close(CLOSE_POLICY_VIOLATION, "too many messages: past the rate limit again and again");
  let content: Content;
  try {
    content = parseMessage(frame, settings.LIVEVIEW_MAX_JSON_DEPTH);
  } catch (error) {
    if (verdict === "refuse") return consumer.sendJson(rateLimited(consumer, null));
    const e =
      error instanceof LiveViewError
        ? error
        : new LiveViewError("bad_frame", "Invalid message: the frame could not be read");
    consumer.sendJson({ error: e.message, code: e.code });
    return;
  }
  if (verdict === "refuse") {
    // Answered, not queued; the ack lets the client forget the call instead of sending it again on a reconnect.
    consumer.sendJson(rateLimited(consumer, content.function));
    if (content.id !== undefined) consumer.ack(content.id);
    return;
  }
  void consumer.enqueue(() => dispatch(consumer, content));
}

function rateLimited(consumer: Consumer, name: string | null): JsonObject {
  const { LIVEVIEW_EVENTS_PER_SECOND: rate, LIVEVIEW_EVENTS_BURST: burst } = consumer.runtime.settings;
  return {
    error: `Too many messages: a socket may send ${rate} a second (${burst} at once); this one was not run. Wait a moment and send it again.`,
    code: "rate_limited",
    ...(name === null ? {} : { function: echoed(name) }),
  };
}

/** A client's function name, as repeated back to it: its start is enough to recognise it. */
function echoed(name: string): string {
  return name.length > ECHOED_NAME_CHARS ? `${name.slice(0, ECHOED_NAME_CHARS)}...` : name;
}

export async function dispatch(consumer: Consumer, content: Content): Promise<void> {
  const name = content.function;
  const { registry, settings } = consumer.runtime;
  // A Map of registered names: `__proto__`, `toString` or `a.b` name nothing, as any other unregistered name.
  const entry = registry.get(name);
  let replayed = false;
  try {
    if (!entry) {
      // The list of handlers helps while developing; in production it would map the attack surface for anyone.
      const available: JsonObject = settings.DEBUG ? { available_functions: registry.names() } : {};
      consumer.sendJson({ error: `Unknown function: ${echoed(name)}`, code: "unknown_function", ...available });
      return;
    }
    await withSession(consumer, async (session) => {
      // String ids are unique per page (ours: "<page>.<n>"): a message the session already recorded is a replay.
      if (typeof content.id === "string") {
        if (session.hasReceipt(content.id)) {
          replayed = true;
          return;
        }
        // A form's calls (a submit may change only the database) are recorded even when the session is unchanged;
        // not the built-in draft load every draft form makes when it appears, which only reads.
        session.recordReceipt(content.id, { alone: content.form_id !== undefined && name !== LOAD_DRAFT_FUNCTION });
      }
      checkOutboxEntry(session, content);
      // Before the content is looked at: a caller who may not call the handler learns nothing of what it expects.
      // (Awaited only when there is something to check: every await is a turn of the microtask queue per event.)
      if (entry.access.loginRequired || entry.access.permission) await authorize(consumer, entry.access);
      for (const middleware of registry.middleware) {
        if ((await middleware(consumer, content, name)) === false) return;
      }
      const input = entry.schema ? validate(entry.schema, content) : content;
      const formWatch = watchFormCall(session, content);
      // The client sends its page's language with every message: the reply is rendered in it.
      await withLanguage(supportedLanguage(content.lang), () => entry.handler(consumer, input as never));
      if (formWatch) await formWatch.after();
    });
  } catch (error) {
    const failure = describeFailure(settings, consumer.runtime.logger, error, `handler "${name}" failed`);
    consumer.sendJson({ error: `Handler error: ${failure.text}`, function: name, ...failure.fields });
    consumer.runtime.onError?.(error, { handler: name });
  } finally {
    if (content.id !== undefined) consumer.ack(content.id, replayed);
  }
}

function validate(schema: import("zod").ZodType, content: Content): unknown {
  const parsed = schema.safeParse(content);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "content"}: ${i.message}`).join("; ");
  throw new LiveViewError("invalid_content", `invalid content: ${issues}`);
}

// Runs one message: finds the handler, runs middleware and the handler with a fresh session, answers errors.

import { LiveViewError } from "../errors.ts";
import type { Consumer } from "./consumer.ts";
import type { Content } from "./content.ts";
import { parseMessage } from "./parse-message.ts";
import { withSession } from "./with-session.ts";

/** Called for every text frame; the socket's queue keeps its handlers in arrival order. */
export function receive(consumer: Consumer, frame: string): void {
  let content: Content;
  try {
    content = parseMessage(frame);
  } catch (error) {
    const e = error as LiveViewError;
    consumer.sendJson({ error: e.message, code: e.code });
    return;
  }
  void consumer.enqueue(() => dispatch(consumer, content));
}

export async function dispatch(consumer: Consumer, content: Content): Promise<void> {
  const name = content.function;
  const entry = consumer.runtime.registry.get(name);
  try {
    if (!entry) {
      consumer.sendJson({ error: `Unknown function: ${name}`, available_functions: consumer.runtime.registry.names() });
      return;
    }
    await withSession(consumer, async (session) => {
      // String ids are unique per page (ours: "<page>.<n>"): a message the session already recorded is a replay.
      if (typeof content.id === "string") {
        if (session.hasReceipt(content.id)) return;
        session.recordReceipt(content.id);
      }
      for (const middleware of consumer.runtime.registry.middleware) {
        if ((await middleware(consumer, content, name)) === false) return;
      }
      const input = entry.schema ? validate(entry.schema, content) : content;
      await entry.handler(consumer, input as never);
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Our own errors say what happened in one line (a store outage would otherwise print a stack per call).
    if (error instanceof LiveViewError) {
      if (error.code !== "invalid_content") console.error(`liveview: handler "${name}" failed: ${error.message}`);
    } else console.error(`liveview: handler "${name}" failed`, error);
    consumer.sendJson({ error: `Handler error: ${message}`, function: name });
  } finally {
    if (content.id !== undefined) consumer.sendJson({ ack: content.id });
  }
}

function validate(schema: import("zod").ZodType, content: Content): unknown {
  const parsed = schema.safeParse(content);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "content"}: ${i.message}`).join("; ");
  throw new LiveViewError("invalid_content", `invalid content: ${issues}`);
}

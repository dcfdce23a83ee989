// The app the testing guide's examples test: a counter kept in the session, and a handler typed by its schema.

import { fileURLToPath } from "node:url";
import { z } from "zod";
import { createApp, liveviewHandler, render, renderToString, send, type App, type Consumer } from "liveview-node";

async function showCount(consumer: Consumer, count: number): Promise<void> {
  await send(consumer, { target: "#count", html: await renderToString("count.html", { count }) });
}

export const increment = liveviewHandler("guide_increment", async (consumer) => {
  const session = consumer.scope.session;
  session.set("count", session.get("count", 0) + 1);
  await showCount(consumer, session.get("count"));
});

/** `content.data.amount` is checked and typed: a test calling it with `{ amount: "x" }` does not compile. */
export const addAmount = liveviewHandler(
  "guide_add",
  z.object({ data: z.object({ amount: z.number().int().positive() }) }),
  async (consumer, content) => {
    const session = consumer.scope.session;
    session.set("count", session.get("count", 0) + content.data.amount);
    await showCount(consumer, session.get("count"));
    await send(consumer, { action: "added", amount: content.data.amount });
  },
);

export function makeApp(settings: Record<string, unknown> = {}): App {
  const app = createApp({ templates: [fileURLToPath(new URL("./templates/", import.meta.url))], settings });
  app.get("/", (request) => render(request, "counter.html", { count: request.session.get("count", 0) }));
  return app;
}

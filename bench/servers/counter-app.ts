// What the benchmark measures: the seed guide's counter (its page, its handler that saves and replies with the new
// count, and the re-render in the session's other tabs), as an app of its own, apart from the demo.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp, Registry, render, send, type App, type AppOptions, type Consumer } from "liveview-node";

const templates = join(dirname(fileURLToPath(import.meta.url)), "counter");

async function sendCounter(consumer: Consumer, count: number): Promise<void> {
  await send(consumer, {
    target: "#counter-display",
    html: await consumer.templates.renderToString("counter_display.html", { count }),
  });
}

/** The counter app, not yet listening; a child adds its own handlers to `app.registry`. */
export function createCounterApp(options: AppOptions = {}): App {
  const registry = new Registry()
    .handler("increment_counter", async (consumer) => {
      const session = consumer.scope.session;
      const count = session.get("counter", 0) + 1;
      session.set("counter", count);
      await session.save();
      await sendCounter(consumer, count);
    })
    // Other tabs of the same session show the new count: in the shared-session runs, part of what is measured.
    .onSessionChange("counter", (consumer) => sendCounter(consumer, consumer.scope.session.get("counter", 0)));
  const app = createApp({ templates: [templates], ...options, registry });
  return app.get("/counter", (request) =>
    render(request, "counter_page.html", { count: request.session.get("counter", 0) }),
  );
}

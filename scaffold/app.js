// The app: one page with a counter whose count lives in the visitor's server-side session.

import { fileURLToPath } from "node:url";
import { createApp, liveviewHandler, render, renderToString, send } from "liveview-node";

liveviewHandler("increment_counter", async (consumer) => {
  const session = consumer.scope.session;
  const count = session.get("counter", 0) + 1;
  session.set("counter", count); // saved when the handler returns
  await send(consumer, {
    target: "#counter",
    html: await renderToString("counter_display.html", { count }),
  });
});

/** `settings` override the environment's (tests pass a database of their own). */
export function makeApp(settings = {}) {
  const app = createApp({ templates: [fileURLToPath(new URL("./templates/", import.meta.url))], settings });
  app.get("/", (request) => render(request, "counter.html", { count: request.session.get("counter", 0) }));
  return app;
}

// Two apps in one process, each with its own registry and template folders: neither sees the other's handlers or
// templates, and the process-wide registry is left alone.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, registry, Registry, render, send } from "../../src/index.ts";
import { serve, tempDatabaseUrl, type Running } from "../helpers.ts";

const running: Running[] = [];
afterAll(() => Promise.all(running.map((r) => r.close())));

/** An app named `name` whose `hello.html` and `whoami` handler both say its name, and one handler of its own. */
async function namedApp(name: string, own: string): Promise<Running> {
  const templates = mkdtempSync(join(tmpdir(), `templates-${name}-`));
  mkdirSync(templates, { recursive: true });
  writeFileSync(join(templates, "hello.html"), `<p>{{ greeting }} from ${name}</p>`);
  const handlers = new Registry()
    .handler("whoami", async (consumer) => {
      await send(consumer, {
        target: "#who",
        html: await consumer.templates.renderToString("hello.html", { greeting: "hi" }),
      });
    })
    .handler(own, async (consumer) => send(consumer, { target: "#own", html: own }));
  const app = createApp({ registry: handlers, templates: [templates], settings: { DATABASE_URL: tempDatabaseUrl() } });
  app.get("/", (request) => render(request, "hello.html", { greeting: "hello" }));
  const r = await serve(app);
  running.push(r);
  return r;
}

describe("two apps in one process", () => {
  it("keep their handlers and templates apart, over HTTP and over their sockets", async () => {
    const [a, b] = await Promise.all([namedApp("alpha", "only_alpha"), namedApp("beta", "only_beta")]);
    expect((await a.client().get("/")).text).toBe("<p>hello from alpha</p>");
    expect((await b.client().get("/")).text).toBe("<p>hello from beta</p>");

    const [liveA, liveB] = await Promise.all([a.live(), b.live()]);
    expect(await liveA.call("whoami")).toEqual([{ target: "#who", html: "<p>hi from alpha</p>" }]);
    expect(await liveB.call("whoami")).toEqual([{ target: "#who", html: "<p>hi from beta</p>" }]);
    expect(await liveA.call("only_alpha")).toEqual([{ target: "#own", html: "only_alpha" }]);
    expect(await liveA.call("only_beta")).toEqual([expect.objectContaining({ error: "Unknown function: only_beta" })]);
    expect(await liveB.call("only_alpha")).toEqual([
      expect.objectContaining({ error: "Unknown function: only_alpha" }),
    ]);
    // Each registry has the built-in navigate; none of theirs reached the process-wide one.
    expect(registry.get("whoami")).toBeUndefined();
    expect(registry.get("only_alpha")).toBeUndefined();
  });
});

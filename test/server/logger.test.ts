// An app's logger and onError: the framework's lines go where the app sends its own, and every failed view or
// handler is reported to the app after it was answered.

import { afterAll, describe, expect, it, vi } from "vitest";
import { createApp, Registry, type Logger } from "../../src/index.ts";
import { serve, tempDatabaseUrl, type Running } from "../helpers.ts";

const running: Running[] = [];
afterAll(() => Promise.all(running.map((r) => r.close())));

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, error: record("error"), warn: record("warn"), info: record("info") };
}

describe("createApp({ logger, onError })", () => {
  it("logs start-up, failed handlers and failed views to the app's logger, and tells onError of each failure", async () => {
    const logger = recordingLogger();
    const reported: { error: unknown; where: object }[] = [];
    const consoleError = vi.spyOn(console, "error");
    const handlers = new Registry().handler("boom", () => {
      throw new Error("handler bug");
    });
    const app = createApp({
      registry: handlers,
      logger,
      onError: (error, where) => reported.push({ error, where }),
      settings: { DATABASE_URL: tempDatabaseUrl() },
    });
    app.get("/bad", () => {
      throw new Error("view bug");
    });
    const r = await serve(app);
    running.push(r);

    expect(logger.lines[0]).toMatch(
      /^info liveview: serving http:\/\/127\.0\.0\.1:\d+\/ \(sessions: db on sqlite:.*; groups in this process\)$/,
    );
    const [reply] = await (await r.live()).call("boom");
    expect(reply).toMatchObject({ error: expect.stringMatching(/^Handler error: internal error \(id \w+\)$/) });
    expect((await r.client().get("/bad")).status).toBe(500);

    expect(logger.lines.slice(1)).toEqual([
      expect.stringMatching(/^error liveview: handler "boom" failed \(error id \w+\)$/),
      "error liveview: view failed",
    ]);
    expect(reported.map(({ error, where }) => [(error as Error).message, where])).toEqual([
      ["handler bug", { handler: "boom" }],
      ["view bug", { view: "/bad" }],
    ]);
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
  });
});

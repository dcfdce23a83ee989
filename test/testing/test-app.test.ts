// startTestApp and appFixture: an app of its own per test, on a free port, with a database removed after.

import { existsSync } from "node:fs";
import { expect, it } from "vitest";
import { appFixture, TestClient, type TestApp } from "../../src/testing/index.ts";
import { makeApp } from "../../examples/testing/app.ts";

it("serves a fresh app to a fixture's test and removes its database after, as Playwright Test calls it", async () => {
  let seen: TestApp | undefined;
  await appFixture(makeApp)({}, async (app) => {
    seen = app;
    const page = await new TestClient(app.app, app.url).get("/");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Count: <strong>0</strong>");
    expect(existsSync(app.databaseUrl.slice("sqlite:".length))).toBe(true);
  });
  expect(existsSync(seen!.databaseUrl.slice("sqlite:".length))).toBe(false);
});

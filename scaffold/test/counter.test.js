// The counter as a browser would use it: load the page, click over the live socket, reload.

import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { LiveClient, pageToken, TestClient } from "liveview-node/testing";
import { makeApp } from "../app.js";

test("a click adds one to the session's count, and a reload still shows it", async (t) => {
  const database = join(mkdtempSync(join(tmpdir(), "app-test-")), "db.sqlite3");
  const app = makeApp({ DATABASE_URL: `sqlite:${database}` });
  const server = await app.listen(0, "127.0.0.1");
  t.after(() => app.close());
  const base = `http://127.0.0.1:${server.address().port}`;

  const browser = new TestClient(app, base);
  const page = await browser.get("/");
  assert.match(page.text, /Count: <strong>0<\/strong>/);

  const live = await LiveClient.connect(base, { cookie: browser.cookieHeader, token: pageToken(page.text) });
  const [reply] = await live.call("increment_counter");
  assert.equal(reply.target, "#counter");
  assert.match(String(reply.html), /Count: <strong>1<\/strong>/);
  await live.close();

  assert.match((await browser.get("/")).text, /Count: <strong>1<\/strong>/);
});

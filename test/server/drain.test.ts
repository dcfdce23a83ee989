// Drain for deploys: the running handler finishes and is acknowledged, what arrives after runs nothing (the client
// sends it again elsewhere), the socket is closed with 1012, and no new connection is taken.

import { expect, it } from "vitest";
import { Registry } from "../../src/index.ts";
import { LiveClient } from "../../src/testing/index.ts";
import { startSeed } from "../helpers.ts";

it("lets the running handler finish and commit, runs nothing that arrives after, and closes with 1012", async () => {
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let echoes = 0;
  const handlers = new Registry()
    .handler("slow_save", async (consumer) => {
      consumer.scope.session.set("step", "saved");
      await consumer.scope.session.save();
      started();
      await released;
    })
    .handler("echo", () => void echoes++);
  const seed = await startSeed({ registry: handlers });
  const browser = seed.client();
  await browser.get("/counter");
  const socket = await seed.live(browser);
  const closed = socket.closed();
  socket.sendRaw(JSON.stringify({ function: "slow_save", data: {}, form: {}, id: "p.1" }));
  await running;

  const drained = seed.app.drain({ spreadMs: 1 });
  await expect(LiveClient.connect(seed.baseUrl)).rejects.toThrow(/ECONNREFUSED/);
  socket.sendRaw(JSON.stringify({ function: "echo", data: {}, form: {}, id: "p.2" }));
  release();
  expect(await closed).toMatchObject({ code: 1012 });
  await drained;

  const acks = socket.received.filter((m) => m.ack !== undefined).map((m) => m.ack);
  expect(acks).toEqual(["p.1"]);
  expect(echoes).toBe(0);
  // Committed before the process went: a new one on the same database has it.
  const next = await startSeed({ registry: handlers, settings: { DATABASE_URL: seed.app.settings.DATABASE_URL } });
  expect((await next.app.sessions.load(browser.sessionKey!))?.step).toBe("saved");
  await next.close();
});

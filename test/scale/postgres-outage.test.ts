// PostgreSQL stops mid-run and comes back (a server of the test's own): handlers fail fast with a clear error while
// it is down, the server recovers by itself, and nothing acknowledged is lost.

import { afterAll, beforeAll, expect, it } from "vitest";
import { createSeedApp } from "../fixtures/seed-app.ts";
import { unlimitedEvents } from "../../src/testing/index.ts";
import { serve, type Running } from "../helpers.ts";
import { freePort } from "./processes.ts";
import { PostgresServer, postgresBin } from "./postgres-server.ts";
import { incrementThroughOutage } from "./outage.ts";
import { describeWithServices } from "./services.ts";

describeWithServices("PostgreSQL stops and comes back (db engine, advisory locks)", () => {
  let postgres: PostgresServer;
  let seed: Running;

  beforeAll(async () => {
    const bin = postgresBin();
    if (!bin) throw new Error("PostgreSQL's server programs (initdb, pg_ctl) are not installed");
    postgres = new PostgresServer(bin, await freePort());
    postgres.start();
    seed = await serve(await createSeedApp({ settings: { DATABASE_URL: postgres.url, ...unlimitedEvents } }));
  });
  afterAll(async () => {
    await seed?.close();
    postgres?.remove();
  });

  it("fails fast while PostgreSQL is down, recovers when it is back, and loses no acknowledged increment", async () => {
    const browser = seed.client();
    await browser.get("/counter");
    const sockets = await Promise.all(Array.from({ length: 4 }, () => seed.live(browser)));
    const { outcomes, acked, failed, downAt, upAt } = await incrementThroughOutage(sockets, postgres, {
      before: 600,
      down: 1200,
      after: 2500,
    });
    expect(outcomes.filter((o) => o.ok && o.startedAt < downAt).length).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);
    // The client hears that storage is down and that nothing changed; which server, at which address, is for the log.
    for (const f of failed)
      expect(f.error).toMatch(
        /^Handler error: the server cannot reach its storage right now, so nothing was changed.*\(id \w+\)$/,
      );
    expect(outcomes.filter((o) => o.ok && o.startedAt > upAt + 1000).length).toBeGreaterThan(0);
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(6000); // bounded by the connect and query timeouts: no hang
    // Every acknowledged increment is stored; a failed one may have been saved before its error (a lost reply).
    const counter = (await browser.session())?.counter as number;
    expect(counter).toBeGreaterThanOrEqual(acked);
    expect(counter).toBeLessThanOrEqual(acked + failed.length);
  });
});

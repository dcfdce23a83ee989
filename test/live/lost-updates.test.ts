// No lost update: many sockets and HTTP requests on one session, and the final state holds every acknowledged change.

import { describe, expect, it } from "vitest";
import { unlimitedEvents, type LiveClient, type TestClient } from "../../src/testing/index.ts";
import { addBumpPage, seedForFile } from "../helpers.ts";

const RUN_MS = 1500;

// Closed loops send far faster than anyone clicks: the per-socket rate limit is lifted for them.

const seed = seedForFile({ settings: unlimitedEvents }, (seed) => {
  // A page that increments the same counter, and one that writes another key: HTTP beside the sockets.
  addBumpPage(seed.app);
  seed.app.get("/visit", (request) => {
    request.session.set("visits", request.session.get("visits", 0) + 1);
    return "visited";
  });
});

/** Each socket sends, awaits the reply, and repeats until the deadline; resolves with the number of acknowledged increments. */
async function closedLoop(sockets: LiveClient[], until: number): Promise<number> {
  const counts = await Promise.all(
    sockets.map(async (socket) => {
      let acked = 0;
      while (Date.now() < until) {
        const replies = await socket.call("increment_counter");
        if (replies.length > 0 && !replies.some((r) => "error" in r)) acked++;
      }
      return acked;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function httpLoop(browser: TestClient, path: string, until: number): Promise<number> {
  let done = 0;
  while (Date.now() < until) if ((await browser.get(path)).status === 200) done++;
  return done;
}

async function sharedSession(sockets: number): Promise<{ browser: TestClient; clients: LiveClient[] }> {
  const browser = seed.client();
  await browser.get("/counter");
  const clients = await Promise.all(Array.from({ length: sockets }, () => seed.live(browser)));
  return { browser, clients };
}

describe("one session, many sockets", () => {
  for (const n of [20, 100]) {
    it(`${n} sockets in closed loops lose no increment`, async () => {
      const { browser, clients } = await sharedSession(n);
      const acked = await closedLoop(clients, Date.now() + RUN_MS);
      expect(acked).toBeGreaterThan(0);
      expect((await browser.session())?.counter).toBe(acked);
      await Promise.all(clients.map((c) => c.close()));
    });
  }

  it("with HTTP requests writing the same and other keys in between, nothing is lost either", async () => {
    const { browser, clients } = await sharedSession(20);
    const until = Date.now() + RUN_MS;
    const [acked, bumps, visits] = await Promise.all([
      closedLoop(clients, until),
      httpLoop(browser, "/bump", until),
      httpLoop(browser, "/visit", until),
    ]);
    expect(bumps).toBeGreaterThan(0);
    const stored = await browser.session();
    expect(stored?.counter).toBe(acked + bumps);
    expect(stored?.visits).toBe(visits);
    await Promise.all(clients.map((c) => c.close()));
  });
});

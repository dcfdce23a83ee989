// Fencing tokens on the Redis session lock: a process stopped (SIGSTOP) while it holds a session's lock loses the
// lock when its lease runs out; another process takes it and writes; the stopped one, resumed, has its write refused
// (lock_lost) and the session keeps the newer write. On the Redis store and on PostgreSQL.

import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { LiveClient } from "../../src/testing/index.ts";
import { cleanUp, describeWithServices, isolation, PG_URL, REDIS_URL } from "./services.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
/** Short, so that the test waits little for the stalled holder's lease to run out. */
const LEASE_MS = 400;

interface Child {
  url: string;
  child: ChildProcess;
  /** Resolves when the process prints `line`. */
  printed(line: string): Promise<void>;
}

function startFencingServer(env: Record<string, string>): Promise<Child> {
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", join(root, "test/scale/fencing-server.ts")],
    {
      cwd: root,
      env: { ...process.env, TEST_LOCK_LEASE_MS: String(LEASE_MS), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stdout!.on("data", (chunk) => {
    stdout += chunk;
    for (const w of [...waiters]) {
      if (!stdout.includes(w.line)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const printed = (line: string) =>
    new Promise<void>((resolve) => (stdout.includes(line) ? resolve() : waiters.push({ line, resolve })));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`fencing server exited with ${code}`)));
    void printed("listening ").then(() => {
      const port = /listening (\d+)/.exec(stdout)![1];
      resolve({ url: `http://127.0.0.1:${port}`, child, printed });
    });
  });
}

const children: ChildProcess[] = [];
const isolations: ReturnType<typeof isolation>[] = [];
afterAll(async () => {
  for (const child of children) {
    child.kill("SIGCONT");
    child.kill("SIGKILL");
  }
  for (const ids of isolations) await cleanUp(ids);
});

function fencingTest(name: string, env: Record<string, string>): void {
  it(`${name}: a holder stopped past its lease has its write refused, and the newer write stays`, async () => {
    const ids = isolation();
    isolations.push(ids);
    const settings = { REDIS_URL, TEST_PREFIX: ids.prefix, TEST_SCHEMA: ids.schema, ...env };
    const [a, b] = await Promise.all([startFencingServer(settings), startFencingServer(settings)]);
    children.push(a.child, b.child);
    const page = await fetch(a.url + "/");
    const cookie = page.headers.getSetCookie()[0]!.split(";")[0]!;
    const token = /<p id="token">([^<]+)<\/p>/.exec(await page.text())![1]!;
    const [onA, onB] = await Promise.all([
      LiveClient.connect(a.url, { cookie, token }),
      LiveClient.connect(b.url, { cookie, token }),
    ]);

    // A takes the lock, writes in its copy, and stalls; the whole process is then stopped (no lease renewal).
    const stalled = onA.call("claim", { data: { who: "a", stall: true } });
    await a.printed("stalled");
    a.child.kill("SIGSTOP");
    // B waits for the lock until A's lease runs out, then takes it and writes.
    expect(await onB.call("claim", { data: { who: "b" } })).toEqual([]);
    // A resumes and finishes: its save, under the older token, is refused.
    a.child.kill("SIGCONT");
    const replies = await stalled;
    console.info(`fencing (${name}): the resumed holder got ${JSON.stringify(replies)}`);
    expect(replies).toMatchObject([{ code: "lock_lost", function: "claim" }]);
    // What the store holds, read by either process: B's write, not A's late one.
    for (const server of [a, b]) {
      const owner = await (await fetch(server.url + "/owner", { headers: { Cookie: cookie } })).text();
      expect(owner).toBe('<p id="owner">b</p>');
    }
    await Promise.all([onA.close(), onB.close()]);
  });
}

describeWithServices("fencing tokens on the Redis session lock", () => {
  fencingTest("redis (cache)", { SESSION_ENGINE: "cache" });
  fencingTest("postgresql (db)", { SESSION_ENGINE: "db", DATABASE_URL: PG_URL });
});

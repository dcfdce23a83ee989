// One large upload through a real server on 127.0.0.1, in chunks as the browser client sends them, while the
// process's RSS is sampled: what the upload costs in memory (it streams, so it should not grow with the file) and
// how fast it goes on loopback. The bytes are generated as they are sent; the sha256 is checked at the end.
//
//   npm run upload-memory -- --mb 1024
//
// With `node --expose-gc` and `--collect`, a collection runs before each sample: the figure is then what the upload
// holds (retained), not what the collector has yet to free; the test uses that (test/uploads/memory.test.ts).

import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createApp, Registry } from "../src/index.ts";
import { UPLOAD_CHUNK_BYTES, UPLOAD_URL } from "../src/constants.ts";
import { UPLOAD_ALLOW_FUNCTION } from "../src/protocol.ts";
import { LiveClient, TestClient } from "../src/testing/index.ts";

const MB = 1024 * 1024;
/** How often RSS is read while the upload runs. */
const SAMPLE_MS = 50;

export interface UploadMeasure {
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  rssBefore: number;
  rssPeak: number;
  rssGrowth: number;
  sha256Matches: boolean;
}

export async function measureUpload(bytes: number, collect = false): Promise<UploadMeasure> {
  const dir = mkdtempSync(join(tmpdir(), "liveview-upload-memory-"));
  const registry = new Registry().upload("big", { maxFileSize: bytes });
  const app = createApp({
    registry,
    settings: { DATABASE_URL: `sqlite:${join(dir, "db.sqlite3")}`, UPLOAD_ROOT: join(dir, "uploads") },
  });
  app.get("/", () => "<p>upload</p>");
  const server = await app.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${(server.address() as import("node:net").AddressInfo).port}`;
  try {
    const client = new TestClient(app, base);
    await client.get("/");
    const live = await LiveClient.connect(base, { cookie: client.cookieHeader, token: await client.socketToken() });
    const [allowed] = await live.call(UPLOAD_ALLOW_FUNCTION, {
      data: { name: "big", files: [{ ref: "1", name: "big.bin", size: bytes }] },
    });
    const entry = (allowed!.entries as { id: string; token: string }[])[0]!;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const chunk = Buffer.alloc(UPLOAD_CHUNK_BYTES);
    const hash = createHash("sha256");
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      if (collect) globalThis.gc?.();
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, SAMPLE_MS);
    const started = performance.now();
    let done: { sha256: string } | null = null;
    for (let offset = 0; offset < bytes; offset += chunk.length) {
      const body = chunk.subarray(0, Math.min(chunk.length, bytes - offset));
      body.fill(offset / chunk.length); // different bytes per chunk, no new buffer
      hash.update(body);
      const answer = await put(
        agent,
        `${base}${UPLOAD_URL}${entry.id}?offset=${offset}`,
        entry.token,
        client.cookieHeader,
        body,
      );
      if (answer.status !== 200) throw new Error(`chunk at ${offset}: ${answer.status} ${answer.text}`);
      done = (JSON.parse(answer.text) as { done: { sha256: string } | null }).done;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    agent.destroy();
    await live.close();
    return {
      bytes,
      seconds,
      mbPerSecond: bytes / MB / seconds,
      rssBefore,
      rssPeak,
      rssGrowth: rssPeak - rssBefore,
      sha256Matches: done?.sha256 === hash.digest("hex"),
    };
  } finally {
    await app.close();
  }
}

function put(agent: Agent, url: string, token: string, cookie: string, body: Buffer) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(url, {
      method: "PUT",
      agent,
      headers: { "X-Upload-Token": token, Cookie: cookie, "Content-Length": body.length },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: { mb: { type: "string", default: "1024" }, collect: { type: "boolean" }, json: { type: "boolean" } },
  });
  if (values.collect && !globalThis.gc) throw new Error("--collect needs node --expose-gc");
  const m = await measureUpload(Number(values.mb) * MB, values.collect);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(m)}\n`);
    process.exit(0);
  }
  const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
  console.log(
    `upload of ${mb(m.bytes)}: ${m.seconds.toFixed(1)} s, ${m.mbPerSecond.toFixed(0)} MB/s on loopback; ` +
      `RSS ${mb(m.rssBefore)} before, ${mb(m.rssPeak)} at peak, growth ${mb(m.rssGrowth)}; ` +
      `sha256 ${m.sha256Matches ? "matches" : "DIFFERS"}`,
  );
  process.exit(m.sha256Matches ? 0 : 1);
}

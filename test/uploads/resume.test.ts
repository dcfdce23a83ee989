// Uploads across trouble: a client that stops mid-chunk forever, a server restart mid-upload, and expiry.

import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Registry, send, takeUploads } from "../../src/index.ts";
import { serve, startSeed, tempDatabaseUrl } from "../helpers.ts";
import { createSeedApp } from "../fixtures/seed-app.ts";
import { tempUploadRoot, UploadPage } from "./upload-page.ts";

const MB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const bytesOf = (n: number) => new Uint8Array(n).map((_, i) => 32 + ((i * 7) % 90)); // printable text

function uploadRegistry(): Registry {
  return new Registry().upload("doc", { accept: ["*"], maxFileSize: 64 * MB }).handler("save_doc", async (consumer) => {
    const files = await takeUploads(consumer, "doc");
    await send(consumer, { action: "saved", files: files.map((f) => ({ name: f.name, sha256: f.sha256 })) });
  });
}

describe("an upload in trouble", () => {
  it("a client that stops mid-chunk forever is cut; its bytes wait for a resume until they expire, then are removed", async () => {
    const root = tempUploadRoot();
    const seed = await startSeed({
      registry: uploadRegistry(),
      settings: { UPLOAD_ROOT: root, LIVEVIEW_UPLOAD_IDLE_MS: 200, LIVEVIEW_UPLOAD_EXPIRY_MS: 60_000 },
    });
    try {
      const page = await UploadPage.open(seed);
      const { entries } = await page.allow("doc", [{ name: "stuck.txt", size: 1000 }]);
      const entry = entries[0]!;
      // A raw connection: headers for 1000 bytes, then 500 of them, then nothing.
      const { port } = new URL(seed.baseUrl);
      const socket = connect(Number(port), "127.0.0.1");
      const answer = new Promise<string>((resolve) => {
        let text = "";
        socket.on("data", (d) => (text += d.toString()));
        socket.on("close", () => resolve(text));
      });
      socket.write(
        `PUT /liveview/uploads/${entry.id}?offset=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${page.client.cookieHeader}\r\n` +
          `X-Upload-Token: ${entry.token}\r\nContent-Length: 1000\r\n\r\n`,
      );
      socket.write(Buffer.from(bytesOf(500)));
      // The server cuts the silent request (the idle limit); the connection closes.
      await answer;
      expect((await page.status(entry)).body).toMatchObject({ offset: 500, size: 1000, done: null });
      await page.live.call("increment_counter"); // the socket is as it was
      // Not yet expired: kept. Past the expiry: removed, nothing left in tmp/.
      expect(await seed.app.uploads.sweep(Date.now())).toEqual([]);
      expect(await seed.app.uploads.sweep(Date.now() + 61_000)).toEqual([entry.id]);
      expect(readdirSync(join(root, "tmp"))).toEqual([]);
      expect((await page.status(entry)).body.code).toBe("upload_not_found");
    } finally {
      await seed.close();
    }
  });

  it("a finished upload no handler took expires with its stored file", async () => {
    const root = tempUploadRoot();
    const seed = await startSeed({ registry: uploadRegistry(), settings: { UPLOAD_ROOT: root } });
    try {
      const page = await UploadPage.open(seed);
      expect((await page.upload("doc", "left.txt", bytesOf(100))).body.done).toBeTruthy();
      expect(readdirSync(join(root, "files")).length).toBe(1);
      await seed.app.uploads.sweep(Date.now() + seed.app.settings.LIVEVIEW_UPLOAD_EXPIRY_MS + 1000);
      expect(readdirSync(join(root, "files"))).toEqual([]);
      expect(readdirSync(join(root, "tmp"))).toEqual([]);
    } finally {
      await seed.close();
    }
  });

  it("after a server restart the client resumes from the bytes the server holds, on a new socket", async () => {
    const root = tempUploadRoot();
    const settings = { UPLOAD_ROOT: root, DATABASE_URL: tempDatabaseUrl() };
    const registry = uploadRegistry();
    const bytes = bytesOf(5 * MB + 123);
    const first = await serve(await createSeedApp({ registry, settings }));
    const page = await UploadPage.open(first);
    const { entries } = await page.allow("doc", [{ name: "restart.txt", size: bytes.length }]);
    const entry = entries[0]!;
    for (const offset of [0, MB, 2 * MB]) await page.put(entry, offset, bytes.subarray(offset, offset + MB));
    await first.close();

    const second = await serve(await createSeedApp({ registry, settings }));
    try {
      const browser = second.client(); // the same browser: its cookie, to the restarted server
      for (const [name, value] of page.client.cookies) browser.cookies.set(name, value);
      const again = await UploadPage.open(second, browser);
      const resumed = (await again.resume([entry])).find((m) => m.action === "upload_resumed");
      expect(resumed!.entries).toEqual([{ id: entry.id, offset: 3 * MB, size: bytes.length, done: null }]);
      let last;
      for (let offset = 3 * MB; offset < bytes.length; offset += MB)
        last = await again.put(entry, offset, bytes.subarray(offset, offset + MB));
      expect(last!.body.done).toMatchObject({ sha256: sha256(bytes) });
      const saved = (await again.live.call("save_doc")).find((m) => m.action === "saved");
      expect(saved!.files).toEqual([{ name: "restart.txt", sha256: sha256(bytes) }]);
    } finally {
      await second.close();
    }
  });
});

// Uploads end to end over a real socket and real HTTP: a file arrives whole, typed and hashed, and each bad input
// of the issue is refused with its code, leaves no file behind, and leaves the socket working.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Registry, send, takeUploads, type JsonObject } from "../../src/index.ts";
import { seedForFile } from "../helpers.ts";
import { tempUploadRoot, UploadPage } from "./upload-page.ts";

const root = tempUploadRoot();
const registry = new Registry()
  .upload("doc", { accept: [".txt", ".png", ".bin"], maxFiles: 2, maxFileSize: 4 * 1024 * 1024 })
  .handler("save_doc", async (consumer) => {
    const files = await takeUploads(consumer, "doc");
    await send(consumer, {
      action: "saved",
      files: files.map((f) => ({
        name: f.name,
        size: f.size,
        type: f.type,
        sha256: f.sha256,
        key: f.key,
        content: readFileSync(f.path!).toString("base64"),
      })),
    });
  });
const seed = seedForFile({
  registry,
  settings: { UPLOAD_ROOT: root, LIVEVIEW_UPLOADS_PER_SOCKET: 3, LIVEVIEW_UPLOADS_PER_SESSION: 4 },
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const text = (n: number) => new TextEncoder().encode("line of text\n".repeat(n));
const temps = () => readdirSync(join(root, "tmp"));
const stored = () => (existsSync(join(root, "files")) ? readdirSync(join(root, "files")) : []);

/** The socket still runs handlers: the counter goes up. */
async function stillWorks(page: UploadPage): Promise<void> {
  const replies = await page.live.call("increment_counter");
  expect(replies.some((m) => typeof m.html === "string")).toBe(true);
}

async function saved(page: UploadPage): Promise<JsonObject[]> {
  const replies = await page.live.call("save_doc");
  return replies.find((m) => m.action === "saved")!.files as JsonObject[];
}

describe("an upload", () => {
  it("arrives whole in chunks: the handler gets its name, size, sniffed type and sha256, stored under a new name", async () => {
    const page = await UploadPage.open(seed);
    const bytes = text(200_000); // 2.6 MB: three chunks
    const last = await page.upload("doc", "notes.txt", bytes);
    expect(last.status).toBe(200);
    expect(last.body.done).toEqual({ type: "text/plain", sha256: sha256(bytes) });
    const [file] = await saved(page);
    expect(file).toMatchObject({ name: "notes.txt", size: bytes.length, type: "text/plain", sha256: sha256(bytes) });
    expect(Buffer.from(String(file!.content), "base64").equals(Buffer.from(bytes))).toBe(true);
    expect(stored()).toContain(file!.key);
    expect(String(file!.key)).toMatch(/^[0-9a-f]{32}$/);
    // Taken once: a second call gets nothing, and nothing of it is left in tmp/.
    expect(await saved(page)).toEqual([]);
    expect(temps().filter((f) => f.endsWith(".part") || f.endsWith(".json"))).toEqual([]);
  });

  it("an empty file is an upload too", async () => {
    const page = await UploadPage.open(seed);
    const last = await page.upload("doc", "empty.txt", new Uint8Array());
    expect(last.body.done).toMatchObject({ sha256: sha256(new Uint8Array()) });
  });
});

describe("bad input: refused with its code, no file left behind, the socket usable", () => {
  it("a file larger than allowed is refused before a byte is sent", async () => {
    const page = await UploadPage.open(seed);
    const { entries, errors } = await page.allow("doc", [{ name: "big.txt", size: 4 * 1024 * 1024 + 1 }]);
    expect(entries).toEqual([]);
    expect(errors[0]).toMatchObject({ name: "doc", ref: "0", code: "upload_too_large" });
    expect(temps()).not.toContain(expect.stringMatching(/part$/));
    await stillWorks(page);
  });

  it("more bytes than the file declared: the chunk is refused and the upload removed", async () => {
    const page = await UploadPage.open(seed);
    const { entries } = await page.allow("doc", [{ name: "small.txt", size: 10 }]);
    const answer = await page.put(entries[0]!, 0, text(10));
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe("upload_too_large");
    expect(temps().some((f) => f.startsWith(entries[0]!.id))).toBe(false);
    expect((await page.status(entries[0]!)).body.code).toBe("upload_not_found");
    await stillWorks(page);
  });

  it("more files than allowed at once are refused as a whole", async () => {
    const page = await UploadPage.open(seed);
    const before = temps().length;
    const files = ["a.txt", "b.txt", "c.txt"].map((name) => ({ name, size: 1 }));
    const { entries, errors } = await page.allow("doc", files);
    expect(entries).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ ref: null, code: "upload_too_many" })]);
    expect(temps().length).toBe(before);
    await stillWorks(page);
  });

  it("a type not accepted is refused by its name", async () => {
    const page = await UploadPage.open(seed);
    const { errors } = await page.allow("doc", [{ name: "setup.exe", size: 10 }]);
    expect(errors[0]).toMatchObject({ code: "upload_type" });
    await stillWorks(page);
  });

  it("a forged type (text named .png, a PNG named .txt) is refused by its content, and removed", async () => {
    const page = await UploadPage.open(seed);
    const forged = await page.upload("doc", "photo.png", text(10));
    expect(forged.status).toBe(415);
    expect(forged.body).toMatchObject({ code: "upload_type" });
    expect(String(forged.body.error)).toContain("text/plain");
    const png = new Uint8Array([...PNG_HEAD, ...text(10)]);
    expect((await page.upload("doc", "notes.txt", png)).body.code).toBe("upload_type");
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    expect((await page.upload("doc", "data.bin", html)).body.code).toBe("upload_type");
    expect(temps().filter((f) => f.endsWith(".part"))).toEqual([]);
    expect(await saved(page)).toEqual([]);
    await stillWorks(page);
  });

  it("a real PNG named .png is kept, typed by its content", async () => {
    const page = await UploadPage.open(seed);
    const png = new Uint8Array([...PNG_HEAD, 0, 0, 0, 13]);
    expect((await page.upload("doc", "photo.png", png)).body.done).toMatchObject({ type: "image/png" });
    await saved(page);
  });

  it("a name with ../, a slash, NUL or another control character is refused, and nothing is created", async () => {
    const page = await UploadPage.open(seed);
    const before = temps().length;
    const names = ["../../etc/passwd.txt", "a/b.txt", "a\\b.txt", "evil\u0000.txt", "bell\u0007.txt", ".."];
    for (const name of names) {
      const { entries, errors } = await page.allow("doc", [{ name, size: 1 }]);
      expect(entries).toEqual([]);
      expect(errors[0]).toMatchObject({ code: "upload_name" });
    }
    expect(temps().length).toBe(before);
    expect(readdirSync(root).sort()).toEqual(["files", "secret", "tmp"].filter((f) => existsSync(join(root, f))));
    await stillWorks(page);
  });

  it("chunks out of order, twice or after a gap are refused with where to continue; the file still ends right", async () => {
    const page = await UploadPage.open(seed);
    const bytes = text(200_000);
    const mb = 1024 * 1024;
    const { entries } = await page.allow("doc", [{ name: "order.txt", size: bytes.length }]);
    const entry = entries[0]!;
    const ahead = await page.put(entry, mb, bytes.subarray(mb, 2 * mb));
    expect(ahead).toMatchObject({ status: 409, body: { code: "upload_offset", offset: 0 } });
    expect((await page.put(entry, 0, bytes.subarray(0, mb))).status).toBe(200);
    const twice = await page.put(entry, 0, bytes.subarray(0, mb));
    expect(twice).toMatchObject({ status: 409, body: { code: "upload_offset", offset: mb } });
    const gap = await page.put(entry, 2 * mb, bytes.subarray(2 * mb));
    expect(gap).toMatchObject({ status: 409, body: { offset: mb } });
    expect((await page.put(entry, mb, bytes.subarray(mb, 2 * mb))).status).toBe(200);
    const last = await page.put(entry, 2 * mb, bytes.subarray(2 * mb));
    expect(last.body.done).toMatchObject({ sha256: sha256(bytes) });
    await saved(page);
    await stillWorks(page);
  });

  it("a chunk bigger than a chunk may be is refused", async () => {
    const page = await UploadPage.open(seed);
    const bytes = text(200_000);
    const { entries } = await page.allow("doc", [{ name: "huge-chunk.txt", size: bytes.length }]);
    expect((await page.put(entries[0]!, 0, bytes)).body.code).toBe("upload_too_large");
    expect(temps().some((f) => f.startsWith(entries[0]!.id))).toBe(false);
  });

  it("another session's cookie cannot send, read or cancel an upload, even with its token", async () => {
    const page = await UploadPage.open(seed);
    const stranger = await UploadPage.open(seed);
    const { entries } = await page.allow("doc", [{ name: "mine.txt", size: 5 }]);
    const entry = entries[0]!;
    const chunk = await page.put(entry, 0, text(1).subarray(0, 5), stranger.client.cookieHeader);
    expect(chunk).toMatchObject({ status: 403, body: { code: "upload_forbidden" } });
    expect((await stranger.status(entry)).status).toBe(403);
    expect((await stranger.cancel(entry)).status).toBe(403);
    expect((await stranger.resume([entry])).find((m) => m.action === "upload_error")).toMatchObject({
      code: "upload_forbidden",
    });
    expect((await page.status(entry)).body).toMatchObject({ offset: 0 });
    await page.cancel(entry);
    await stillWorks(stranger);
  });

  it("another socket's upload: its token does not open another upload, and its files go to the socket that sent them", async () => {
    const page = await UploadPage.open(seed);
    const other = await UploadPage.open(seed, page.client, "otherroom"); // same session, another page
    const { entries } = await page.allow("doc", [{ name: "a.txt", size: 5 }]);
    const { entries: theirs } = await other.allow("doc", [{ name: "b.txt", size: 5 }]);
    const borrowed = { id: entries[0]!.id, token: theirs[0]!.token };
    expect(await page.put(borrowed, 0, text(1).subarray(0, 5))).toMatchObject({
      status: 403,
      body: { code: "upload_forbidden" },
    });
    expect((await page.put(entries[0]!, 0, text(1).subarray(0, 5))).body.done).toBeTruthy();
    expect(await saved(other)).toEqual([]);
    expect((await saved(page)).map((f) => f.name)).toEqual(["a.txt"]);
    await other.cancel(theirs[0]!);
    await stillWorks(other);
  });

  it("a forged or missing token is refused", async () => {
    const page = await UploadPage.open(seed);
    const { entries } = await page.allow("doc", [{ name: "t.txt", size: 5 }]);
    const [body, signature] = entries[0]!.token.split(".");
    const tampered = Buffer.from(body!, "base64url")
      .toString()
      .replace(/"expires":\d+/, '"expires":9999999999999');
    const forged = { id: entries[0]!.id, token: `${Buffer.from(tampered).toString("base64url")}.${signature}` };
    expect((await page.put(forged, 0, text(1).subarray(0, 5))).body.code).toBe("upload_forbidden");
    expect((await page.put({ id: entries[0]!.id, token: "" }, 0, text(1))).body.code).toBe("upload_forbidden");
    expect((await page.status({ id: "..%2F..%2Fsecret", token: entries[0]!.token })).body.code).toBe(
      "upload_not_found",
    );
    await page.cancel(entries[0]!);
  });

  it("an unknown upload name is refused", async () => {
    const page = await UploadPage.open(seed);
    const { errors } = await page.allow("nope", [{ name: "a.txt", size: 1 }]);
    expect(errors[0]).toMatchObject({ code: "unknown_upload" });
    await stillWorks(page);
  });

  it("past the uploads a socket, then a session, may have under way at once: upload_busy", async () => {
    const page = await UploadPage.open(seed);
    const first = await page.allow("doc", [
      { name: "1.txt", size: 5 },
      { name: "2.txt", size: 5 },
    ]);
    expect(first.entries.length).toBe(2);
    // The socket's name allows two files; a second name would still be bound by the socket's limit of 3.
    const other = await UploadPage.open(seed, page.client, "secondroom");
    const second = await other.allow("doc", [
      { name: "3.txt", size: 5 },
      { name: "4.txt", size: 5 },
    ]);
    expect(second.entries.length).toBe(2);
    const third = await UploadPage.open(seed, page.client, "thirdroom");
    const busy = await third.allow("doc", [{ name: "5.txt", size: 5 }]);
    expect(busy.errors[0]).toMatchObject({ code: "upload_busy" });
    expect(String(busy.errors[0]!.error)).toContain("session");
    // A finished upload no longer counts.
    await page.put(first.entries[0]!, 0, text(1).subarray(0, 5));
    expect((await third.allow("doc", [{ name: "5.txt", size: 5 }])).entries.length).toBe(1);
    for (const p of [page, other, third]) await saved(p);
    for (const e of [first.entries[1]!, ...second.entries]) await page.cancel(e);
  });

  it("a closed page's uploads stop counting against the session's limit", async () => {
    const page = await UploadPage.open(seed);
    const { entries } = await page.allow("doc", [
      { name: "1.txt", size: 5 },
      { name: "2.txt", size: 5 },
    ]);
    const other = await UploadPage.open(seed, page.client, "reloaded");
    const files = [
      { name: "3.txt", size: 5 },
      { name: "4.txt", size: 5 },
      { name: "5.txt", size: 5 },
    ];
    expect((await other.allow("doc", files.slice(0, 2))).entries.length).toBe(2);
    const third = await UploadPage.open(seed, page.client, "third");
    expect((await third.allow("doc", files.slice(2))).errors[0]).toMatchObject({ code: "upload_busy" });
    await page.live.close();
    // Refused until the server has seen the first page's socket close; nothing is created while refused.
    await expect.poll(async () => (await third.allow("doc", files.slice(2))).entries.length).toBe(1);
    for (const e of entries) await other.cancel(e);
  });

  it("a cancelled upload is gone: its bytes removed, its chunks refused", async () => {
    const page = await UploadPage.open(seed);
    const { entries } = await page.allow("doc", [{ name: "c.txt", size: 100 }]);
    await page.put(entries[0]!, 0, text(5).subarray(0, 50));
    expect((await page.cancel(entries[0]!)).status).toBe(200);
    expect(temps().some((f) => f.startsWith(entries[0]!.id))).toBe(false);
    expect((await page.put(entries[0]!, 50, text(5).subarray(50, 100))).body.code).toBe("upload_not_found");
    await stillWorks(page);
  });
});

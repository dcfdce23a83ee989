// The demo's /files page in Chromium: a 50 MB upload shows its progress moving, then the list shows the file with
// the sha256 of its bytes; Delete removes it, from the list and from the store.

import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startDemo, type Running } from "../demo/demo.ts";
import { tempUploadRoot } from "../uploads/upload-page.ts";
import { launch, openPage } from "./browser.ts";

const MB = 1024 * 1024;
const root = tempUploadRoot();
let demo: Running;
let browser: Browser;
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ settings: { UPLOAD_ROOT: root } }), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

function fileOf(name: string, bytes: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), "liveview-upload-file-")), name);
  writeFileSync(path, bytes);
  return path;
}

describe("the /files page", () => {
  it("uploads 50 MB with progress moving, lists it with its sha256, and deletes it", async () => {
    const bytes = randomBytes(50 * MB);
    const path = fileOf("big.bin", bytes);
    const context = await browser.newContext();
    const page = await openPage(context, demo.baseUrl + "/files");
    await page.evaluate(() => {
      const w = window as unknown as { progress: number[] };
      w.progress = [];
      document.addEventListener("liveview:upload-progress", (e) =>
        w.progress.push((e as CustomEvent<{ loaded: number }>).detail.loaded),
      );
    });
    const started = performance.now();
    await page.setInputFiles("#file-input", path);
    await page.waitForSelector("#file-list .file-sha256", { timeout: 60_000 });
    const seconds = (performance.now() - started) / 1000;
    console.log(`upload in Chromium: 50 MB in ${seconds.toFixed(2)} s, ${(50 / seconds).toFixed(0)} MB/s`);
    const progress = await page.evaluate(() => (window as unknown as { progress: number[] }).progress);
    expect(new Set(progress).size).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(bytes.length);
    expect(await page.getAttribute("[data-liveview-upload-entry]", "data-progress")).toBe("100");
    expect(await page.getAttribute("[data-liveview-upload-entry]", "data-state")).toBe("done");
    expect(await page.textContent("#file-list .file-name")).toBe("big.bin");
    expect((await page.textContent("#file-list .file-sha256"))?.trim()).toBe(
      createHash("sha256").update(bytes).digest("hex"),
    );
    expect(readdirSync(join(root, "files")).length).toBe(1);
    await page.screenshot({ path: join(tmpdir(), "liveview-files-page.png") });

    await page.click("#file-list button");
    await page.waitForSelector("#no-files");
    expect(readdirSync(join(root, "files"))).toEqual([]);
    expect(page.errors).toEqual([]);
    await context.close();
  });

  it("shows a refused file's reason beside its entry, and a forged type is never listed", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, demo.baseUrl + "/files");
    const forged = fileOf("photo.png", Buffer.from("<html><script>alert(1)</script></html>"));
    await page.setInputFiles("#file-input", forged);
    await page.waitForSelector("[data-liveview-upload-entry][data-state=failed]");
    expect(await page.textContent(".liveview-upload-message")).toContain("not what its name says");
    expect(await page.locator("#no-files").count()).toBe(1);
    expect(page.errors).toEqual([]);
    await context.close();
  });

  it("more files than the page takes at once: the reason beside the input, nothing sent", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, demo.baseUrl + "/files");
    const six = [1, 2, 3, 4, 5, 6].map((n) => fileOf(`note-${n}.txt`, Buffer.from(`note ${n}\n`)));
    await page.setInputFiles("#file-input", six);
    await page.waitForSelector("[data-liveview-upload-errors=files] .error");
    expect(await page.textContent("[data-liveview-upload-errors=files] .error")).toContain("5 file(s) at most");
    expect(await page.locator("[data-liveview-upload-entry][data-state=failed]").count()).toBe(6);
    expect(await page.locator("#no-files").count()).toBe(1);
    await context.close();
  });

  it("a handler's verdict is shown beside the input: the same file twice is listed once", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, demo.baseUrl + "/files");
    const path = fileOf("twice.txt", Buffer.from("the same bytes\n"));
    await page.setInputFiles("#file-input", path);
    await page.waitForSelector("#file-list .file-sha256");
    await page.setInputFiles("#file-input", path);
    await page.waitForSelector("[data-liveview-upload-errors=files] .error");
    expect(await page.textContent("[data-liveview-upload-errors=files] .error")).toBe(
      "twice.txt is already in your list, as twice.txt",
    );
    expect(await page.locator("#file-list tbody tr").count()).toBe(1);
    await context.close();
  });

  it("a dropped image shows its preview before it is sent, and is uploaded", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, demo.baseUrl + "/files");
    // A 1x1 PNG, dropped on the marked area as a browser's drag and drop delivers it.
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], "dot.png", { type: "image/png" }));
      const area = document.querySelector("[data-liveview-upload-drop=files]")!;
      for (const type of ["dragenter", "dragover", "drop"])
        area.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, png);
    expect(await page.locator("[data-liveview-upload-entry] img.liveview-upload-preview").count()).toBe(1);
    await page.waitForSelector("#file-list .file-sha256");
    expect(await page.textContent("#file-list .file-name")).toBe("dot.png");
    await context.close();
  });

  it("cancel stops the transfer and removes the server's bytes; nothing is listed", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, demo.baseUrl + "/files");
    // Cancelled at the first progress the page hears, from inside the page: long before 150 MB are sent.
    await page.evaluate(() => {
      const w = window as unknown as { cancelled: boolean };
      document.addEventListener("liveview:upload-progress", () => {
        if (w.cancelled) return;
        w.cancelled = true;
        document.querySelector<HTMLButtonElement>("[data-liveview-upload-cancel]")!.click();
      });
    });
    const cancelled = page.evaluate(
      () => new Promise((resolve) => document.addEventListener("liveview:upload-cancelled", resolve, { once: true })),
    );
    await page.setInputFiles("#file-input", fileOf("cancel.bin", randomBytes(150 * MB)));
    await cancelled;
    expect(await page.locator("[data-liveview-upload-entry]").count()).toBe(0);
    await expect.poll(() => readdirSync(join(root, "tmp")).filter((f) => f.startsWith("cancel"))).toEqual([]);
    await expect.poll(() => readdirSync(join(root, "tmp")).filter((f) => /\.(part|json)$/.test(f))).toEqual([]);
    expect(await page.locator("#no-files").count()).toBe(1);
    await context.close();
  });
});

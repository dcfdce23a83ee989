// A dropped connection mid-upload, in Chromium: every connection between the browser and the server is cut when
// half the file has gone through; the client asks the server where its copy ends and continues from there.

import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { UPLOAD_CHUNK_BYTES } from "../../src/constants.ts";
import { startDemo, type Running } from "../demo/demo.ts";
import { tempUploadRoot } from "../uploads/upload-page.ts";
import { launch, openPage } from "./browser.ts";

const MB = 1024 * 1024;

/** A TCP relay that counts the bytes the browser sends and, once, cuts every connection past a count. */
class CuttingProxy {
  sent = 0;
  cuts = 0;
  private readonly sockets = new Set<Socket>();
  readonly server: Server;

  constructor(
    target: number,
    private readonly cutAt: number,
  ) {
    this.server = createServer((client) => {
      const upstream = connect(target, "127.0.0.1");
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => undefined);
      }
      client.on("data", (data: Buffer) => {
        this.sent += data.length;
        upstream.write(data);
        if (this.cuts === 0 && this.sent >= this.cutAt) this.cut();
      });
      upstream.on("data", (data: Buffer) => client.write(data));
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  }

  private cut(): void {
    this.cuts++;
    for (const s of this.sockets) s.destroy();
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return (this.server.address() as AddressInfo).port;
  }
}

let demo: Running;
let browser: Browser;
beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ settings: { UPLOAD_ROOT: tempUploadRoot() } }), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe("an upload whose connection drops at half", () => {
  it("resumes from the server's last byte: the bytes sent twice are under two chunks", async () => {
    const size = 20 * MB;
    const bytes = randomBytes(size);
    const path = join(mkdtempSync(join(tmpdir(), "liveview-upload-file-")), "half.bin");
    writeFileSync(path, bytes);
    const proxy = new CuttingProxy(Number(new URL(demo.baseUrl).port), size / 2);
    const port = await proxy.listen();
    const context = await browser.newContext();
    const page = await openPage(context, `http://127.0.0.1:${port}/files`);
    await page.setInputFiles("#file-input", path);
    await page.waitForSelector("#file-list .file-sha256", { timeout: 60_000 });
    expect((await page.textContent("#file-list .file-sha256"))?.trim()).toBe(
      createHash("sha256").update(bytes).digest("hex"),
    );
    expect(proxy.cuts).toBe(1);
    // Everything the browser sent (the page, the socket, the chunks' headers, the file) beyond the file's own bytes:
    // the part of the chunk under way when the cut came, and a few kilobytes of requests.
    const twice = proxy.sent - size;
    expect(twice).toBeLessThan(2 * UPLOAD_CHUNK_BYTES);
    console.log(`upload resume: ${proxy.sent} bytes sent for ${size}; ${twice} more than the file`);
    expect(page.errors).toEqual([]);
    await context.close();
    proxy.server.close();
  });
});

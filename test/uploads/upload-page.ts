// A page of the fixture app for upload tests: its cookie, its socket, and the calls and chunk requests it makes.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "../../src/index.ts";
import { UPLOAD_ALLOW_FUNCTION, UPLOAD_RESUME_FUNCTION } from "../../src/protocol.ts";
import { UPLOAD_URL } from "../../src/constants.ts";
import type { LiveClient, TestClient } from "../../src/testing/index.ts";
import type { Running } from "../helpers.ts";

export function tempUploadRoot(): string {
  return join(mkdtempSync(join(tmpdir(), "liveview-uploads-")), "uploads");
}

export interface Chunk {
  status: number;
  body: JsonObject;
}

export class UploadPage {
  private constructor(
    readonly seed: Running,
    readonly client: TestClient,
    readonly live: LiveClient,
  ) {}

  static async open(seed: Running, client = seed.client(), room?: string): Promise<UploadPage> {
    await client.get("/");
    return new UploadPage(seed, client, await seed.live(client, room));
  }

  /** Starts uploads: the `upload_allowed` entries (by ref) and every `upload_error`. */
  async allow(name: string, files: { name: string; size: number }[]) {
    const replies = await this.live.call(UPLOAD_ALLOW_FUNCTION, {
      data: { name, files: files.map((f, i) => ({ ref: String(i), ...f })) },
    });
    const allowed = replies.find((m) => m.action === "upload_allowed");
    return {
      entries: ((allowed?.entries ?? []) as JsonObject[]).map((e) => ({ id: String(e.id), token: String(e.token) })),
      errors: replies.filter((m) => m.action === "upload_error"),
    };
  }

  /** One upload of `bytes`, whole, in chunks of `chunk` bytes; the last answer. */
  async upload(name: string, fileName: string, bytes: Uint8Array, chunk = 1024 * 1024): Promise<Chunk> {
    const { entries, errors } = await this.allow(name, [{ name: fileName, size: bytes.length }]);
    if (!entries[0]) return { status: 0, body: errors[0]! };
    let last: Chunk = { status: 0, body: {} };
    for (let offset = 0; offset < bytes.length || offset === 0; offset += chunk) {
      last = await this.put(entries[0], offset, bytes.subarray(offset, offset + chunk));
      if (last.status !== 200 || bytes.length === 0) break;
    }
    return last;
  }

  resume(entries: { id: string; token: string }[]): Promise<JsonObject[]> {
    return this.live.call(UPLOAD_RESUME_FUNCTION, { data: { entries } });
  }

  put(entry: { id: string; token: string }, offset: number, body: Uint8Array, cookie = this.client.cookieHeader) {
    return this.request("PUT", `${entry.id}?offset=${offset}`, entry.token, cookie, body);
  }

  status(entry: { id: string; token: string }) {
    return this.request("GET", entry.id, entry.token, this.client.cookieHeader);
  }

  cancel(entry: { id: string; token: string }) {
    return this.request("DELETE", entry.id, entry.token, this.client.cookieHeader);
  }

  private async request(method: string, path: string, token: string, cookie: string, body?: Uint8Array) {
    const res = await fetch(this.seed.baseUrl + UPLOAD_URL + path, {
      method,
      body: body as Uint8Array<ArrayBuffer> | undefined,
      headers: { "X-Upload-Token": token, Cookie: cookie },
    });
    return { status: res.status, body: (await res.json()) as JsonObject };
  }
}

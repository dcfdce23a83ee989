// Sends one file in chunks over HTTP: each chunk starts where the server's copy ends; after a failure (a dropped
// connection, a restarted server) it asks the server where that is and continues from there, not from zero.

import { UPLOAD_OFFSET_PARAM, UPLOAD_TOKEN_HEADER } from "../../src/protocol.ts";
import { UPLOAD_RETRY_MS } from "./constants";

export interface Grant {
  id: string;
  token: string;
  url: string;
  chunkSize: number;
}

export interface Outcome {
  done?: { type: string; sha256: string };
  error?: { code: string; message: string };
}

interface Reply {
  status: number;
  body: { offset?: number; done?: Outcome["done"] | null; error?: string; code?: string } | null;
}

export class Transfer {
  private xhr: XMLHttpRequest | null = null;
  private stopped = false;

  constructor(
    readonly file: File,
    readonly grant: Grant,
    private readonly progress: (loaded: number) => void,
  ) {}

  /** Runs until the file is in, the server refuses it, or `stop()`. */
  async run(): Promise<Outcome> {
    let offset = 0;
    let failures = 0;
    for (;;) {
      if (this.stopped) return { error: { code: "cancelled", message: "cancelled" } };
      const end = Math.min(this.file.size, offset + this.grant.chunkSize);
      const reply = await this.send("PUT", offset, this.file.slice(offset, end));
      if (reply.status === 200 && reply.body) {
        failures = 0;
        if (reply.body.done) return { done: reply.body.done };
        offset = reply.body.offset ?? end;
        continue;
      }
      if (reply.status === 409 && typeof reply.body?.offset === "number") {
        offset = reply.body.offset; // the server holds more (or less) than this chunk assumed: from there
        if (offset < this.file.size) continue;
        // It holds the whole file (a last chunk sent again after its answer was lost): its status says how it ended.
        const status = await this.send("GET", null, null);
        if (status.status === 200 && status.body?.done) return { done: status.body.done };
        return { error: { code: reply.body.code ?? "upload_offset", message: reply.body.error ?? "" } };
      }
      if (reply.status >= 400 && reply.status < 500 && reply.body?.code)
        return { error: { code: reply.body.code, message: reply.body.error ?? reply.body.code } };
      // The connection dropped or the server is away: wait, then ask it where the file ends.
      await pause(UPLOAD_RETRY_MS[Math.min(failures++, UPLOAD_RETRY_MS.length - 1)]!);
      const status = await this.send("GET", null, null);
      if (status.status === 200 && status.body) {
        if (status.body.done) return { done: status.body.done };
        offset = status.body.offset ?? offset;
      } else if (status.status >= 400 && status.status < 500 && status.body?.code)
        return { error: { code: status.body.code, message: status.body.error ?? status.body.code } };
    }
  }

  stop(): void {
    this.stopped = true;
    this.xhr?.abort();
  }

  /** XMLHttpRequest rather than fetch: it reports the bytes of a request body as they leave. */
  private send(method: string, offset: number | null, body: Blob | null): Promise<Reply> {
    return new Promise((resolve) => {
      const xhr = (this.xhr = new XMLHttpRequest());
      const query = offset === null ? "" : `?${UPLOAD_OFFSET_PARAM}=${offset}`;
      xhr.open(method, `${this.grant.url}${this.grant.id}${query}`);
      xhr.setRequestHeader(UPLOAD_TOKEN_HEADER, this.grant.token);
      if (offset !== null) xhr.upload.onprogress = (event) => this.progress(offset + event.loaded);
      xhr.onload = () => {
        let parsed: Reply["body"] = null;
        try {
          parsed = JSON.parse(xhr.responseText) as Reply["body"];
        } catch {
          // not ours (a proxy's error page): treated as a failure to reach the server
        }
        resolve({ status: xhr.status, body: parsed });
      };
      xhr.onerror = xhr.onabort = xhr.ontimeout = () => resolve({ status: 0, body: null });
      xhr.send(body);
    });
  }
}

/** Cancels on the server too: its bytes so far are removed. */
export function cancelOnServer(grant: Grant): void {
  void fetch(`${grant.url}${grant.id}`, { method: "DELETE", headers: { [UPLOAD_TOKEN_HEADER]: grant.token } }).catch(
    () => undefined,
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

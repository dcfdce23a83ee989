// An app's uploads: starting them for a socket, taking their chunks, finishing, cancelling, expiring, and handing
// the finished ones to the socket that started them. Socket and session are plain ids here (no live/ types).

import { createHash, type Hash } from "node:crypto";
import { rm } from "node:fs/promises";
import type { Readable } from "node:stream";
import { UPLOAD_CHUNK_BYTES, UPLOAD_SWEEP_INTERVAL_MS, UPLOAD_TOKEN_LIFETIME_MS } from "../constants.ts";
import { LiveViewError } from "../errors.ts";
import type { Settings } from "../settings.ts";
import { appendChunk } from "./chunk-writer.ts";
import { checkedFileName } from "./file-name.ts";
import { LocalUploadStore } from "./local-store.ts";
import { sniffType } from "./sniff.ts";
import { checkedUploadId, newUploadId, TempFolder, type UploadEntry } from "./upload-entry.ts";
import { checkContent, checkDeclared, type UploadRule } from "./upload-rule.ts";
import type { UploadStore } from "./upload-store.ts";
import { forbidden, sessionTag, signToken, uploadSecret, verifyToken } from "./upload-token.ts";
import { hashFile, head } from "./file-digest.ts";
import type { UploadedFile } from "./uploaded-file.ts";

export interface Allowed {
  ref: string;
  id: string;
  token: string;
}
export interface Refused {
  ref: string | null;
  code: string;
  error: string;
}
export interface UploadStatus {
  id: string;
  offset: number;
  size: number;
  done: { type: string; sha256: string } | null;
}

export class Uploads {
  readonly temp: TempFolder;
  readonly store: UploadStore;
  private secret: Buffer | null = null;
  /** Uploads not finished, per id: the socket and session they count against (concurrency limits). */
  private readonly underWay = new Map<string, { socket: string; session: string }>();
  /** The socket each upload known to this process belongs to (a resume after a reconnect moves it). */
  private readonly owners = new Map<string, string>();
  /**
   * Uploads with a chunk being written now, and when it will have settled: one writer at a time, the sweeper leaves
   * them alone, and a status waits, so that a cut chunk's last bytes still reaching the disk count in its offset.
   */
  private readonly writing = new Map<string, Promise<unknown>>();
  /** The running sha256 of uploads whose chunks came through this process in order, with where it stands. */
  private readonly hashes = new Map<string, { hash: Hash; offset: number }>();

  constructor(
    private readonly settings: Settings,
    store?: UploadStore,
  ) {
    this.temp = new TempFolder(settings.UPLOAD_ROOT);
    this.store = store ?? new LocalUploadStore(settings.UPLOAD_ROOT);
  }

  /** The signing secret, read (or made) once. */
  private async key(): Promise<Buffer> {
    if (this.secret) return this.secret;
    await this.temp.init();
    return (this.secret = await uploadSecret(this.settings.UPLOAD_ROOT));
  }

  /** Starts an upload per file; a file that breaks a limit is refused alone, a call past the counts as a whole. */
  async allow(
    socket: string,
    sessionKey: string | null,
    name: string,
    rule: UploadRule,
    files: { ref: string; name: unknown; size: unknown }[],
  ): Promise<{ allowed: Allowed[]; refused: Refused[] }> {
    if (sessionKey === null) throw forbidden("this page has no session; reload it to upload");
    const session = sessionTag(sessionKey);
    const mine = [...this.owners].filter(([, s]) => s === socket).map(([id]) => id);
    const held = (await Promise.all(mine.map((id) => this.temp.read(id).catch(() => null)))).filter(
      (e) => e?.name === name,
    ).length;
    if (held + files.length > rule.maxFiles)
      throw new LiveViewError(
        "upload_too_many",
        `${name} takes ${rule.maxFiles} file(s) at most; ${held} already sent or under way, ${files.length} more asked`,
      );
    const active = [...this.underWay.values()];
    const { LIVEVIEW_UPLOADS_PER_SOCKET: perSocket, LIVEVIEW_UPLOADS_PER_SESSION: perSession } = this.settings;
    if (active.filter((u) => u.socket === socket).length + files.length > perSocket)
      throw new LiveViewError("upload_busy", `a page may send ${perSocket} files at once; wait for some to finish`);
    if (active.filter((u) => u.session === session).length + files.length > perSession)
      throw new LiveViewError("upload_busy", `a session may send ${perSession} files at once; wait for some to finish`);
    const secret = await this.key();
    const allowed: Allowed[] = [];
    const refused: Refused[] = [];
    for (const file of files) {
      try {
        const fileName = checkedFileName(file.name);
        const size = checkDeclared(rule, fileName, file.size);
        const id = newUploadId();
        await this.temp.create({ id, name, fileName, size, rule, session, createdAt: Date.now() });
        this.underWay.set(id, { socket, session });
        this.owners.set(id, socket);
        const token = signToken(secret, { id, session, expires: Date.now() + UPLOAD_TOKEN_LIFETIME_MS });
        allowed.push({ ref: file.ref, id, token });
      } catch (error) {
        if (!(error instanceof LiveViewError)) throw error;
        refused.push({ ref: file.ref, code: error.code, error: error.message });
      }
    }
    return { allowed, refused };
  }

  /** An upload's entry, for a request holding its token and its session's cookie; otherwise upload_forbidden. */
  private async authorised(rawId: unknown, token: unknown, sessionKey: string | null): Promise<UploadEntry> {
    const id = checkedUploadId(rawId);
    const claims = verifyToken(await this.key(), token, id);
    if (sessionKey === null || sessionTag(sessionKey) !== claims.session)
      throw forbidden("this upload belongs to another session");
    const entry = await this.temp.read(id);
    if (entry.session !== claims.session) throw forbidden("this upload belongs to another session");
    return entry;
  }

  async status(id: unknown, token: unknown, sessionKey: string | null): Promise<UploadStatus> {
    let entry = await this.authorised(id, token, sessionKey);
    const under = this.writing.get(entry.id);
    if (under) {
      await under.catch(() => undefined);
      entry = await this.temp.read(entry.id);
    }
    return this.statusOf(entry);
  }

  private async statusOf(entry: UploadEntry): Promise<UploadStatus> {
    const done = entry.done ? { type: entry.done.type, sha256: entry.done.sha256 } : null;
    const offset = done ? entry.size : await this.temp.offset(entry.id);
    return { id: entry.id, offset, size: entry.size, done };
  }

  /** After a reconnect or a restart: the uploads become this socket's, and the client learns where each stands. */
  async resume(
    socket: string,
    sessionKey: string | null,
    items: { id: unknown; token: unknown }[],
  ): Promise<{ resumed: UploadStatus[]; refused: Refused[] }> {
    const resumed: UploadStatus[] = [];
    const refused: Refused[] = [];
    for (const item of items) {
      try {
        const entry = await this.authorised(item.id, item.token, sessionKey);
        this.owners.set(entry.id, socket);
        if (!entry.done) this.underWay.set(entry.id, { socket, session: entry.session });
        resumed.push(await this.statusOf(entry));
      } catch (error) {
        if (!(error instanceof LiveViewError)) throw error;
        refused.push({ ref: typeof item.id === "string" ? item.id : null, code: error.code, error: error.message });
      }
    }
    return { resumed, refused };
  }

  /**
   * One chunk: its bytes must start where the file ends (so a chunk out of order, twice or after a gap is refused
   * with where to start), fit in a chunk and in the declared size. The last one finishes the upload.
   */
  async receive(
    rawId: unknown,
    token: unknown,
    sessionKey: string | null,
    offset: number,
    body: Readable,
  ): Promise<UploadStatus> {
    const { id } = await this.authorised(rawId, token, sessionKey);
    // A chunk still arriving (or a cut one whose last bytes are still reaching the disk): this one waits for it, so
    // it is checked against the upload as that chunk leaves it.
    for (let under = this.writing.get(id); under; under = this.writing.get(id)) await under.catch(() => undefined);
    let settled = (): void => undefined;
    this.writing.set(id, new Promise<void>((resolve) => (settled = resolve)));
    try {
      const entry = await this.temp.read(id);
      if (entry.done) throw offsetError(entry.size, "this upload is already complete");
      const start = await this.temp.offset(id);
      if (offset !== start)
        throw offsetError(start, `the chunk starts at byte ${offset}, but the server holds ${start}`);
      let running = this.hashes.get(id);
      if (running?.offset !== start) running = start === 0 ? { hash: createHash("sha256"), offset: 0 } : undefined;
      this.hashes.delete(id);
      const allowed = Math.min(UPLOAD_CHUNK_BYTES, entry.size - start);
      const idleMs = this.settings.LIVEVIEW_UPLOAD_IDLE_MS;
      const written = await appendChunk(body, this.temp.part(id), { allowed, idleMs, hash: running?.hash ?? null });
      if (running) this.hashes.set(id, { hash: running.hash, offset: start + written });
      if (start + written < entry.size) return this.statusOf(entry);
      return await this.finish(entry);
    } catch (error) {
      this.hashes.delete(id);
      // More bytes than the file declared: the client cannot be trusted with the rest of it either.
      if (error instanceof LiveViewError && error.code === "upload_too_large") await this.discard(id);
      throw error;
    } finally {
      this.writing.delete(id);
      settled();
    }
  }

  /** Every byte is in: checked against its name by its content, hashed, handed to the store. Refused: removed. */
  private async finish(entry: UploadEntry): Promise<UploadStatus> {
    const { id } = entry;
    const part = this.temp.part(id);
    try {
      const type = checkContent(entry.fileName, sniffType(await head(part)));
      const running = this.hashes.get(id);
      this.hashes.delete(id);
      const sha256 = running?.offset === entry.size ? running.hash.digest("hex") : await hashFile(part);
      const key = await this.store.put(part, { type, size: entry.size, sha256 });
      await rm(part, { force: true });
      entry.done = { type, sha256, key };
      await this.temp.write(entry);
      this.underWay.delete(id);
      return this.statusOf(entry);
    } catch (error) {
      await this.discard(id);
      throw error;
    }
  }

  async cancel(id: unknown, token: unknown, sessionKey: string | null): Promise<void> {
    const entry = await this.authorised(id, token, sessionKey);
    if (entry.done) await this.store.delete(entry.done.key);
    await this.discard(entry.id);
  }

  private async discard(id: string): Promise<void> {
    this.underWay.delete(id);
    this.owners.delete(id);
    this.hashes.delete(id);
    await this.temp.remove(id);
  }

  /** The finished uploads of `name` this socket started, handed over once: the store keeps the files. */
  async take(socket: string, name: string): Promise<UploadedFile[]> {
    const files: UploadedFile[] = [];
    for (const [id, owner] of [...this.owners]) {
      if (owner !== socket) continue;
      const entry = await this.temp.read(id).catch(() => null);
      if (!entry?.done || entry.name !== name) continue;
      const { key, type, sha256 } = entry.done;
      await this.discard(id);
      const store = this.store;
      files.push({
        name: entry.fileName,
        size: entry.size,
        type,
        sha256,
        key,
        path: store.path(key),
        stream: () => store.open(key),
      });
    }
    return files;
  }

  private sweeper: NodeJS.Timeout | null = null;

  /** Sweeps now and then while the app runs (the timer does not keep the process alive). */
  startSweeping(onError: (error: unknown) => void): void {
    this.sweeper ??= setInterval(() => this.sweep().catch(onError), UPLOAD_SWEEP_INTERVAL_MS).unref();
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /** A socket closed: its uploads stop counting against its limits (a resume on its next socket counts them again). */
  release(socket: string): void {
    for (const [id, u] of this.underWay) if (u.socket === socket) this.underWay.delete(id);
  }

  /** Removes uploads untouched past the expiry: unfinished ones, and finished ones no handler took. */
  async sweep(now = Date.now()): Promise<string[]> {
    const removed: string[] = [];
    for (const id of await this.temp.ids()) {
      if (this.writing.has(id)) continue;
      if ((await this.temp.touchedAt(id)) > now - this.settings.LIVEVIEW_UPLOAD_EXPIRY_MS) continue;
      const entry = await this.temp.read(id).catch(() => null);
      if (entry?.done) await this.store.delete(entry.done.key);
      await this.discard(id);
      removed.push(id);
    }
    return removed;
  }
}

function offsetError(offset: number, reason: string): LiveViewError & { offset: number } {
  return Object.assign(new LiveViewError("upload_offset", `${reason}; continue from byte ${offset}`), { offset });
}

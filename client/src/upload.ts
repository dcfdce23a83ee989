// `data-liveview-upload="name"` file inputs and `data-liveview-upload-drop="name"` areas: chosen or dropped files
// are announced over the socket, sent in chunks over HTTP (upload_transfer.ts), shown with their progress
// (upload_entries.ts), and when every file of a choice has settled, the input's `data-liveview-upload-done`
// function is called: its handler takes the finished files.

import {
  UPLOAD_ALLOW_FUNCTION,
  UPLOAD_ALLOWED_ACTION,
  UPLOAD_ERROR_ACTION,
  UPLOAD_RESUME_FUNCTION,
} from "../../src/protocol.ts";
import type { Behaviour } from "./behaviours";
import {
  EVENT_PREFIX,
  UPLOAD_ATTR,
  UPLOAD_DONE_ATTR,
  UPLOAD_DRAGOVER_CLASS,
  UPLOAD_DROP_ATTR,
  UPLOAD_PARALLEL,
} from "./constants";
import { emit } from "./events";
import { message } from "./message";
import { randomHex } from "./room";
import { callFrom, request } from "./request";
import { entryElement, setState, showInputError, showProgress } from "./upload_entries";
import { cancelOnServer, Transfer, type Grant } from "./upload_transfer";

interface Entry {
  ref: string;
  name: string;
  file: File;
  input: HTMLInputElement;
  item: HTMLElement;
  grant: Grant | null;
  transfer: Transfer | null;
  state: "waiting" | "uploading" | "done" | "failed" | "cancelled";
}

const entries = new Map<string, Entry>();
const bound = new WeakSet<Element>();
let running = 0;

export const upload: Behaviour = {
  attrs: [UPLOAD_ATTR, UPLOAD_DROP_ATTR],
  attach(el) {
    if (bound.has(el)) return;
    bound.add(el);
    if (el.hasAttribute(UPLOAD_ATTR) && el instanceof HTMLInputElement) {
      el.addEventListener("change", () => {
        if (el.files?.length) choose(el, [...el.files]);
      });
    }
    if (el.hasAttribute(UPLOAD_DROP_ATTR)) bindDrop(el);
  },
};

function bindDrop(area: HTMLElement): void {
  const over = (event: DragEvent) => {
    event.preventDefault();
    area.classList.add(UPLOAD_DRAGOVER_CLASS);
  };
  area.addEventListener("dragenter", over);
  area.addEventListener("dragover", over);
  area.addEventListener("dragleave", () => area.classList.remove(UPLOAD_DRAGOVER_CLASS));
  area.addEventListener("drop", (event) => {
    event.preventDefault();
    area.classList.remove(UPLOAD_DRAGOVER_CLASS);
    const name = area.getAttribute(UPLOAD_DROP_ATTR);
    const input = document.querySelector<HTMLInputElement>(`input[${UPLOAD_ATTR}="${CSS.escape(name ?? "")}"]`);
    const files = [...(event.dataTransfer?.files ?? [])];
    if (input && files.length) choose(input, input.multiple ? files : files.slice(0, 1));
  });
}

/** A choice of files: each gets an entry on the page at once, and the server is asked to take them. */
function choose(input: HTMLInputElement, files: File[]): void {
  const name = input.getAttribute(UPLOAD_ATTR)!;
  showInputError(name, input, null);
  const announced = files.map((file) => {
    const ref = randomHex();
    const entry: Entry = { ref, name, file, input, item: null!, grant: null, transfer: null, state: "waiting" };
    entry.item = entryElement(name, input, file, () => cancel(entry));
    entries.set(ref, entry);
    return { ref, name: file.name, size: file.size, type: file.type };
  });
  request(message(UPLOAD_ALLOW_FUNCTION, { name, files: announced }), input);
  // The same file may be chosen again after a cancel: the input forgets its choice.
  input.value = "";
}

function onAllowed(detail: { name: string; url: string; chunk_size: number; entries: Grant[] & { ref: string }[] }) {
  for (const granted of detail.entries as unknown as { ref: string; id: string; token: string }[]) {
    const entry = entries.get(granted.ref);
    if (!entry || entry.grant || entry.state !== "waiting") continue;
    entry.grant = { id: granted.id, token: granted.token, url: detail.url, chunkSize: detail.chunk_size };
  }
  next();
}

function onError(detail: { name?: string; ref?: string | null; id?: string; error: string; code: string }) {
  const entry = detail.ref
    ? entries.get(detail.ref)
    : [...entries.values()].find((e) => detail.id && e.grant?.id === detail.id);
  if (entry) return fail(entry, detail.code, detail.error);
  if (!detail.name) return;
  const input = document.querySelector<HTMLElement>(`[${UPLOAD_ATTR}="${CSS.escape(detail.name)}"]`);
  showInputError(detail.name, input, detail.error);
  // A refused choice: its waiting entries will never start.
  for (const e of entries.values())
    if (e.name === detail.name && e.state === "waiting" && !e.grant) fail(e, detail.code, detail.error);
}

/** Starts waiting files with a grant, a few at a time. */
function next(): void {
  for (const entry of entries.values()) {
    if (running >= UPLOAD_PARALLEL) return;
    if (entry.state === "waiting" && entry.grant) void start(entry);
  }
}

async function start(entry: Entry): Promise<void> {
  running++;
  entry.state = "uploading";
  setState(entry.item, "uploading");
  const { file, name, item } = entry;
  entry.transfer = new Transfer(file, entry.grant!, (loaded) => {
    showProgress(item, loaded, file.size);
    emit("upload-progress", { name, ref: entry.ref, file: file.name, loaded, size: file.size });
  });
  const outcome = await entry.transfer.run();
  running--;
  if (entry.state === "uploading") {
    if (outcome.done) {
      entry.state = "done";
      showProgress(item, file.size, file.size);
      setState(item, "done");
      item.dataset.sha256 = outcome.done.sha256;
      emit("upload-done", { name, ref: entry.ref, file: file.name, size: file.size, ...outcome.done });
    } else fail(entry, outcome.error!.code, outcome.error!.message);
  }
  next();
  settle(name);
}

function fail(entry: Entry, code: string, text: string): void {
  if (entry.state === "done" || entry.state === "cancelled") return;
  entry.state = "failed";
  setState(entry.item, "failed", text);
  emit("upload-failed", { name: entry.name, ref: entry.ref, file: entry.file.name, code, error: text });
  settle(entry.name);
}

function cancel(entry: Entry): void {
  if (entry.state !== "waiting" && entry.state !== "uploading") return;
  entry.state = "cancelled";
  entry.transfer?.stop();
  if (entry.grant) cancelOnServer(entry.grant);
  entries.delete(entry.ref);
  entry.item.remove();
  emit("upload-cancelled", { name: entry.name, ref: entry.ref, file: entry.file.name });
  settle(entry.name);
}

/** Every file of the name has finished one way or another: the page's function takes the finished ones. */
function settle(name: string): void {
  const mine = [...entries.values()].filter((e) => e.name === name);
  if (mine.some((e) => e.state === "waiting" || e.state === "uploading")) return;
  const done = mine.filter((e) => e.state === "done");
  for (const e of mine) entries.delete(e.ref);
  if (done.length === 0) return;
  // This socket may be newer than the one that started them (a reconnect, a restarted server): it claims them
  // first, in the same queue, so the handler finds them.
  request(message(UPLOAD_RESUME_FUNCTION, { entries: done.map((e) => ({ id: e.grant!.id, token: e.grant!.token })) }));
  const fn = done[0]!.input.getAttribute(UPLOAD_DONE_ATTR);
  if (fn) callFrom(fn, done[0]!.input);
}

/** Once: the answers to our calls arrive as actions; a new socket claims the uploads under way. */
export function startUploads(): void {
  document.addEventListener(`${EVENT_PREFIX}${UPLOAD_ALLOWED_ACTION}`, (e) => onAllowed((e as CustomEvent).detail));
  document.addEventListener(`${EVENT_PREFIX}${UPLOAD_ERROR_ACTION}`, (e) => onError((e as CustomEvent).detail));
  document.addEventListener(`${EVENT_PREFIX}open`, () => {
    const under = [...entries.values()].filter((e) => e.grant && e.state === "uploading");
    if (under.length)
      request(
        message(UPLOAD_RESUME_FUNCTION, { entries: under.map((e) => ({ id: e.grant!.id, token: e.grant!.token })) }),
      );
  });
}

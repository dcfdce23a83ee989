// What the page shows of each file being uploaded: a list item with its name, a preview for images, progress (an
// attribute, a CSS variable and a <progress>), a cancel button; and errors beside the input, as form errors are.

import {
  PERCENT,
  UPLOAD_CANCEL_ATTR,
  UPLOAD_ENTRIES_ATTR,
  UPLOAD_ENTRY_ATTR,
  UPLOAD_ERRORS_ATTR,
  UPLOAD_PROGRESS_VAR,
} from "./constants";

export type EntryState = "waiting" | "uploading" | "done" | "failed" | "cancelled";

/** The list of `name`'s entries: the page's own element, or one made after the input. */
function listOf(name: string, input: HTMLElement): HTMLElement {
  const own = document.querySelector<HTMLElement>(`[${UPLOAD_ENTRIES_ATTR}="${CSS.escape(name)}"]`);
  if (own) return own;
  const list = document.createElement("ul");
  list.setAttribute(UPLOAD_ENTRIES_ATTR, name);
  input.after(list);
  return list;
}

export function entryElement(name: string, input: HTMLElement, file: File, onCancel: () => void): HTMLElement {
  const item = document.createElement("li");
  item.setAttribute(UPLOAD_ENTRY_ATTR, "");
  const label = document.createElement("span");
  label.className = "liveview-upload-name";
  label.textContent = file.name;
  const progress = document.createElement("progress");
  progress.max = PERCENT;
  progress.value = 0;
  const message = document.createElement("span");
  message.className = "liveview-upload-message";
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.setAttribute(UPLOAD_CANCEL_ATTR, "");
  cancel.textContent = "Cancel";
  cancel.addEventListener("click", onCancel);
  if (file.type.startsWith("image/")) {
    // Shown before a byte is sent: the browser reads the file itself.
    const preview = document.createElement("img");
    preview.className = "liveview-upload-preview";
    preview.alt = "";
    preview.src = URL.createObjectURL(file);
    preview.addEventListener("load", () => URL.revokeObjectURL(preview.src), { once: true });
    item.append(preview);
  }
  item.append(label, progress, message, cancel);
  listOf(name, input).append(item);
  showProgress(item, 0, file.size);
  setState(item, "waiting");
  return item;
}

export function showProgress(item: HTMLElement, loaded: number, size: number): void {
  const fraction = size === 0 ? 1 : Math.min(1, loaded / size);
  const percent = Math.floor(fraction * PERCENT);
  item.style.setProperty(UPLOAD_PROGRESS_VAR, String(fraction));
  item.dataset.progress = String(percent);
  item.querySelector("progress")!.value = percent;
}

export function setState(item: HTMLElement, state: EntryState, message = ""): void {
  item.dataset.state = state;
  item.querySelector(".liveview-upload-message")!.textContent = message;
  if (state !== "waiting" && state !== "uploading") item.querySelector(`[${UPLOAD_CANCEL_ATTR}]`)?.remove();
}

/** Errors of the whole input (too many files, a handler's verdict): beside it, in the page's element or a new one. */
export function showInputError(name: string, input: HTMLElement | null, message: string | null): void {
  let box = document.querySelector<HTMLElement>(`[${UPLOAD_ERRORS_ATTR}="${CSS.escape(name)}"]`);
  if (!box && input && message) {
    box = document.createElement("span");
    box.setAttribute(UPLOAD_ERRORS_ATTR, name);
    input.after(box);
  }
  if (!box) return;
  box.replaceChildren();
  if (!message) return;
  const error = document.createElement("span");
  error.className = "error";
  error.dataset.field = name;
  error.textContent = message;
  box.append(error);
}

// What a file is, from its first bytes (content sniffing) and from its name: the two must agree.

import { extensionOf } from "./file-name.ts";

/** Types recognised by their first bytes, each with its signature at an offset. */
const SIGNATURES: { type: string; offset: number; bytes: number[] }[] = [
  { type: "image/png", offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: "image/gif", offset: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: "image/webp", offset: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  { type: "application/pdf", offset: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: "application/zip", offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: "application/gzip", offset: 0, bytes: [0x1f, 0x8b] },
];
export const SNIFFED_TYPES = new Set(SIGNATURES.map((s) => s.type));
const TEXT = "text/plain";
const HTML = "text/html";
export const UNKNOWN_TYPE = "application/octet-stream";

/** The type each extension claims. An extension not listed claims nothing (an opaque file). */
const BY_EXTENSION: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
  ".docx": "application/zip",
  ".xlsx": "application/zip",
  ".gz": "application/gzip",
  ".txt": TEXT,
  ".csv": "text/csv",
  ".md": "text/markdown",
  ".json": "application/json",
  ".html": HTML,
  ".htm": HTML,
};
/** Types whose content is text: sniffed as text/plain. */
const TEXT_TYPES = new Set([TEXT, "text/csv", "text/markdown", "application/json"]);

export function typeOfName(name: string): string {
  return BY_EXTENSION[extensionOf(name)] ?? UNKNOWN_TYPE;
}

/** The type the bytes show: a signature, HTML, text (UTF-8 without NUL), or an opaque file. */
export function sniffType(head: Uint8Array): string {
  for (const s of SIGNATURES) {
    if (s.bytes.every((b, i) => head[s.offset + i] === b)) return s.type;
  }
  if (head.includes(0)) return UNKNOWN_TYPE;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head);
  } catch {
    // A multi-byte character cut at the end of the sample is still text.
    const cut = new TextDecoder("utf-8", { fatal: false }).decode(head);
    if ((cut.match(/\uFFFD/g) ?? []).length > 1) return UNKNOWN_TYPE;
    text = cut;
  }
  // What a browser would render as a page, whatever the name says.
  if (/^\s*<(!doctype html|html|head|body|script|iframe|svg)\b/i.test(text)) return HTML;
  return TEXT;
}

/**
 * Whether the bytes are what the name says. A name of a sniffable type needs its signature; a text name needs
 * text; and bytes of a recognised type (or a page) under a name of another type are a forgery.
 */
export function contentMatchesName(claimed: string, sniffed: string): boolean {
  if (SNIFFED_TYPES.has(claimed) || claimed === HTML) return sniffed === claimed;
  if (TEXT_TYPES.has(claimed)) return sniffed === TEXT;
  return !SNIFFED_TYPES.has(sniffed) && sniffed !== HTML;
}

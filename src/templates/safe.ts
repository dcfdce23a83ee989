// Safe strings: text already HTML, which autoescaping leaves alone (Django's SafeString / mark_safe).

/** A string marked as HTML: written out as it is. Anything else is escaped on output when autoescape is on. */
export class SafeString {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
  get length(): number {
    return this.value.length;
  }
}

export function markSafe(value: unknown): SafeString {
  return value instanceof SafeString ? value : new SafeString(String(value));
}

export const isSafe = (value: unknown): value is SafeString => value instanceof SafeString;

/** Django's escape: the five characters that mean something in HTML, as entities. */
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const HTML_SPECIALS = /[&<>"']/g;

export function escapeHtml(text: string): string {
  return HTML_SPECIALS.test(text) ? text.replace(HTML_SPECIALS, (c) => HTML_ESCAPES[c]!) : text;
}

/** Escapes a value unless it is already safe; the result is safe. */
export function conditionalEscape(value: unknown, toText: (v: unknown) => string): SafeString {
  return value instanceof SafeString ? value : new SafeString(escapeHtml(toText(value)));
}

// data-liveview-keyboard-map='{"ctrl+k": "open_search"}': keyboard shortcuts that call server functions.

import { EDITABLE_SELECTOR, KEY_NAMES, KEYBOARD_MAP_ATTR } from "./constants";
import type { Behaviour } from "./behaviours";
import { callFrom } from "./request";

const maps = new Map<HTMLElement, Record<string, string>>();

export const keyboardMap: Behaviour = {
  attrs: [KEYBOARD_MAP_ATTR],
  attach(el) {
    try {
      maps.set(el, JSON.parse(el.getAttribute(KEYBOARD_MAP_ATTR) ?? ""));
    } catch (error) {
      console.error("LiveView: invalid data-liveview-keyboard-map on", el, error);
    }
  },
  detach: (el) => maps.delete(el),
};

export function startKeyboardMaps(): void {
  document.addEventListener("keydown", onKeydown);
}

/** Modifiers in the order ctrl, alt, meta, shift; shift is implied by the key itself for letters and digits. */
export function comboOf(event: KeyboardEvent): string {
  const { key } = event;
  const shifted = key.length === 1 && /[a-z0-9]/i.test(key);
  const parts = [
    event.ctrlKey && "ctrl",
    event.altKey && "alt",
    event.metaKey && "meta",
    event.shiftKey && !shifted && "shift",
  ];
  return [...parts.filter(Boolean), KEY_NAMES[key] ?? key.toLowerCase()].join("+");
}

/**
 * The innermost mapping element around the focus wins (django-liveview's scoping); otherwise any mapping
 * element in the page answers, unless the user is typing in a field.
 */
function onKeydown(event: KeyboardEvent): void {
  if (event.isComposing || !event.key) return;
  const combo = comboOf(event);
  const target = event.target as Element;
  let scoped: [HTMLElement, string] | undefined;
  let global: [HTMLElement, string] | undefined;
  for (const [el, map] of maps) {
    const fn = map[combo];
    if (typeof fn !== "string") continue;
    if (el.contains(target)) {
      if (!scoped || scoped[0].contains(el)) scoped = [el, fn];
    } else global ??= [el, fn];
  }
  // In a field, an unmodified key other than Esc edits or moves the caret: it is not a page shortcut.
  const typing = !/ctrl|alt|meta/.test(combo) && combo !== KEY_NAMES.Escape && target.closest?.(EDITABLE_SELECTOR);
  const match = scoped ?? (typing ? undefined : global);
  if (!match) return;
  event.preventDefault();
  callFrom(match[1], match[0]);
}

// Puts server HTML into the page: morphs the target's children, appends, or removes the target.

import { Idiomorph } from "idiomorph";
import { BUSY_ATTR, LOADING_ATTR } from "./constants";
import { isLoading } from "./loading";
import { typedSinceCallLeft } from "./typed_guard";
import { cleanup, parseHtml, runScripts } from "./scripts";

export interface RenderMessage {
  html?: string;
  append?: boolean;
  remove?: boolean;
}

/** querySelector that treats an invalid selector like one matching nothing. */
export function query(selector: string): Element | null {
  try {
    return document.querySelector(selector);
  } catch {
    return null;
  }
}

export function render(el: Element, msg: RenderMessage): void {
  if (msg.remove) {
    cleanup(el);
    el.remove();
    return;
  }
  const { fragment, scripts } = parseHtml(msg.html ?? "");
  if (msg.append) {
    el.append(fragment);
  } else {
    cleanup(el);
    morph(el, fragment);
  }
  runScripts(el, scripts);
}

/** Keeps unchanged nodes, focus, caret and the value being typed, and our own loading marks. */
function morph(el: Element, fragment: DocumentFragment): void {
  Idiomorph.morph(el, fragment, {
    morphStyle: "innerHTML",
    ignoreActiveValue: true,
    restoreFocus: true,
    callbacks: {
      beforeAttributeUpdated: (name, node, kind) =>
        !(kind === "remove" && (name === LOADING_ATTR || name === BUSY_ATTR) && isLoading(node)) &&
        !(name === "value" && typedSinceCallLeft(node)),
    },
  });
}

// Inline <script>s in server HTML: taken out before insertion, then run with `el` (and `this`) bound to the target.

import { SCRIPT_SELECTOR } from "./constants";

type Cleanable = Element & { __cleanup?: () => void };

/** Parses in a <template>, so fragments such as <tr> survive; classic scripts are removed and returned. */
export function parseHtml(html: string): { fragment: DocumentFragment; scripts: string[] } {
  const template = document.createElement("template");
  template.innerHTML = html;
  const scripts = Array.from(template.content.querySelectorAll(SCRIPT_SELECTOR), (script) => {
    script.remove();
    return script.textContent ?? "";
  });
  return { fragment: template.content, scripts };
}

export function runScripts(el: Element, scripts: string[]): void {
  for (const source of scripts) {
    try {
      new Function("el", source).call(el, el);
    } catch (error) {
      console.error("LiveView script error:", error);
    }
  }
}

/** A script may leave `el.__cleanup`; it runs before the target's content is replaced or the target removed. */
export function cleanup(el: Cleanable): void {
  const fn = el.__cleanup;
  delete el.__cleanup;
  if (typeof fn === "function") fn();
}

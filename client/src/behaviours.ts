// Gives behaviour attributes their effect on every element that carries them: at startup and whenever the page changes.

import { LOADING_ATTR } from "./constants";

export interface Behaviour {
  /** The attributes that switch it on. */
  attrs: string[];
  attach(el: HTMLElement): void;
  detach?(el: HTMLElement): void;
}

/**
 * A morph keeps elements and rewrites their attributes, where django-liveview's innerHTML made new ones:
 * so an element whose data-* attributes change is treated as new (an infinite-scroll sentinel that now
 * says data-page="3" is observed afresh and can appear again).
 */
export function observeBehaviours(behaviours: Behaviour[]): void {
  const selectorOf = (b: Behaviour) => b.attrs.map((a) => `[${a}]`).join(",");
  const each = (root: Node, fn: (b: Behaviour, el: HTMLElement) => void) => {
    if (!(root instanceof HTMLElement)) return;
    for (const b of behaviours) {
      const selector = selectorOf(b);
      if (root.matches(selector)) fn(b, root);
      root.querySelectorAll<HTMLElement>(selector).forEach((el) => fn(b, el));
    }
  };
  // A node moved by a morph is removed and re-added: only what really left the page is detached.
  const added = (root: Node) => each(root, (b, el) => el.isConnected && b.attach(el));
  const removed = (root: Node) => each(root, (b, el) => !el.isConnected && b.detach?.(el));
  const renew = (el: HTMLElement) => {
    for (const b of behaviours) {
      b.detach?.(el);
      if (el.isConnected && el.matches(selectorOf(b))) b.attach(el);
    }
  };

  added(document.documentElement);
  new MutationObserver((records) => {
    const changed = new Set<HTMLElement>();
    for (const record of records) {
      const name = record.attributeName;
      if (record.type === "childList") {
        record.removedNodes.forEach(removed);
        record.addedNodes.forEach(added);
      } else if (name?.startsWith("data-") && name !== LOADING_ATTR) {
        changed.add(record.target as HTMLElement);
      }
    }
    changed.forEach(renew);
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
}

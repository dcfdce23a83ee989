// The Stimulus `page` controller: `data-action="<event>->page#run"` calls the element's data-liveview-function.

import { Controller } from "@hotwired/stimulus";
import { debounce } from "./debounce";
import { callFrom } from "./request";
import { isDisabledByCall } from "./disable_with";
import { settleFormOf } from "./form_order";

export class PageController extends Controller {
  run(event: Event): void {
    const el = (event.currentTarget instanceof HTMLElement ? event.currentTarget : this.element) as HTMLElement;
    if (opensElsewhere(event, el)) return;
    if (cancels(event, el)) event.preventDefault();
    const fn = el.dataset.liveviewFunction;
    if (!fn) {
      console.error("LiveView: data-liveview-function is missing on", el);
      return;
    }
    // A second click while the first is in flight sends nothing (data-liveview-disable-with).
    if (isDisabledByCall(el)) return;
    const ms = Number(el.dataset.liveviewDebounce);
    if (ms > 0) return debounce(el, ms, () => callFrom(fn, el, true));
    settleFormOf(el);
    callFrom(fn, el);
  }
}

/** A ctrl/cmd/shift click on a link opens a tab or window: the browser's job, not a call. */
function opensElsewhere(event: Event, el: Element): boolean {
  const e = event as MouseEvent;
  return event.type === "click" && el instanceof HTMLAnchorElement && (e.metaKey || e.ctrlKey || e.shiftKey);
}

/**
 * The browser's own action would leave or reload the page: submitting, following a link, a submit button,
 * Enter in a form field. A checkbox or radio click must still toggle, and other keys must still type.
 */
function cancels(event: Event, el: Element): boolean {
  if (event.type === "submit") return true;
  if (event.type === "click") return !(el instanceof HTMLInputElement && /^(checkbox|radio)$/.test(el.type));
  return event instanceof KeyboardEvent && event.key === "Enter" && !(el instanceof HTMLTextAreaElement);
}

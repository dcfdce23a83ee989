// Which form an element's calls belong to: the one data-liveview-form-id names, else the enclosing form.

/** The form's id when it has one (ids survive re-renders; elements may be replaced), else the form element. */
export type FormKey = string | Element;

export function formKeyOf(el: Element): FormKey | null {
  const named = el instanceof HTMLElement ? el.dataset.liveviewFormId : undefined;
  if (named) return named;
  const form = el instanceof HTMLFormElement ? el : el.closest("form");
  return form ? form.id || form : null;
}

/** The form element itself, when it is in the page. */
export function formElementOf(key: FormKey): Element | null {
  return typeof key === "string" ? document.getElementById(key) : key.isConnected ? key : null;
}

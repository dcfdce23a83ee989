// Reads field values the way the server expects them: a whole form, or a lone field outside any form.

import { FIELD_SELECTOR } from "./constants";

export type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
export type Values = Record<string, unknown>;

/**
 * The form named by `data-liveview-form-id` wins (it may live elsewhere in the page); otherwise the
 * form enclosing the element; otherwise the element's own value when it is a field.
 */
export function formValues(el: Element, formId?: string): Values {
  const form = (formId && document.getElementById(formId)) || el.closest("form");
  const values: Values = {};
  const add = (field: Field) => {
    const value = fieldValue(field);
    if (value !== undefined) values[field.name] = value;
  };
  if (form) namedFields(form).forEach(add);
  else if (el.matches(FIELD_SELECTOR)) add(el as Field);
  return values;
}

/** Named input/select/textarea of a form (including those attached with form="id"), or of any container. */
export function namedFields(container: Element): Field[] {
  const all = container instanceof HTMLFormElement ? container.elements : container.querySelectorAll(FIELD_SELECTOR);
  return (Array.from(all) as Field[]).filter((f) => f.matches(FIELD_SELECTOR) && f.name);
}

/** Checkbox: checked; radio: its value when checked (else skipped); multiple select: the selected values. */
function fieldValue(field: Field): unknown {
  if (field instanceof HTMLInputElement) {
    if (field.type === "checkbox") return field.checked;
    if (field.type === "radio") return field.checked ? field.value : undefined;
  }
  if (field instanceof HTMLSelectElement && field.multiple) {
    return Array.from(field.selectedOptions, (o) => o.value);
  }
  return field.value;
}

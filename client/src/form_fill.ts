// Fills a form from saved values (the `restore_form` action), the inverse of form_values.

import { camelToSnake } from "../../src/protocol.ts";
import { namedFields, type Values } from "./form_values";

/** Keys may come back snake_cased by the server (the protocol's rule), so a field named `userID` also takes `user_id`. */
export function fillForm(form: Element, values: Values): void {
  for (const field of namedFields(form)) {
    const snake = camelToSnake(field.name);
    const value = field.name in values ? values[field.name] : values[snake];
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value.map(String) : [String(value)];
    if (field instanceof HTMLInputElement && field.type === "checkbox") {
      field.checked = typeof value === "boolean" ? value : list.includes(field.value);
    } else if (field instanceof HTMLInputElement && field.type === "radio") {
      field.checked = list.includes(field.value);
    } else if (field instanceof HTMLSelectElement && field.multiple) {
      for (const option of field.options) option.selected = list.includes(option.value);
    } else {
      field.value = value === null ? "" : String(value);
    }
  }
}

// Action messages: the built-ins (restore_form, redirect), then a `liveview:<action>` event for the page.

import { emit } from "./events";
import { fillForm } from "./form_fill";
import type { Values } from "./form_values";

export interface ActionMessage {
  action: string;
  [key: string]: unknown;
}

const builtins: Record<string, (msg: ActionMessage) => void> = {
  restore_form(msg) {
    const form = document.getElementById(String(msg.form_id));
    if (form) fillForm(form, (msg.form_data ?? {}) as Values);
    else console.warn(`LiveView: restore_form found no form with id ${msg.form_id}`);
  },
  redirect(msg) {
    location.assign(String(msg.url));
  },
};

export function runAction(msg: ActionMessage): void {
  builtins[msg.action]?.(msg);
  emit(msg.action, msg);
}

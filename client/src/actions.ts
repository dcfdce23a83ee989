// Action messages: the built-ins (restore_form, redirect, csrf_token, resync), then a `liveview:<action>` event for the page.

import { ACTION_CSRF_TOKEN, ACTION_REDIRECT, ACTION_RESTORE_FORM, ACTION_RESYNC } from "../../src/protocol.ts";
import { emit } from "./events";
import { fillForm } from "./form_fill";
import type { Values } from "./form_values";
import { adoptToken } from "./token";
import { resync } from "./resync";
import { webUrl } from "./web_url";

export interface ActionMessage {
  action: string;
  [key: string]: unknown;
}

const builtins: Record<string, (msg: ActionMessage) => void> = {
  [ACTION_RESTORE_FORM](msg) {
    const form = document.getElementById(String(msg.form_id));
    if (form) fillForm(form, (msg.form_data ?? {}) as Values);
    else console.warn(`LiveView: restore_form found no form with id ${msg.form_id}`);
  },
  [ACTION_CSRF_TOKEN](msg) {
    adoptToken(String(msg.token));
  },
  [ACTION_RESYNC]: resync,
  [ACTION_REDIRECT](msg) {
    const url = webUrl(String(msg.url));
    if (url) location.assign(url);
    else console.error(`LiveView: refused to load ${String(msg.url)}: a redirect must be an http(s) address`);
  },
};

export function runAction(msg: ActionMessage): void {
  builtins[msg.action]?.(msg);
  emit(msg.action, msg);
}

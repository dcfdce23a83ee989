// Builds the JSON object a call sends: function, data, form, lang, room and, when set, form_id.

import { BEHAVIOUR_DATA_KEY, CONTROL_DATA_KEYS } from "./constants";
import { formValues, type Values } from "./form_values";
import { room } from "./room";

export interface Outgoing {
  function: string;
  data: Values;
  form: Values;
  lang: string | null;
  room: string;
  form_id?: string;
}

export function message(fn: string, data: Values = {}, form: Values = {}): Outgoing {
  return { function: fn, data, form, lang: document.documentElement.getAttribute("lang"), room: room() };
}

/** Read at send time, so a debounced call carries the values the fields have when it fires. */
export function messageFor(fn: string, el: HTMLElement): Outgoing {
  const formId = el.dataset.liveviewFormId;
  const msg = message(fn, elementData(el), formValues(el, formId));
  if (formId) msg.form_id = formId;
  return msg;
}

/** The element's dataset, camelCase keys as the browser gives them, minus the control keys. */
function elementData(el: HTMLElement): Values {
  const data: Values = {};
  for (const [key, value] of Object.entries(el.dataset)) {
    if (!CONTROL_DATA_KEYS.includes(key) && !BEHAVIOUR_DATA_KEY.test(key)) data[key] = value;
  }
  return data;
}

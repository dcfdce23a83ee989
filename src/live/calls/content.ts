// The shape of an incoming message once parsed and converted to snake_case keys.

export interface Content {
  function: string;
  data: Record<string, unknown>;
  form: Record<string, unknown>;
  form_id?: string;
  lang?: string;
  room?: string;
  /** Our extension: when present, the server acknowledges the call once the handler has finished (Consumer.ack). */
  id?: string | number;
  [key: string]: unknown;
}

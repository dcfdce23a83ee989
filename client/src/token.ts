// The page's CSRF token, which the socket presents on connect: without it the server gives the socket no session.

import { CSRF_INPUT_SELECTOR } from "./constants";
import { SOCKET_TOKEN_ATTR } from "../../src/protocol.ts";
import { room } from "./room";
import { retarget, socketUrl } from "./socket";

/** From our script tag, else from a form's {% csrf_token %} field (pages written for django-liveview). */
export function pageToken(): string | null {
  const tagged = document.querySelector(`[${SOCKET_TOKEN_ATTR}]`)?.getAttribute(SOCKET_TOKEN_ATTR);
  if (tagged) return tagged;
  return document.querySelector<HTMLInputElement>(CSRF_INPUT_SELECTOR)?.value || null;
}

/** The session moved to a new secret (a login in another tab): the page's forms and next reconnect use this token. */
export function adoptToken(token: string): void {
  document.querySelector(`[${SOCKET_TOKEN_ATTR}]`)?.setAttribute(SOCKET_TOKEN_ATTR, token);
  for (const input of document.querySelectorAll<HTMLInputElement>(CSRF_INPUT_SELECTOR)) input.value = token;
  retarget(socketUrl(room(), token));
}

// What the browser client's socket module needs from a page, for running it in Node: a WebSocket class that sends
// an Origin as browsers do, `location` and `addEventListener`. Installed once per process.

import { WebSocket } from "ws";

/** ws's arguments for a socket without a connection (its typings allow `null` alone; it reads the options too). */
const SILENT = [null, undefined, {}];

interface PageGlobals {
  WebSocket: unknown;
  location: unknown;
  addEventListener: unknown;
}

export interface BrowserGlobals {
  /** Sockets the client modules created so far (each connection attempt is one). */
  attempts(): number;
  /** From now on, new sockets never connect and fire no events: every client module falls silent. */
  retire(): void;
}

/** `origin` is the page's origin (http://host:port), as a page of that server would send it. */
export function installBrowserGlobals(origin: string): BrowserGlobals {
  let attempts = 0;
  let retired = false;
  class PageWebSocket extends WebSocket {
    constructor(url: string) {
      // From a null address ws builds a socket that never connects nor fires an event.
      if (retired) super(...(SILENT as [null]));
      else super(url, { origin });
      if (!retired) attempts++;
      // A browser reports a failed connection as events; ws would throw an 'error' nobody listens to.
      this.on("error", () => undefined);
    }
  }
  const page = globalThis as unknown as PageGlobals;
  page.WebSocket = PageWebSocket;
  const { host, protocol } = new URL(origin);
  page.location = { host, protocol, reload: () => undefined };
  page.addEventListener = () => undefined;
  return { attempts: () => attempts, retire: () => (retired = true) };
}

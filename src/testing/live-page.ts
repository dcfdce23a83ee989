// A page rendered for a test: the app's HTML in happy-dom, with the real browser client running in it over a real
// socket, so each reply is applied exactly as in a browser (morph, append, remove, actions, drafts, the outbox).
// Queries read the page; actions click and type; assertions read like the page.

import assert from "node:assert/strict";
import type { BrowserPage } from "happy-dom";
import { TEST_IDLE_POLL_MS, TEST_IDLE_TIMEOUT_MS } from "../constants.ts";
import type { JsonObject, Json } from "../json.ts";
import type { App } from "../server/app.ts";
import type { HandlerRef } from "../live/calls/registry.ts";
import { PageClock } from "./page-clock.ts";
import { PageRecord } from "./page-record.ts";

/** What a test may send with `call`: a handler's content, typed by its schema when given its reference. */
export interface CallContent {
  data?: JsonObject;
  form?: JsonObject;
}

/** The page's `window.LiveView`, as the client defines it. */
interface LiveViewGlobal {
  send(fn: string, data?: JsonObject, form?: JsonObject): string;
  readonly state: string;
  readonly idle?: boolean;
}

/** What the page keeps of a window's localStorage and sessionStorage. */
interface WebStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function entries(storage: WebStorage): Map<string, string> {
  const kept = new Map<string, string>();
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)!;
    kept.set(key, storage.getItem(key)!);
  }
  return kept;
}

type PageWindow = BrowserPage["mainFrame"]["window"] & { LiveView?: LiveViewGlobal };

export class LivePage {
  readonly record = new PageRecord();
  private clock = new PageClock();

  /** Made by `render()`. */
  constructor(
    readonly browserPage: BrowserPage,
    readonly url: string,
    readonly app: App | undefined,
  ) {}

  /** The hook `render()` gives happy-dom: runs on every new window of this page, before its scripts. */
  readonly prepare = (window: unknown): void => {
    this.clock = new PageClock();
    this.clock.install(window as never);
    this.record.install(window as never);
    // A browser keeps a tab's storage across reloads (the outbox and a tab's settings live there); happy-dom gives
    // each new window an empty one.
    const { localStorage, sessionStorage } = window as { localStorage: WebStorage; sessionStorage: WebStorage };
    for (const [key, value] of this.stored.local) localStorage.setItem(key, value);
    for (const [key, value] of this.stored.session) sessionStorage.setItem(key, value);
  };

  /** The tab's storage as the last window left it, for the next window of this page. */
  private stored = { local: new Map<string, string>(), session: new Map<string, string>() };

  get window(): PageWindow {
    return this.browserPage.mainFrame.window as PageWindow;
  }

  get document(): PageWindow["document"] {
    return this.window.document;
  }

  // --- Reading the page

  query(selector: string): ReturnType<PageWindow["document"]["querySelector"]> {
    return this.document.querySelector(selector);
  }

  /** The text a reader sees in the element `selector` names (the body by default), whitespace collapsed. */
  text(selector = "body"): string {
    return (this.element(selector).textContent ?? "").replace(/\s+/g, " ").trim();
  }

  html(selector = "body"): string {
    return this.element(selector).innerHTML;
  }

  /** A field's current value. */
  value(selector: string): string {
    return (this.element(selector) as unknown as { value: string }).value;
  }

  /** The session as the server holds it now (needs the app: `render(app, ...)` or `render(url, path, { app })`). */
  async session(): Promise<JsonObject | null> {
    if (!this.app) throw new Error("page.session() needs the app: render(app, path), or render(url, path, { app })");
    const name = this.app.settings.SESSION_COOKIE_NAME;
    const cookie = this.browserPage.context.cookieContainer.getCookies(new URL(this.url)).find((c) => c.key === name);
    return this.app.sessions.load(cookie?.value ?? null);
  }

  // --- Acting on it, as a user would; each resolves once the client is idle again

  /** Clicks; with `{ idle: false }` returns at once, so a burst of clicks can leave before any reply. */
  async click(selector: string, options: { idle?: boolean } = {}): Promise<void> {
    (this.element(selector) as unknown as { click(): void }).click();
    if (options.idle !== false) await this.idle();
  }

  /**
   * Types `value` into a field: sets it and fires `input` then `change`, as typing and leaving the field do. Resolves
   * once the calls that made are answered; a debounced one still waits out its quiet time (`advance` skips it).
   */
  async fill(selector: string, value: string): Promise<void> {
    const field = this.element(selector) as unknown as { value: string; dispatchEvent(event: unknown): boolean };
    field.value = value;
    field.dispatchEvent(new this.window.Event("input", { bubbles: true }));
    field.dispatchEvent(new this.window.Event("change", { bubbles: true }));
    await this.idle({ debounced: false });
  }

  /** Submits a form as its submit button would (the client's `submit->page#run` runs; the page is not left). */
  async submit(selector: string): Promise<void> {
    const form = this.element(selector) as unknown as { requestSubmit(): void };
    form.requestSubmit();
    await this.idle();
  }

  /** Calls a handler as the page's script would (`LiveView.send`), through the client; resolves after its ack. */
  async call<C = CallContent>(handler: string | HandlerRef<C>, content?: C): Promise<void> {
    const live = this.window.LiveView;
    if (!live)
      throw new Error(`the page at ${this.url} has no LiveView client: does it include {% liveview_scripts %}?`);
    const name = typeof handler === "string" ? handler : handler.name;
    const { data, form } = (content ?? {}) as CallContent;
    const id = live.send(name, data, form);
    await this.record.until((m) => m.ack === id);
    await this.idle();
  }

  /**
   * Lets `ms` of the page's time pass at once (debounces, a draft's quiet time, the reconnect backoff), then waits
   * for the calls that made to be answered.
   */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.idle({ debounced: false });
  }

  /** Drops the page's socket as a lost network would; the client reconnects by itself. */
  dropConnection(): void {
    for (const socket of this.record.sockets) socket.close();
  }

  /** Loads the page again (the client's outbox and drafts carry over in this page's storage). */
  async reload(): Promise<void> {
    this.stored = { local: entries(this.window.localStorage), session: entries(this.window.sessionStorage) };
    await this.browserPage.goto(this.url);
    await this.idle();
  }

  /**
   * Resolves when the client is idle: connected, no call waiting out a debounce (unless `debounced: false`), in
   * flight or queued.
   */
  async idle(options: { timeout?: number; debounced?: boolean } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeout ?? TEST_IDLE_TIMEOUT_MS);
    while (!this.isIdle(options.debounced !== false)) {
      if (Date.now() > deadline)
        throw new Error(
          `the page at ${this.url} did not settle: connection ${this.window.LiveView?.state ?? "none"}, ` +
            `${this.document.documentElement.getAttribute("data-liveview-outbox") ?? 0} call(s) unacknowledged`,
        );
      await new Promise((resolve) => setTimeout(resolve, TEST_IDLE_POLL_MS));
    }
  }

  async close(): Promise<void> {
    await this.browserPage.close();
  }

  // --- Assertions that read like the page (they throw node's AssertionError)

  /** The page shows `text` (in `selector`, the body by default). */
  assertSee(text: string | number, selector?: string): this {
    const shown = this.text(selector);
    assert.ok(shown.includes(String(text)), `expected the page to show "${text}"; it shows: ${shown}`);
    return this;
  }

  assertDontSee(text: string | number, selector?: string): this {
    const shown = this.text(selector);
    assert.ok(!shown.includes(String(text)), `expected the page not to show "${text}"; it shows: ${shown}`);
    return this;
  }

  /** HTML was sent to `target`; with `text`, the last HTML sent there shows it. */
  assertSentTo(target: string, text?: string | number): this {
    const sent = this.record.sentTo(target);
    assert.ok(sent.length > 0, `nothing was sent to ${target}`);
    if (text !== undefined) {
      const last = sent
        .at(-1)!
        .replace(/<[^>]*>/g, " ")
        .replace(/\s+/g, " ");
      assert.ok(last.includes(String(text)), `the last HTML sent to ${target} does not show "${text}": ${sent.at(-1)}`);
    }
    return this;
  }

  /** The action `name` reached the page; with `fields`, its last message carries them. */
  assertAction(name: string, fields: JsonObject = {}): this {
    const fired = this.record.actions(name);
    assert.ok(fired.length > 0, `the action ${name} never reached the page`);
    assert.deepStrictEqual({ ...fired.at(-1), ...fields }, fired.at(-1));
    return this;
  }

  /** The session holds `value` under `key` (compared deeply). */
  async assertSession(key: string, value: Json): Promise<this> {
    assert.deepStrictEqual((await this.session())?.[key], value);
    return this;
  }

  private element(selector: string) {
    const el = this.document.querySelector(selector);
    if (!el) throw new Error(`no element matches ${selector} on the page at ${this.url}`);
    return el;
  }

  private isIdle(withDebounced: boolean): boolean {
    const live = this.window.LiveView;
    if (!live) return false;
    if (withDebounced && live.idle !== undefined) return live.idle;
    const html = this.document.documentElement;
    return (
      live.state === "open" &&
      !html.hasAttribute("data-liveview-loading") &&
      (html.getAttribute("data-liveview-outbox") ?? "0") === "0"
    );
  }
}

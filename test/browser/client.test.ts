// The browser client against a fixture app: what it sends, how it applies server messages, its behaviours.

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Running } from "../helpers.ts";
import { launch, openPage } from "./browser.ts";
import { calls, hold, received, startFixture } from "./fixture-app.ts";

let fixture: Running;
let browser: Browser;
let context: BrowserContext | undefined;
beforeAll(async () => {
  [fixture, browser] = await Promise.all([startFixture(), launch()]);
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

/** Waits for a value, longer than expect.poll's default second, shorter than the test's timeout. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 5000 });

type TestPage = Page & { errors: string[]; room: string };

/** A fresh browser context on a fixture page, connected; `room` tells its messages apart from other pages'. */
async function open(path: string): Promise<TestPage> {
  context = await browser.newContext();
  context.setDefaultTimeout(5000);
  const page = (await openPage(context, fixture.baseUrl + path)) as TestPage;
  page.room = (await page.getAttribute("html", "data-room"))!;
  return page;
}

/** Resolves once the server has received `count` calls of `fn` from the page; returns them. */
async function receivedCalls(page: TestPage, fn: string, count = 1) {
  await poll(() => calls(page.room, fn).length).toBeGreaterThanOrEqual(count);
  return calls(page.room, fn);
}

/** Records the page's `liveview:<name>` events' details in window.events[name]. */
const listen = (page: Page, name: string) =>
  page.evaluate((name) => {
    const w = window as unknown as { events: Record<string, unknown[]> };
    w.events ??= {};
    w.events[name] = [];
    document.addEventListener("liveview:" + name, (e) => w.events[name].push((e as CustomEvent).detail));
  }, name);
const events = (page: Page, name: string) =>
  page.evaluate((name) => (window as unknown as { events: Record<string, unknown[]> }).events[name], name);

/** Whether the element's box lies inside the viewport. */
const inView = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const box = document.querySelector(selector)!.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= innerHeight;
  }, selector);

describe("the outgoing message", () => {
  it("sends the element's data-* as data, without the control keys, data-data-url as data_url", async () => {
    const page = await open("/message");
    await page.click("#save-order");
    const [content] = await receivedCalls(page, "save_order");
    expect(content.data).toEqual({ data_url: "/orders/7", item_id: "42" });
    expect(content.form_id).toBeUndefined();
    expect(page.errors).toEqual([]);
  });

  it("sends the enclosing form's fields (text, checkbox, radio, select), lang and the page's room", async () => {
    const page = await open("/message");
    await page.fill("#order input[name=name]", "Ada");
    await page.check("#order input[name=gift]");
    await page.check("#order input[name=size][value=l]");
    await page.selectOption("#order select[name=color]", "blue");
    await page.fill("#order textarea[name=note]", "Ring twice");
    await page.click("#save-order");
    const [content] = await receivedCalls(page, "save_order");
    expect(content.form).toEqual({
      name: "Ada",
      gift: true,
      wrap: false,
      size: "l",
      color: "blue",
      note: "Ring twice",
    });
    expect(content.lang).toBe("fr");
    expect(content.room).toMatch(/^[0-9a-f]{32}$/);
    expect(content.room).toBe(await page.getAttribute("html", "data-room"));
  });

  it("sends the fields of the form named by data-liveview-form-id, and form_id", async () => {
    const page = await open("/message");
    await page.fill("#shipping input[name=city]", "Paris");
    await page.check("#shipping input[name=express]");
    await page.fill("#order input[name=name]", "not this form");
    await page.click("#save-shipping");
    const [content] = await receivedCalls(page, "save_shipping");
    expect(content.form_id).toBe("shipping");
    expect(content.form).toEqual({ city: "Paris", express: true });
    expect(content.data).toEqual({});
  });

  it("sends one message for a burst of input under data-liveview-debounce, with the last value, after the quiet time", async () => {
    context = await browser.newContext();
    context.setDefaultTimeout(5000);
    // Time stamps taken in the page: every input event, and every frame the page's socket sends for `search`.
    await context.addInitScript(() => {
      const w = window as unknown as { inputs: number[]; sends: number[] };
      w.inputs = [];
      w.sends = [];
      document.addEventListener("input", () => w.inputs.push(performance.now()), true);
      const send = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, frame) {
        if (typeof frame === "string" && JSON.parse(frame).function === "search") w.sends.push(performance.now());
        return send.call(this, frame);
      };
    });
    const page = (await openPage(context, fixture.baseUrl + "/message")) as TestPage;
    page.room = (await page.getAttribute("html", "data-room"))!;
    await page.click("#search");
    await page.keyboard.type("liveview", { delay: 20 });
    await poll(() => calls(page.room, "search").at(-1)?.form.q).toBe("liveview");
    // Every earlier timer would have fired before the last one: nothing else can still come.
    expect(calls(page.room, "search").map((c) => c.form)).toEqual([{ q: "liveview" }]);
    const { inputs, sends } = await page.evaluate(() => {
      const w = window as unknown as { inputs: number[]; sends: number[] };
      return { inputs: w.inputs, sends: w.sends };
    });
    expect(inputs).toHaveLength(8);
    // The keystrokes were one burst: each came well within the debounce time of the one before.
    for (let i = 1; i < inputs.length; i++) expect(inputs[i] - inputs[i - 1]).toBeLessThan(300);
    expect(sends).toHaveLength(1);
    const quiet = sends[0] - inputs.at(-1)!;
    expect(quiet).toBeGreaterThanOrEqual(300);
    expect(quiet).toBeLessThan(800);
  });
});

describe("morphing", () => {
  it("keeps the focus, the caret and the typed value of the focused input when the server re-renders its container", async () => {
    const page = await open("/updates");
    const input = page.locator("#title");
    await input.click();
    await input.selectText();
    await page.keyboard.type("Hello world");
    await page.waitForSelector("#count:text-is('11 characters')");
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
    await page.keyboard.type("big ");
    await page.waitForSelector("#count:text-is('15 characters')");
    const state = await page.evaluate(() => {
      const el = document.getElementById("title") as HTMLInputElement;
      return {
        focused: document.activeElement === el,
        value: el.value,
        caret: [el.selectionStart, el.selectionEnd],
        attr: el.getAttribute("value"),
      };
    });
    // The server rendered value="Untitled" each time; the user's text and caret stay.
    expect(state).toEqual({ focused: true, value: "Hello big world", caret: [10, 10], attr: "Untitled" });
  });
});

describe("server updates", () => {
  it("appends with append: true", async () => {
    const page = await open("/updates");
    await page.click("#add-entry");
    await page.waitForSelector("#log li:nth-child(2)");
    expect(await page.locator("#log li").allTextContents()).toEqual(["entry 0", expect.stringMatching(/^entry \d+$/)]);
  });

  it("removes the target with remove: true", async () => {
    const page = await open("/updates");
    await page.click("#dismiss");
    await page.waitForSelector("#notice", { state: "detached" });
    expect(await page.locator("#add-entry").count()).toBe(1);
  });

  it("sets the document title with title", async () => {
    const page = await open("/updates");
    expect(await page.title()).toBe("Server updates");
    await page.click("#rename");
    await poll(() => page.title()).toBe("Renamed by the server");
  });

  it("scrolls the element into view with scroll", async () => {
    const page = await open("/updates");
    expect(await inView(page, "#far")).toBe(false);
    await page.click("#jump");
    await poll(() => inView(page, "#far")).toBe(true);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
  });

  it("scrolls to the top with scrollTop", async () => {
    const page = await open("/updates");
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1000);
    await page.click("#to-top");
    await poll(() => page.evaluate(() => scrollY)).toBe(0);
  });

  it("runs a <script> of the server's html once, with el (and this) bound to the target", async () => {
    const page = await open("/updates");
    await page.click("#mount");
    await page.waitForSelector("#widget[data-mounted-by=widget]");
    expect(await page.textContent("#widget .status")).toBe("mounted by script");
    expect(await page.locator("#widget script").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { widgetRuns: number }).widgetRuns)).toBe(1);
    expect(page.errors).toEqual([]);
  });
});

describe("actions and errors", () => {
  it("fills the named form for a restore_form action", async () => {
    const page = await open("/updates");
    await page.click("#restore");
    await page.waitForFunction(
      () => (document.querySelector("#profile input[name=name]") as HTMLInputElement).value !== "",
    );
    expect(await page.inputValue("#profile input[name=name]")).toBe("Ada Lovelace");
    expect(await page.isChecked("#profile input[name=newsletter]")).toBe(true);
    expect(await page.isChecked("#profile input[name=plan][value=pro]")).toBe(true);
    expect(await page.isChecked("#profile input[name=plan][value=basic]")).toBe(false);
    expect(await page.inputValue("#profile select[name=country]")).toBe("fr");
    expect(await page.inputValue("#profile textarea[name=bio]")).toBe("Analyst");
    // The server snake_cases keys by the protocol's rule; the client matches a field name by the same rule.
    expect(await page.inputValue("#profile input[name=userID]")).toBe("u-7");
  });

  it("dispatches a custom action as the DOM event liveview:<action> with the message as detail", async () => {
    const page = await open("/updates");
    await listen(page, "celebrate");
    await page.click("#celebrate");
    await poll(() => events(page, "celebrate")).toEqual([{ action: "celebrate", count: 3, by: "server" }]);
  });

  it("dispatches liveview:error for an error reply, and the page keeps working", async () => {
    // The server logs the handler's failure; here that is expected, not noise.
    const serverLog = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const page = await open("/updates");
    await listen(page, "error");
    await page.click("#explode");
    await poll(() => events(page, "error")).toEqual([{ error: "Handler error: boom", function: "explode" }]);
    expect(serverLog).toHaveBeenCalledWith(
      'liveview: handler "explode" failed',
      expect.objectContaining({ message: "boom" }),
    );
    serverLog.mockRestore();
    await page.evaluate(() =>
      (window as unknown as { LiveView: { send(fn: string): string } }).LiveView.send("no_such_function"),
    );
    await poll(async () => ((await events(page, "error")) as { error: string }[]).map((e) => e.error)).toEqual([
      "Handler error: boom",
      "Unknown function: no_such_function",
    ]);
    await page.click("#add-entry");
    await page.waitForSelector("#log li:nth-child(2)");
    expect(page.errors).toEqual([]);
  });
});

describe("loading state", () => {
  it("marks the triggering element while its handler runs, and unmarks it on the ack", async () => {
    const page = await open("/updates");
    const release = hold();
    try {
      await page.click("#slow");
      await receivedCalls(page, "slow_save");
      // The handler is running and waits for us: the button and <html> say so.
      await page.waitForSelector("#slow[data-liveview-loading][aria-busy=true]");
      await page.waitForSelector("html[data-liveview-loading]");
      expect(await page.textContent("#slow-status")).toBe("");
      expect(await page.locator("#add-entry[data-liveview-loading]").count()).toBe(0);
    } finally {
      release();
    }
    await page.waitForSelector("#slow:not([data-liveview-loading])");
    expect(await page.textContent("#slow-status")).toBe("Saved");
    expect(await page.getAttribute("#slow", "aria-busy")).toBeNull();
    expect(await page.getAttribute("html", "data-liveview-loading")).toBeNull();
  });
});

describe("an ack riding on the call's last message", () => {
  /** Like `open`, with every frame the page's socket receives recorded, parsed. */
  async function openRecording(path: string): Promise<{ page: TestPage; frames: Record<string, unknown>[] }> {
    context = await browser.newContext();
    context.setDefaultTimeout(5000);
    const frames: Record<string, unknown>[] = [];
    const page = (await context.newPage()) as TestPage;
    page.errors = [];
    page.on("pageerror", (e) => page.errors.push(String(e)));
    page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(JSON.parse(String(f.payload)))));
    await page.goto(fixture.baseUrl + path);
    await page.waitForSelector("html[data-liveview-connection=open]");
    page.room = (await page.getAttribute("html", "data-room"))!;
    return { page, frames };
  }

  const idle = (page: Page) =>
    page.evaluate(() => (window as unknown as { LiveView: { idle: boolean } }).LiveView.idle);

  it("applies the message, then ends the call: loading, the outbox and the idle state", async () => {
    const { page, frames } = await openRecording("/updates");
    await page.click("#save-at-once");
    await page.waitForSelector("#slow-status:text-is('Saved at once')");
    await poll(() => idle(page)).toBe(true);
    expect(await page.getAttribute("#save-at-once", "data-liveview-loading")).toBeNull();
    expect(await page.getAttribute("html", "data-liveview-loading")).toBeNull();
    expect(await page.getAttribute("html", "data-liveview-outbox")).toBe("0");
    // One frame carried both.
    expect(frames).toEqual([{ target: "#slow-status", html: "Saved at once", ack: expect.any(String) }]);
    expect(page.errors).toEqual([]);
  });

  it("ends the call when the message names a target that is not in the page", async () => {
    const { page, frames } = await openRecording("/updates");
    await page.click("#save-then-ghost");
    await poll(() => frames.length).toBe(1);
    await poll(() => idle(page)).toBe(true);
    expect(await page.getAttribute("#save-then-ghost", "data-liveview-loading")).toBeNull();
    expect(await page.locator("#phantom").count()).toBe(0);
    expect(frames).toEqual([{ target: "#nowhere", html: expect.any(String), ack: expect.any(String) }]);
    expect(page.errors).toEqual([]);
  });
});

describe("behaviours", () => {
  it("calls data-liveview-init's function for an element at load and for one added by a server update, once each", async () => {
    const page = await open("/behaviours");
    const [atLoad] = await receivedCalls(page, "greet");
    expect(atLoad.data).toEqual({ who: "page" });
    await page.click("#add-widget");
    await page.waitForSelector("#widgets .widget");
    const greets = await receivedCalls(page, "greet", 2);
    expect(greets.map((c) => c.data.who)).toEqual(["page", expect.stringMatching(/^widget-\d+$/)]);
    expect(greets[1].data.who).toBe(await page.getAttribute("#widgets .widget", "data-who"));
  });

  it("calls data-liveview-intersect-appear / -disappear when scrolled into and out of view", async () => {
    const page = await open("/behaviours");
    // Off-screen at load: nothing is sent until the user scrolls.
    expect(await inView(page, "#sentinel")).toBe(false);
    await page.locator("#sentinel").scrollIntoViewIfNeeded();
    const [appear] = await receivedCalls(page, "sentinel_in");
    expect(appear.data).toEqual({ page: "2" });
    expect(calls(page.room, "sentinel_out")).toEqual([]);
    await page.evaluate(() => scrollTo(0, 0));
    const [disappear] = await receivedCalls(page, "sentinel_out");
    expect(disappear.data).toEqual({ page: "2" });
    expect(calls(page.room, "sentinel_in")).toHaveLength(1);
  });

  it("focuses an element with data-liveview-focus=true added by a server update", async () => {
    const page = await open("/behaviours");
    await page.click("#add-field");
    await page.waitForSelector("#new-name");
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe("new-name");
  });

  it("sends the function data-liveview-keyboard-map gives the key, and only for that key", async () => {
    const page = await open("/behaviours");
    await page.evaluate(() => {
      const w = window as unknown as { prevented: string[] };
      w.prevented = [];
      addEventListener("keydown", (e) => e.defaultPrevented && w.prevented.push((e.ctrlKey ? "ctrl+" : "") + e.key));
    });
    await page.keyboard.press("k");
    await page.keyboard.press("Control+j");
    await page.keyboard.press("Control+k");
    await page.waitForSelector("#search-status:text-is('Search open')");
    // One socket's calls arrive in order: had "k" or ctrl+j sent something, it would be here already.
    expect(calls(page.room, "open_search").map((c) => c.data)).toEqual([{ panel: "search" }]);
    expect(received.filter((c) => c.room === page.room && c.function !== "greet").map((c) => c.function)).toEqual([
      "open_search",
    ]);
    expect(await page.evaluate(() => (window as unknown as { prevented: string[] }).prevented)).toEqual(["ctrl+k"]);
  });
});

describe("robustness", () => {
  it("ignores a message for a target that is not in the page, without a page error, and keeps working", async () => {
    const page = await open("/updates");
    const warnings: string[] = [];
    page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
    // The button sits at the bottom of the page: scrolled there, the click needs no scrolling.
    await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
    const scrolled = await page.evaluate(() => scrollY);
    expect(scrolled).toBeGreaterThan(1000);
    const before = await page.innerHTML("#main");
    await page.click("#ghost");
    // The ack comes after the handler's messages: once loading ends, both have been applied (or not).
    await page.waitForSelector("html:not([data-liveview-loading])");
    expect(await page.innerHTML("#main")).toBe(before);
    expect(await page.locator("#phantom").count()).toBe(0);
    expect(await page.title()).toBe("Server updates");
    expect(await page.evaluate(() => scrollY)).toBe(scrolled);
    expect(warnings).toEqual([expect.stringContaining("#nowhere"), expect.stringContaining("div[unclosed")]);
    expect(page.errors).toEqual([]);
    await page.click("#add-entry");
    await page.waitForSelector("#log li:nth-child(2)");
  });
});

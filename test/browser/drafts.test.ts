// Built-in drafts on a fixture page (a form marked data-liveview-draft, no handler code), and what a reply does to
// fields the user typed in after the call left.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Running } from "../helpers.ts";
import { launch, openPage } from "./browser.ts";
import { hold } from "./fixture-app.ts";
import { startFixture } from "./fixture-app.ts";

let fixture: Running;
let browser: Browser;
beforeAll(async () => {
  [fixture, browser] = await Promise.all([startFixture(), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

async function drafts(context: BrowserContext) {
  const key = (await context.cookies()).find((c) => c.name === "sessionid")!.value;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await fixture.app.sessions.load(key))?.form_drafts as any;
}

async function open(context: BrowserContext): Promise<Page & { errors: string[] }> {
  return openPage(context, fixture.baseUrl + "/drafts");
}

describe("a form marked data-liveview-draft", () => {
  it("is saved as the user types, never with its password, and filled again on reload and after SPA navigation", async () => {
    const context = await browser.newContext();
    const page = await open(context);
    await page.type("input[name=title]", "Plan");
    await page.type("input[name=secret]", "hunter2");
    await page.type("textarea[name=body]", "Step one");
    await page.waitForSelector("#notes-status.liveview-saved:text-is('Saved')");
    expect(await drafts(context)).toEqual({
      notes: { data: { title: "Plan", body: "Step one" }, timestamp: expect.any(String) },
    });

    await page.reload();
    await poll(() => page.inputValue("textarea[name=body]")).toBe("Step one");
    expect(await page.inputValue("input[name=title]")).toBe("Plan");
    expect(await page.inputValue("input[name=secret]")).toBe("");

    await page.evaluate(() =>
      (window as unknown as { LiveView: { send(fn: string, data: object): string } }).LiveView.send("navigate", {
        dataUrl: "/message",
      }),
    );
    await page.waitForSelector("#order");
    await page.evaluate(() =>
      (window as unknown as { LiveView: { send(fn: string, data: object): string } }).LiveView.send("navigate", {
        dataUrl: "/drafts",
      }),
    );
    await page.waitForSelector("#notes");
    await poll(() => page.inputValue("textarea[name=body]")).toBe("Step one");
    expect(page.errors).toEqual([]);
    await context.close();
  });

  it("reaches another tab of the session that did not type in it, and never replaces what a tab typed", async () => {
    const context = await browser.newContext();
    const first = await open(context);
    const second = await open(context);
    await first.type("input[name=title]", "From the first tab");
    await first.waitForSelector("#notes-status.liveview-saved");
    await poll(() => second.inputValue("input[name=title]")).toBe("From the first tab");
    // The first tab typed in its copy: the second tab's draft does not overwrite it.
    await second.type("textarea[name=body]", "Second tab's words");
    await second.waitForSelector("#notes-status.liveview-saved");
    await poll(async () => (await drafts(context))?.notes?.data?.body).toBe("Second tab's words");
    expect(await first.inputValue("textarea[name=body]")).toBe("");
    await context.close();
  });

  it("is cleared by a successful submit: the reply removed the form", async () => {
    const context = await browser.newContext();
    const page = await open(context);
    await page.type("input[name=title]", "To publish");
    await page.click("#publish");
    await page.waitForSelector("#published");
    await poll(async () => Object.keys((await drafts(context)) ?? {})).toEqual([]);
    await page.reload();
    await page.waitForSelector("html[data-liveview-connection=open]");
    expect(await page.inputValue("input[name=title]")).toBe("");
    await context.close();
  });

  it("refuses to send a draft larger than a draft may be, says 'Not saved', and the saved draft stays", async () => {
    const context = await browser.newContext();
    const page = await open(context);
    await page.type("input[name=title]", "Small");
    await page.waitForSelector("#notes-status.liveview-saved");
    await page.evaluate(() => {
      const body = document.querySelector<HTMLTextAreaElement>("textarea[name=body]")!;
      body.value = "x".repeat(300 * 1024);
      body.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.waitForSelector("#notes-status.liveview-failed:text-is('Not saved')");
    expect((await drafts(context))?.notes?.data).toEqual({ title: "Small", body: "" });
    await context.close();
  });
});

describe("a reply that re-renders a form", () => {
  it("keeps what the user typed after the call left, and the focus and caret of the field being typed in", async () => {
    const context = await browser.newContext();
    const page = await open(context);
    await page.fill("#first", "Typed before");
    const release = hold();
    await page.click("#echo-profile");
    // While the call is in flight: the user goes on typing in two fields.
    await page.type("#last", "Typed after");
    await page.type("#other", "Still typing");
    await page.evaluate(() => document.querySelector<HTMLInputElement>("#other")!.setSelectionRange(2, 5));
    release();
    await page.waitForSelector("#echo-profile:not([data-liveview-loading])");
    expect(await page.inputValue("#first")).toBe("Server");
    expect(await page.inputValue("#last")).toBe("Typed after");
    expect(await page.inputValue("#other")).toBe("Still typing");
    expect(
      await page.evaluate(() => [
        document.activeElement?.id,
        (document.activeElement as HTMLInputElement).selectionStart,
        (document.activeElement as HTMLInputElement).selectionEnd,
      ]),
    ).toEqual(["other", 2, 5]);
    await context.close();
  });
});

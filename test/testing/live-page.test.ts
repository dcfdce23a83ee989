// A rendered page's parts on their own: typed calls, time that passes at once, assertions that say what is wrong.

import { afterAll, afterEach, describe, expect, it } from "vitest";
import { cleanup, render } from "../../src/testing/index.ts";
import { addAmount, makeApp } from "../../examples/testing/app.ts";
import { demoForFile } from "../demo/demo.ts";

const demo = demoForFile();
const app = makeApp({ DATABASE_URL: "sqlite::memory:" });
afterEach(cleanup);
afterAll(() => app.close());

describe("a rendered page", () => {
  it("answers content its handler's schema refuses with invalid_content, and the compiler refuses it first", async () => {
    const page = await render(app, "/");
    // @ts-expect-error -- the schema wants a number
    await page.call(addAmount, { data: { amount: "five" } });
    expect(page.record.errors()).toEqual([expect.objectContaining({ code: "invalid_content", function: "guide_add" })]);
    expect(await page.session()).not.toHaveProperty("count");
  });

  it("lets a debounce's time pass at once: typing is autosaved without waiting 2 s", async () => {
    const page = await render(demo.app, "/contact/");
    await page.fill("[name=name]", "Ada");
    await page.advance(2000);
    expect(await page.session()).toMatchObject({ form_drafts: { contact_form: { data: { name: "Ada" } } } });
    page.assertSentTo("#autosave-status", "Draft saved");
  });

  it("says what the page shows when an assertion fails", async () => {
    const page = await render(app, "/");
    expect(() => page.assertSee("Count: 9")).toThrow(/expected the page to show "Count: 9"; it shows: Count: 0/);
    expect(() => page.assertSentTo("#count")).toThrow("nothing was sent to #count");
    expect(() => page.assertAction("added")).toThrow("the action added never reached the page");
    await expect(page.assertSession("count", 1)).rejects.toThrow();
    await expect(page.click("#missing")).rejects.toThrow("no element matches #missing");
  });
});

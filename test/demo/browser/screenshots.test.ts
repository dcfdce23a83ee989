// Screenshots of every demo page at a desktop and a phone width, taken from the browser tests' own set-up so they
// never drift from the pages. `npm run screenshots` writes them to docs/screenshots/; the test run writes them to a
// temporary folder, so the script is run (and its pages checked for errors) on every `npm test`.

import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_USER } from "../../../examples/demo/accounts.ts";
import { demoInBrowser, openPage } from "../../browser/browser.ts";

const env = demoInBrowser();

const OUT = process.env.LIVEVIEW_SCREENSHOTS
  ? join(import.meta.dirname, "../../../docs/screenshots")
  : mkdtempSync(join(tmpdir(), "liveview-shots-"));

/** Seeding clicks through three pages on a machine that may be busy. */
const SEED_TIMEOUT_MS = 60_000;

/** The widths shown: a laptop, and a common phone (the layout is also checked at 360 px in the design test). */
const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/** Each page as a visitor finds it after a little use, so the pictures show the features rather than empty states. */
const PAGES: { name: string; path: string; signedIn?: boolean; prepare?: (page: Page) => Promise<void> }[] = [
  { name: "home", path: "/" },
  { name: "counter", path: "/counter" },
  { name: "board", path: "/board", signedIn: true },
  {
    name: "contact",
    path: "/contact",
    prepare: async (page) => {
      await page.fill("input[name=name]", "Ada");
      await page.fill("input[name=email]", "ada@example");
      await page.click("#submit");
      await page.waitForSelector(".error[data-field=email]");
    },
  },
  { name: "messages", path: "/messages", signedIn: true },
  { name: "files", path: "/files" },
  { name: "login", path: "/login" },
  { name: "not-found", path: "/no-such-page" },
];

async function seed(context: BrowserContext, baseUrl: string): Promise<void> {
  const page = await openPage(context, baseUrl + "/counter");
  for (let i = 1; i <= 3; i++) {
    await page.click("button[data-liveview-function=increment_counter]");
    await page.waitForSelector(`#counter-display strong:text-is("${i}")`);
  }
  await page.goto(baseUrl + "/board");
  await page.waitForSelector("html[data-liveview-connection=open]");
  for (const title of ["Write the release notes", "Review the session store", "Book the meeting room"]) {
    await page.fill("#task-title", title);
    await page.fill("#task-author", "Grace");
    await page.press("#task-title", "Enter");
    await page.waitForSelector(`.task-title:text-is("${title}")`);
  }
  await page.check(".task:has-text('Review the session store') input[type=checkbox]");
  await page.waitForSelector(".task-done:has-text('Review the session store')");
  await page.goto(baseUrl + "/contact");
  for (const [name, message] of [
    ["Linus", "The board is exactly what our team needed."],
    ["Margaret", "Could the counter count down too?"],
  ]) {
    await page.waitForSelector("html[data-liveview-connection=open]");
    await page.fill("input[name=name]", name!);
    await page.fill("input[name=email]", `${name!.toLowerCase()}@example.com`);
    await page.fill("textarea[name=message]", message!);
    await page.click("#submit");
    await page.waitForSelector("#sent");
    await page.click("#send-another");
    await page.waitForSelector("#contact_form");
  }
  await page.close();
}

async function signIn(context: BrowserContext, baseUrl: string): Promise<void> {
  const page = await openPage(context, baseUrl + "/login");
  await page.fill("#username-input", DEMO_USER.username);
  await page.fill("#password-input", DEMO_USER.password);
  await Promise.all([page.waitForURL(baseUrl + "/"), page.click("#login-submit")]);
  await page.close();
}

describe("screenshots of the demo", () => {
  const contexts = {} as { visitor: BrowserContext; member: BrowserContext };
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    contexts.visitor = await env.browser.newContext({ viewport: WIDTHS.desktop });
    await seed(contexts.visitor, env.demo.baseUrl);
    contexts.member = await env.browser.newContext({ viewport: WIDTHS.desktop });
    await signIn(contexts.member, env.demo.baseUrl);
  }, SEED_TIMEOUT_MS);

  const cases = PAGES.flatMap((shot) => Object.entries(WIDTHS).map(([label, viewport]) => ({ shot, label, viewport })));
  it.each(cases)("$shot.name at $viewport.width px, without a script error", async ({ shot, label, viewport }) => {
    const page = await (shot.signedIn ? contexts.member : contexts.visitor).newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewportSize(viewport);
    await page.goto(env.demo.baseUrl + shot.path);
    await page.waitForSelector("html[data-liveview-connection=open]");
    await shot.prepare?.(page);
    await page.screenshot({ path: join(OUT, `${shot.name}-${label}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

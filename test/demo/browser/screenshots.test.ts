// Screenshots of every demo page at a desktop and a phone width, taken from the browser tests' own set-up so they
// never drift from the pages. `npm run screenshots` writes them to docs/screenshots/; the test run writes them to a
// temporary folder, so the script is run (and its pages checked for errors) on every `npm test`.

import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  // Seen by the signed-in user while the visitor who seeded it is still on the board: presence shows both.
  {
    name: "board",
    path: "/board",
    signedIn: true,
    prepare: async (page) => {
      await page.waitForSelector(".person:text-is('Grace')");
    },
  },
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

/** A small text file, as a browser hands it to the page. */
const textFile = (name: string, line: string, times: number) => ({
  name,
  mimeType: "text/plain",
  buffer: Buffer.from(line.repeat(times)),
});

/** Seeds every page by clicking, and leaves the visitor on the board (returned, to close at the end). */
async function seed(context: BrowserContext, baseUrl: string): Promise<Page> {
  const page = await openPage(context, baseUrl + "/counter");
  for (let i = 1; i <= 3; i++) {
    await page.click("button[data-liveview-function=increment_counter]");
    await page.waitForSelector(`#counter-display strong:text-is("${i}")`);
  }
  await page.goto(baseUrl + "/board");
  await page.waitForSelector("html[data-liveview-connection=open]");
  // The first task carries an attachment, uploaded before it is added.
  await page.setInputFiles("#task-file", textFile("release-plan.txt", "1. Freeze. 2. Tag. 3. Announce.\n", 200));
  await page.waitForSelector("#attachment-pending");
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
  await page.goto(baseUrl + "/files");
  await page.waitForSelector("html[data-liveview-connection=open]");
  await page.setInputFiles("#file-input", [
    textFile("meeting-notes.txt", "Agreed: ship on Friday.\n", 3000),
    textFile("todo.txt", "- water the plants\n", 40),
  ]);
  await page.waitForSelector("#file-list tr[data-key] >> nth=1");
  await page.goto(baseUrl + "/board");
  await page.waitForSelector("html[data-liveview-connection=open]");
  return page;
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
  let onTheBoard: Page;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    contexts.visitor = await env.browser.newContext({ viewport: WIDTHS.desktop });
    onTheBoard = await seed(contexts.visitor, env.demo.baseUrl);
    contexts.member = await env.browser.newContext({ viewport: WIDTHS.desktop });
    await signIn(contexts.member, env.demo.baseUrl);
  }, SEED_TIMEOUT_MS);
  afterAll(() => onTheBoard.close());

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

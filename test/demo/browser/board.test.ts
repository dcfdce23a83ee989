// The shared board in two browsers at once: what one does, the other sees without reloading; each sees who else is
// on the board, and the file the other attached to a task; each keeps its own filter and name in its session;
// clearing needs an account.

import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_USER } from "../../../examples/demo/accounts.ts";
import { demoInBrowser, openPage } from "../../browser/browser.ts";

const env = demoInBrowser();

/** Two people: separate browser contexts, so separate cookies and sessions. */
async function twoBrowsers(browser: Browser): Promise<[BrowserContext, BrowserContext]> {
  return [await browser.newContext(), await browser.newContext()];
}

/** Bob: signed in as the demo's user, landing on the board. */
async function bobOnTheBoard(bob: BrowserContext) {
  const b = await openPage(bob, env.demo.baseUrl + "/login?next=/board");
  await b.fill("#username-input", DEMO_USER.username);
  await b.fill("#password-input", DEMO_USER.password);
  await Promise.all([b.waitForURL(env.demo.baseUrl + "/board"), b.click("#login-submit")]);
  await b.waitForSelector("html[data-liveview-connection=open]");
  return b;
}

/** An element's text, its spaces collapsed (the chips are flex boxes, whose inner text breaks lines). */
const textOf = async (page: Page, selector: string) =>
  ((await page.textContent(selector)) ?? "").replace(/\s+/g, " ").trim();

/** The names in a page's "On the board now" row, as shown. */
const peopleOn = async (page: Page) =>
  (await page.locator("#board-people .person").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());

/** The finished files in the demo's upload store. */
function storedFiles(): string[] {
  const folder = join(env.demo.app.settings.UPLOAD_ROOT, "files");
  return existsSync(folder) ? readdirSync(folder) : [];
}

describe("the shared board", () => {
  it("shows a task added, ticked and cleared in one browser in the other at once", async () => {
    const [alice, bob] = await twoBrowsers(env.browser);
    const a = await openPage(alice, env.demo.baseUrl + "/board");
    const b = await bobOnTheBoard(bob);

    // Enter in the title field adds the task; Bob's page shows it without a reload.
    await a.fill("#task-title", "Water the plants");
    await a.fill("#task-author", "Alice");
    await a.press("#task-title", "Enter");
    await b.waitForSelector(".task:has-text('Water the plants') .task-author:text-is('Alice')");
    // Alice's form is blank again for the next task, and keeps her name.
    await a.waitForSelector("#task-title[value='']");
    expect(await a.inputValue("#task-author")).toBe("Alice");

    await b.check(".task:has-text('Water the plants') input[type=checkbox]");
    await a.waitForSelector(".task-done:has-text('Water the plants')");
    expect(await a.isChecked(".task:has-text('Water the plants') input[type=checkbox]")).toBe(true);

    // Only Bob, signed in, may clear done tasks; Alice's page follows.
    expect(await a.locator("#clear-done").count()).toBe(0);
    await b.click("#clear-done");
    await a.waitForSelector(".task:has-text('Water the plants')", { state: "detached" });
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await alice.close();
    await bob.close();
  });

  it("refuses an empty task with a message under the field, and adds nothing", async () => {
    const [alice, bob] = await twoBrowsers(env.browser);
    const a = await openPage(alice, env.demo.baseUrl + "/board");
    const b = await openPage(bob, env.demo.baseUrl + "/board");
    const before = await b.locator(".task").count();
    await a.fill("#task-title", "   ");
    await a.click("#add-task");
    await a.waitForSelector(".error[data-field=title]:text-is('This field is required.')");
    expect(await a.getAttribute("#task-title", "aria-invalid")).toBe("true");
    // A task that is accepted after it reaches Bob, so the refused one would have reached him first.
    await a.fill("#task-title", "Fix the gate");
    await a.click("#add-task");
    await b.waitForSelector(".task:has-text('Fix the gate')");
    expect(await b.locator(".task").count()).toBe(before + 1);
    await alice.close();
    await bob.close();
  });

  it("keeps each browser's filter and name in its own session, across a reload", async () => {
    const [alice, bob] = await twoBrowsers(env.browser);
    const a = await openPage(alice, env.demo.baseUrl + "/board");
    const b = await openPage(bob, env.demo.baseUrl + "/board");
    await a.fill("#task-title", "Open task");
    await a.fill("#task-author", "Alice");
    await a.press("#task-title", "Enter");
    await a.fill("#task-title", "Finished task");
    await a.press("#task-title", "Enter");
    await a.waitForSelector(".task:has-text('Finished task')");
    await a.check(".task:has-text('Finished task') input[type=checkbox]");
    await a.waitForSelector(".task-done:has-text('Finished task')");

    await a.click("#filter-open");
    await a.waitForSelector("#filter-open[aria-pressed=true]");
    expect(await a.isVisible(".task:has-text('Finished task')")).toBe(false);
    expect(await a.isVisible(".task:has-text('Open task')")).toBe(true);
    // Bob still sees everything: the filter is Alice's alone.
    expect(await b.isVisible(".task:has-text('Finished task')")).toBe(true);

    await a.reload();
    await a.waitForSelector("html[data-liveview-connection=open]");
    expect(await a.getAttribute("#filter-open", "aria-pressed")).toBe("true");
    expect(await a.inputValue("#task-author")).toBe("Alice");
    expect(await b.inputValue("#task-author")).toBe("");
    await alice.close();
    await bob.close();
  });

  it("joins the board when reached by SPA navigation, and leaves it when navigating away", async () => {
    const [alice, bob] = await twoBrowsers(env.browser);
    const a = await openPage(alice, env.demo.baseUrl + "/");
    const b = await openPage(bob, env.demo.baseUrl + "/board");
    const warnings: string[] = [];
    a.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
    await a.click("#nav a[data-data-url='/board']");
    await a.waitForSelector("#board");
    await b.fill("#task-title", "Seen after navigation");
    await b.press("#task-title", "Enter");
    await a.waitForSelector(".task:has-text('Seen after navigation')");

    await a.click("#nav a[data-data-url='/counter']");
    await a.waitForSelector("#counter-display");
    await b.fill("#task-title", "Not for the counter page");
    await b.press("#task-title", "Enter");
    await b.waitForSelector(".task:has-text('Not for the counter page')");
    // A round trip of Alice's own after Bob's change: had she still been in the group, its update came first.
    await a.click("button[data-liveview-function=increment_counter]");
    await a.waitForSelector('#counter-display strong:text-is("1")');
    expect(warnings.filter((w) => w.includes("board-tasks"))).toEqual([]);
    await alice.close();
    await bob.close();
  });
  it("shows each browser who else is on the board, and drops one who leaves", async () => {
    const [alice, bob] = await twoBrowsers(env.browser);
    const a = await openPage(alice, env.demo.baseUrl + "/board");
    const b = await bobOnTheBoard(bob);
    // Alice, a guest, is "Guest" and her socket's first characters until she gives a name.
    await a.waitForSelector(`#board-people .person:text-is("${DEMO_USER.username}")`);
    await b.waitForSelector("#board-people .person:has-text('Guest ')");
    expect(await textOf(a, "#board-people .person-you")).toMatch(/^Guest \w{4} \(you\)$/);
    expect(await textOf(b, "#board-people .person-you")).toBe(`${DEMO_USER.username} (you)`);

    // A name given with a task is the name she is shown under.
    await a.fill("#task-title", "Say hello");
    await a.fill("#task-author", "Alice");
    await a.press("#task-title", "Enter");
    await b.waitForSelector("#board-people .person:text-is('Alice')");
    expect(await peopleOn(b)).toEqual([`${DEMO_USER.username} (you)`, "Alice"]);
    expect(await peopleOn(a)).toEqual(["Alice (you)", DEMO_USER.username]);

    // Leaving by SPA navigation untracks her at once; so does closing the page.
    await a.click("#nav a[data-data-url='/counter']");
    await a.waitForSelector("#counter-display");
    await b.waitForSelector("#board-people .person:text-is('Alice')", { state: "detached" });
    expect(await peopleOn(b)).toEqual([`${DEMO_USER.username} (you)`]);
    await a.click("#nav a[data-data-url='/board']");
    await b.waitForSelector("#board-people .person:text-is('Alice')");
    await alice.close();
    await b.waitForSelector("#board-people .person:text-is('Alice')", { state: "detached" });
    expect(Object.values(await env.demo.app.presence.list("board")).map((m) => m.name)).toEqual([DEMO_USER.username]);
    expect(b.errors).toEqual([]);
    await bob.close();
  });

  it("shows a file one browser attached to a task in the other, by name and size", async () => {
    const [alice, bob] = await twoBrowsers(env.browser);
    const a = await openPage(alice, env.demo.baseUrl + "/board");
    const b = await bobOnTheBoard(bob);
    const before = storedFiles().length;
    await a.setInputFiles("#task-file", {
      name: "plan.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Step one: buy seeds.\n".repeat(100)),
    });
    // Uploaded, then waiting in Alice's form for the task she adds next.
    await a.waitForSelector("#attachment-pending:has-text('plan.txt')");
    expect(storedFiles().length).toBe(before + 1);
    await a.fill("#task-title", "Plant the garden");
    await a.press("#task-title", "Enter");

    const attached = ".task:has-text('Plant the garden') .task-attachment";
    await b.waitForSelector(`${attached}:has-text('plan.txt')`);
    expect(await textOf(b, attached)).toBe("plan.txt 2.1 KB");
    // Her form is ready for the next task, with no file waiting.
    await a.waitForSelector("#task-file");
    expect(await a.locator("#attachment-pending").count()).toBe(0);

    // A type the board does not take is refused on its entry, and nothing is stored.
    await a.setInputFiles("#task-file", { name: "page.html", mimeType: "text/html", buffer: Buffer.from("<p>hi</p>") });
    const refused = await a.waitForSelector("[data-liveview-upload-entries=task_attachment] li[data-state=failed]");
    expect(await refused.textContent()).toContain("page.html is not a type accepted here");
    expect(await a.locator("#attachment-pending").count()).toBe(0);
    expect(storedFiles().length).toBe(before + 1);

    // Clearing the task (Bob is signed in) removes its file from the store.
    await b.check(".task:has-text('Plant the garden') input[type=checkbox]");
    await b.waitForSelector(".task-done:has-text('Plant the garden')");
    await b.click("#clear-done");
    await a.waitForSelector(".task:has-text('Plant the garden')", { state: "detached" });
    expect(storedFiles().length).toBe(before);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await alice.close();
    await bob.close();
  });
});

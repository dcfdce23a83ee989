// The shared board in two browsers at once: what one does, the other sees without reloading; each keeps its own
// filter and name in its session; clearing needs an account.

import type { Browser, BrowserContext } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_USER } from "../../../examples/demo/accounts.ts";
import { demoInBrowser, openPage } from "../../browser/browser.ts";

const env = demoInBrowser();

/** Two people: separate browser contexts, so separate cookies and sessions. */
async function twoBrowsers(browser: Browser): Promise<[BrowserContext, BrowserContext]> {
  return [await browser.newContext(), await browser.newContext()];
}

describe("the shared board", () => {
  it("shows a task added, ticked and cleared in one browser in the other at once", async () => {
    const [alice, bob] = await twoBrowsers(env.browser);
    const a = await openPage(alice, env.demo.baseUrl + "/board");
    const b = await openPage(bob, env.demo.baseUrl + "/login?next=/board");
    await b.fill("#username-input", DEMO_USER.username);
    await b.fill("#password-input", DEMO_USER.password);
    await Promise.all([b.waitForURL(env.demo.baseUrl + "/board"), b.click("#login-submit")]);
    await b.waitForSelector("html[data-liveview-connection=open]");

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
});

// SPA navigation, signing in, and the back button, in a real browser.

import { describe, expect, it } from "vitest";
import { DEMO_USER } from "../../examples/demo/accounts.ts";
import { demoInBrowser, openPage } from "./browser.ts";

const env = demoInBrowser();

/** Marks the window so a full page load (which makes a new window object) can be told apart from SPA navigation. */
const markWindow = (page: import("playwright-core").Page) =>
  page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
const sameWindow = (page: import("playwright-core").Page) =>
  page.evaluate(() => (window as unknown as { marker?: number }).marker === 42);

describe("SPA navigation in Chromium", () => {
  it("changes page without a reload, shows the session's state, and updates URL and title", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/counter");
    await page.click("button[data-liveview-function=increment_counter]");
    await page.waitForSelector('#counter-display strong:text-is("1")');
    await markWindow(page);
    await page.click("nav a[data-data-url='/']");
    await page.waitForSelector("h1:text-is('LiveView demo')");
    expect(page.url()).toBe(env.demo.baseUrl + "/");
    expect(await page.title()).toBe("Home · LiveView demo");
    await page.click("nav a[data-data-url='/counter']");
    await page.waitForSelector('#counter-display strong:text-is("1")');
    expect(await page.title()).toBe("Counter · LiveView demo");
    // The page that navigation rendered is live: its button works.
    await page.click("button[data-liveview-function=increment_counter]");
    await page.waitForSelector('#counter-display strong:text-is("2")');
    expect(await sameWindow(page)).toBe(true);
    expect(page.errors).toEqual([]);
    await context.close();
  });

  it("goes back and forward with the browser's buttons", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/");
    await markWindow(page);
    await page.click("nav a[data-data-url='/counter']");
    await page.waitForSelector("#counter-display");
    await page.click("nav a[data-data-url='/contact']");
    await page.waitForSelector("#contact_form");
    await page.goBack();
    await page.waitForSelector("#counter-display");
    expect(page.url()).toBe(env.demo.baseUrl + "/counter");
    await page.goBack();
    await page.waitForSelector("h1:text-is('LiveView demo')");
    await page.goForward();
    await page.waitForSelector("#counter-display");
    expect(await sameWindow(page)).toBe(true);
    await context.close();
  });

  it("signs in, then navigates as the signed-in user; signing out ends it", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/");
    expect(await page.textContent("#who")).toContain("Not signed in");
    await page.click("#login-link");
    await page.waitForSelector("#login-form");
    await page.fill("#username-input", DEMO_USER.username);
    await page.fill("#password-input", DEMO_USER.password);
    await Promise.all([page.waitForURL(env.demo.baseUrl + "/"), page.click("#login-submit")]);
    await page.waitForSelector("html[data-liveview-connection=open]");
    expect(await page.textContent("#greeting")).toBe("Welcome back, demo.");
    await page.click("nav a[data-data-url='/counter']");
    await page.waitForSelector("#counter-display");
    await page.click("nav a[data-data-url='/']");
    await page.waitForSelector("#greeting:text-is('Welcome back, demo.')");
    await Promise.all([page.waitForURL(env.demo.baseUrl + "/"), page.click("#logout")]);
    expect(await page.textContent("#who")).toContain("Not signed in");
    await context.close();
  });

  it("falls back to a full page load for a link to a page that is not live", async () => {
    env.demo.app.get("/plain", () => "<!doctype html><title>Plain</title><p id=plain>not a live page</p>", {
      live: false,
    });
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/");
    await page.evaluate(() => {
      const a = document.createElement("a");
      a.id = "to-plain";
      a.href = "/plain";
      a.textContent = "plain";
      a.dataset.liveviewFunction = "navigate";
      a.dataset.dataUrl = "/plain";
      a.dataset.action = "click->page#run";
      document.querySelector("main")!.append(a);
    });
    await page.click("#to-plain");
    await page.waitForSelector("#plain");
    expect(page.url()).toBe(env.demo.baseUrl + "/plain");
    await context.close();
  });
});

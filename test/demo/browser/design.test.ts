// The demo's rough edges, each as a visitor meets it: the 404 page, the favicon, Enter in a form, sending again,
// where signing in and out lands, the offline banner, and the header on a 360 px phone.

import { describe, expect, it } from "vitest";
import { DEMO_USER } from "../../../examples/demo/accounts.ts";
import { demoInBrowser, openPage } from "../../browser/browser.ts";

const env = demoInBrowser();

describe("the demo's pages", () => {
  it("answer an unknown path with a 404 page in the demo's design, and ask for no /favicon.ico", async () => {
    const context = await env.browser.newContext();
    const asked: string[] = [];
    context.on("request", (r) => asked.push(new URL(r.url()).pathname));
    const page = await context.newPage();
    const response = await page.goto(env.demo.baseUrl + "/no/such/page");
    expect(response!.status()).toBe(404);
    expect(response!.headers()["content-type"]).toContain("text/html");
    expect(await page.textContent("h1")).toBe("Page not found");
    expect(await page.textContent("#missing-path")).toBe("/no/such/page");
    expect(await page.locator("#nav a").count()).toBeGreaterThan(3);
    expect(await page.locator("#nav a[aria-current]").count()).toBe(0);
    await page.waitForSelector("html[data-liveview-connection=open]");
    const icon = await page.getAttribute("link[rel=icon]", "href");
    expect((await page.request.get(env.demo.baseUrl + icon!)).status()).toBe(200);
    expect(asked).not.toContain("/favicon.ico");
    await context.close();
  });

  it("mark the current page in the nav, and follow SPA navigation", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/counter");
    expect(await page.textContent("#nav a[aria-current=page]")).toBe("Counter");
    await page.click("#nav a[data-data-url='/contact']");
    await page.waitForSelector("#contact_form");
    expect(await page.locator("#nav a[aria-current=page]").allTextContents()).toEqual(["Contact"]);
    // The header's links that come back here follow too.
    expect(await page.getAttribute("#login-link", "href")).toBe("/login?next=%2Fcontact");
    await context.close();
  });

  it("send the contact form with Enter in a field, then offer a blank form for another message", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/contact");
    await page.fill("input[name=name]", "Ada");
    await page.fill("input[name=email]", "ada@example.com");
    await page.press("input[name=email]", "Enter");
    await page.waitForSelector("#sent:has-text('Message sent!')");
    expect(page.url()).toBe(env.demo.baseUrl + "/contact");
    await page.click("#send-another");
    await page.waitForSelector("#contact_form");
    expect(await page.inputValue("input[name=name]")).toBe("");
    await page.fill("input[name=name]", "Ada again");
    await page.fill("input[name=email]", "ada@example.com");
    await page.click("#submit");
    await page.waitForSelector("#sent");
    expect(page.errors).toEqual([]);
    await context.close();
  });

  it("say when a restored draft was saved in the reader's terms, not as a raw timestamp", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/contact");
    await page.fill("input[name=name]", "Linus");
    await page.waitForSelector("#autosave-status:has-text('Draft saved')");
    await page.click("#restore-draft");
    await page.waitForSelector("#draft-answer:has-text('Draft restored')");
    const answer = (await page.textContent("#draft-answer"))!;
    expect(answer).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(answer).toMatch(/^Draft restored \(saved \w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d\s?[AP]M\)$/);
    await context.close();
  });

  it("bring a visitor who signs in from /messages back to /messages, and one who signs out to the home page", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/messages");
    await page.click("#login-link");
    await page.waitForSelector("#login-form");
    await page.fill("#username-input", DEMO_USER.username);
    await page.fill("#password-input", DEMO_USER.password);
    await Promise.all([page.waitForURL(env.demo.baseUrl + "/messages"), page.click("#login-submit")]);
    await page.waitForSelector("html[data-liveview-connection=open]");
    expect(await page.textContent("#username")).toBe(DEMO_USER.username);
    await Promise.all([page.waitForURL(env.demo.baseUrl + "/"), page.click("#logout")]);
    expect(await page.textContent("h1")).toBe("LiveView demo");
    expect(await page.textContent("#who")).toContain("Not signed in");
    await context.close();
  });

  it("show the offline banner above the nav, not over it", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/counter");
    await page.evaluate(() => document.getElementById("no-connection")!.removeAttribute("hidden"));
    const banner = (await page.locator("#no-connection").boundingBox())!;
    const nav = (await page.locator("#nav").boundingBox())!;
    const brand = (await page.locator(".brand").boundingBox())!;
    expect(banner.y + banner.height).toBeLessThanOrEqual(brand.y);
    expect(banner.y + banner.height).toBeLessThanOrEqual(nav.y);
    await context.close();
  });

  it("keep the header on one row of nav and nothing wider than a 360 px phone", async () => {
    const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
    for (const path of ["/", "/counter", "/board", "/contact", "/messages", "/login", "/missing"]) {
      const page = await context.newPage();
      await page.goto(env.demo.baseUrl + path);
      const tops = await page.locator("#nav a").evaluateAll((links) => links.map((a) => a.getBoundingClientRect().top));
      expect(new Set(tops).size, path).toBe(1);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(360);
      await page.close();
    }
    await context.close();
  });
});

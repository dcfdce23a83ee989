// Signing out in one tab: the other tabs of that browser stop showing the signed-in page and act as nobody.

import { expect, it } from "vitest";
import { DEMO_USER } from "../../examples/demo/accounts.ts";
import { demoInBrowser, openPage } from "./browser.ts";

const env = demoInBrowser();

it("reloads another tab when the session ends, and it shows the signed-out page", async () => {
  const context = await env.browser.newContext();
  const tab = await openPage(context, env.demo.baseUrl + "/login");
  await tab.fill("#username-input", DEMO_USER.username);
  await tab.fill("#password-input", DEMO_USER.password);
  await Promise.all([tab.waitForURL(env.demo.baseUrl + "/"), tab.click("#login-submit")]);
  const other = await openPage(context, env.demo.baseUrl + "/");
  expect(await other.textContent("#greeting")).toBe("Welcome back, demo.");
  await other.evaluate(() => ((window as unknown as { stale: boolean }).stale = true));

  await tab.waitForSelector("html[data-liveview-connection=open]");
  await Promise.all([tab.waitForURL(env.demo.baseUrl + "/"), tab.click("#logout")]);

  // The other tab was reloaded (our marker is gone) and shows what its browser now is: signed out.
  await other.waitForFunction(() => !(window as unknown as { stale?: boolean }).stale);
  await other.waitForSelector("html[data-liveview-connection=open]");
  expect(await other.textContent("#who")).toContain("Not signed in");
  expect(other.errors).toEqual([]);
  await context.close();
});

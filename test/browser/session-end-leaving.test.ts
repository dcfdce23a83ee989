// A tab that ends its own session with a form post follows the post's answer, not a reload; should the post lead
// nowhere (a 204), the tab still reloads and shows that it is signed out.

import { expect, it } from "vitest";
import { DEMO_USER } from "../../examples/demo/accounts.ts";
import { HttpResponse, logout } from "../../src/index.ts";
import { demoInBrowser, openPage } from "./browser.ts";

const env = demoInBrowser();

it("reloads a tab whose sign-out post answered 204, once the navigation did not happen", async () => {
  env.demo.app.post(
    "/sign-out-quietly",
    async (request) => {
      await logout(request);
      return new HttpResponse("", 204);
    },
    { csrfExempt: true },
  );
  const context = await env.browser.newContext();
  const page = await openPage(context, env.demo.baseUrl + "/login");
  await page.fill("#username-input", DEMO_USER.username);
  await page.fill("#password-input", DEMO_USER.password);
  await Promise.all([page.waitForURL(env.demo.baseUrl + "/"), page.click("#login-submit")]);
  await page.waitForSelector("html[data-liveview-connection=open]");
  await page.evaluate(() => {
    (window as unknown as { stale: boolean }).stale = true;
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/sign-out-quietly";
    document.body.append(form);
    form.submit();
  });
  // The 204 leaves the page where it is; the session's end then reloads it after the grace period.
  await page.waitForFunction(() => !(window as unknown as { stale?: boolean }).stale);
  await page.waitForSelector("html[data-liveview-connection=open]");
  expect(await page.textContent("#who")).toContain("Not signed in");
  await context.close();
});

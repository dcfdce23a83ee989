// The contact form's drafts and the outbox in the kit's page, through a faulty link (30 % of frames lost with
// their connection, 30 % duplicated, 200 ms of jitter): what the user typed and clicked arrives once, exactly.

import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { cleanup, FaultProxy, render, type Faults } from "../../src/testing/index.ts";
import { demoForFile } from "../demo/demo.ts";

const FAULTY: Faults = { drop: 0.3, duplicate: 0.3, jitter: 200, seed: 18 };
/** The demo's autosave debounce (contact_form.html). */
const AUTOSAVE_DEBOUNCE_MS = 2000;
const SETTLE = { timeout: 60_000 };
const demo = demoForFile();
let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await FaultProxy.start(demo.baseUrl);
});
afterAll(() => proxy.close());
afterEach(() => {
  proxy.heal();
  return cleanup();
});

it("keeps the draft the user typed last, and restores it after a reload", { timeout: 90_000 }, async () => {
  const page = await render(proxy.url, "/contact/", { app: demo.app });
  // A first call over a sound link: the client replays calls only to a server it has seen acknowledge one.
  await page.click("#restore-draft");
  page.assertAction("no_draft_found", { form_id: "contact_form" });

  proxy.set(FAULTY);
  await page.fill("[name=name]", "Ada");
  await page.fill("[name=email]", "ada@example.com");
  await page.fill("[name=message]", "First words");
  await page.advance(AUTOSAVE_DEBOUNCE_MS);
  await page.fill("[name=message]", "Last words");
  await page.advance(AUTOSAVE_DEBOUNCE_MS);
  await page.idle(SETTLE);
  proxy.heal();
  console.log("faulty drafts:", JSON.stringify(proxy.stats));

  const { form_drafts } = (await page.session()) as { form_drafts: Record<string, { data: unknown }> };
  expect(form_drafts.contact_form!.data).toEqual({
    name: "Ada",
    email: "ada@example.com",
    website: "",
    message: "Last words",
  });

  await page.reload();
  page.assertSee("You have a saved draft from Ada");
  await page.click("#restore-draft");
  expect(page.value("[name=message]")).toBe("Last words");
  expect(page.value("[name=email]")).toBe("ada@example.com");
});

it("sends the calls a dead link swallowed from the next page, once each", { timeout: 90_000 }, async () => {
  const page = await render(proxy.url, "/counter/", { app: demo.app });
  const add = "[data-liveview-function=increment_counter]";
  await page.click(add);

  proxy.halfOpen();
  for (let i = 0; i < 5; i++) await page.click(add, { idle: false });
  await proxy.waitFor((stats) => stats.held === 5);
  expect(page.text("#outbox-count")).toBe("5");

  // The tab is reloaded while the calls wait; the next page takes them over. Its link is cut after the first of
  // them, before this page has seen any acknowledgement; then come the faults.
  proxy.heal();
  proxy.cutAfter(1);
  await page.reload();
  proxy.set(FAULTY);
  for (let i = 0; i < 6; i++) await page.click(add, { idle: false });
  await page.idle(SETTLE);
  proxy.heal();
  console.log("faulty outbox:", JSON.stringify(proxy.stats));

  expect(await page.session()).toMatchObject({ counter: 12 });
  expect(page.text("#outbox-count")).toBe("0");
  await page.reload();
  expect(page.text("#counter-display")).toBe("Counter: 12");
});

// The demo's form-draft handlers (the seed guide's) against its templates: autosave, restore, clear, submit.

import { afterEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../src/deployment.ts";
import { cleanup, render } from "../../src/testing/index.ts";
import { visibleText } from "../helpers.ts";
import { demoForFile } from "./demo.ts";

const demo = demoForFile();
afterEach(cleanup);

const draft = { name: "Ada", email: "ada@example.com", message: "Hello <there>" };

async function browserWithSocket() {
  const browser = demo.client();
  await browser.get("/contact");
  return { browser, socket: await demo.live(browser) };
}

describe("form drafts", () => {
  it("autosave keeps the draft in the session (a nested change, saved without save()) and the page pre-fills it", async () => {
    const page = await render(demo.baseUrl, "/contact", { app: demo.app });
    for (const [name, value] of Object.entries(draft)) await page.fill(`[name=${name}]`, value);
    await page.advance(2000); // the fields' autosave debounce
    expect(page.record.sentTo("#autosave-status").at(-1)).toBe('<small class="text-success">✓ Draft saved</small>');
    expect(await page.session()).toMatchObject({ form_drafts: { contact_form: { data: draft } } });

    await page.reload();
    page.assertSee("You have a saved draft from Ada");
    expect(Object.keys(draft).map((name) => page.value(`[name=${name}]`))).toEqual(Object.values(draft));
  });

  it("accepts form_id inside data, as django-liveview's own client sends it", async () => {
    const { browser, socket } = await browserWithSocket();
    await socket.call("autosave_form", { data: { liveviewFormId: "contact_form" }, form: draft });
    expect((await browser.session())?.form_drafts).toHaveProperty("contact_form");
  });

  it("refuses form ids that name what every object has, and keeps the drafts as they were", async () => {
    const { browser, socket } = await browserWithSocket();
    await socket.call("autosave_form", { form_id: "contact_form", form: draft });
    for (const formId of ["toString", "constructor", "__proto__", "hasOwnProperty", "a b"]) {
      for (const fn of ["autosave_form", "restore_form_draft", "clear_form_draft"]) {
        const replies = await socket.call(fn, { form_id: formId, form: draft });
        expect(replies, `${fn} ${formId}`).toEqual([
          expect.objectContaining({ code: "invalid_content", function: fn }),
        ]);
      }
    }
    expect(Object.keys((await browser.session())?.form_drafts ?? {})).toEqual(["contact_form"]);
  });

  it("restore answers restore_form with the draft, or no_draft_found", async () => {
    const { socket } = await browserWithSocket();
    expect(await socket.call("restore_form_draft", { form_id: "contact_form" })).toEqual([
      { action: "no_draft_found", form_id: "contact_form" },
    ]);
    await socket.call("autosave_form", { form_id: "contact_form", form: draft });
    const [restore] = await socket.call("restore_form_draft", { form_id: "contact_form" });
    expect(restore).toMatchObject({ action: "restore_form", form_id: "contact_form", form_data: draft });
    expect(Date.parse(String(restore!.saved_at))).toBeGreaterThan(Date.now() - 60_000);
  });

  it("clear removes the draft", async () => {
    const { browser, socket } = await browserWithSocket();
    await socket.call("autosave_form", { form_id: "contact_form", form: draft });
    await socket.call("clear_form_draft", { form_id: "contact_form" });
    expect((await browser.session())?.form_drafts).toEqual({});
    expect((await browser.get("/contact")).text).not.toContain("You have a saved draft");
  });

  it("an invalid submit shows the errors next to the fields and keeps the draft", async () => {
    const { browser, socket } = await browserWithSocket();
    await socket.call("autosave_form", { form_id: "contact_form", form: { name: "", email: "nope", message: "" } });
    const [reply] = await socket.call("submit_contact", {
      form_id: "contact_form",
      form: { name: "", email: "nope", message: "" },
    });
    expect(reply!.target).toBe("#contact-container");
    expect(String(reply!.html)).toMatch(/data-field="name">This field is required\.</);
    expect(String(reply!.html)).toMatch(/data-field="email">Enter a valid email address\.</);
    expect((await browser.session())?.form_drafts).toHaveProperty("contact_form");
  });

  it("a valid submit stores the message, clears the draft and says so", async () => {
    const { browser, socket } = await browserWithSocket();
    await socket.call("autosave_form", { form_id: "contact_form", form: draft });
    const [reply] = await socket.call("submit_contact", { form_id: "contact_form", form: draft });
    expect(visibleText(String(reply!.html))).toBe("Message sent! Send another message");
    expect((await browser.session())?.form_drafts).toEqual({});
    const rows = openSqlite(demo.app.settings.DATABASE_URL)
      .prepare("SELECT name, email, message FROM contact_message")
      .all();
    expect(rows).toContainEqual(draft);
  });
});

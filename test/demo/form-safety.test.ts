// What the server guarantees for forms, whatever the client: a late autosave after a submit and a second submit
// are refused (also without message ids, as django-liveview's client sends), replays apply once, outbox calls of
// another session and bad drafts are dropped with a clear error while the session keeps its data.

import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/index.ts";
import { openSqlite } from "../../src/deployment.ts";
import type { LiveClient } from "../../src/testing/index.ts";
import { tagOfSecret } from "../../src/protocol.ts";
import { demoForFile } from "./demo.ts";

const demo = demoForFile();

async function page() {
  const browser = demo.client();
  await browser.get("/contact");
  return { browser, socket: await demo.live(browser) };
}

/** A frame as django-liveview's client sends it: no id, the form id inside data. Resolves with the next reply. */
function sendWithoutId(socket: LiveClient, fn: string, form: JsonObject, formId = "contact_form"): Promise<JsonObject> {
  const reply = socket.next((m) => m.ack === undefined);
  socket.sendRaw(
    JSON.stringify({ function: fn, data: { liveviewFormId: formId }, form, lang: "en", room: "djangopage" }),
  );
  return reply;
}

function rowsNamed(name: string): unknown[] {
  return openSqlite(demo.app.settings.DATABASE_URL)
    .prepare("SELECT name FROM contact_message WHERE name = ?")
    .all(name);
}

/** The data of a session's draft of `formId`. */
async function draftData(browser: { session(): Promise<JsonObject | null> }, formId: string): Promise<unknown> {
  const drafts = (await browser.session())?.form_drafts as Record<string, { data: unknown }> | undefined;
  return drafts?.[formId]?.data;
}

const sent = (name: string) => ({ name, email: `${name.toLowerCase()}@example.com`, website: "", message: "Hello" });

describe("a submitted form of a page, with django-liveview's client (no message ids)", () => {
  it("refuses an autosave that arrives after the submit: no draft comes back", async () => {
    const { browser, socket } = await page();
    const form = sent("Late");
    expect((await sendWithoutId(socket, "autosave_form", { ...form, message: "Hel" })).target).toBe("#autosave-status");
    expect(String((await sendWithoutId(socket, "submit_contact", form)).html)).toContain("Message sent!");
    // The autosave of the last keystrokes, still waiting out its debounce when Submit was clicked.
    const error = socket.next((m) => m.error !== undefined);
    await sendWithoutId(socket, "autosave_form", form);
    expect(await error).toMatchObject({ code: "form_submitted", function: "autosave_form" });
    expect((await browser.session())?.form_drafts).toEqual({});
    expect((await browser.get("/contact")).text).not.toContain("You have a saved draft");
  });

  it("refuses a second identical submit of the page (a double click): one message stored", async () => {
    const { socket } = await page();
    const form = sent("Twice");
    await sendWithoutId(socket, "autosave_form", form);
    await sendWithoutId(socket, "submit_contact", form);
    expect(await sendWithoutId(socket, "submit_contact", form)).toMatchObject({
      code: "duplicate_submit",
      function: "submit_contact",
    });
    expect(rowsNamed("Twice")).toHaveLength(1);
  });

  it("keeps autosaving after an invalid submit, and another page of the session may draft the form again", async () => {
    const { browser, socket } = await page();
    await sendWithoutId(socket, "autosave_form", { name: "", email: "nope" });
    await sendWithoutId(socket, "submit_contact", { name: "", email: "nope" });
    await sendWithoutId(socket, "autosave_form", { name: "Ada", email: "nope" });
    expect((await browser.session())?.form_drafts).toMatchObject({ contact_form: { data: { name: "Ada" } } });
    await sendWithoutId(socket, "submit_contact", sent("Ada"));
    // A new page (its own room) starts a new copy of the form.
    await socket.call("autosave_form", {
      form_id: "contact_form",
      form: { name: "Again" },
      room: "anotherpage",
    } as never);
    expect((await browser.session())?.form_drafts).toMatchObject({ contact_form: { data: { name: "Again" } } });
  });
});

describe("a submitted form of a page, with our client (string message ids)", () => {
  it("keeps an autosave that arrives after the submit: our client sends waiting autosaves first, so it was typed after", async () => {
    const { browser, socket } = await page();
    const frame = (fn: string, form: JsonObject, id: string) =>
      JSON.stringify({ function: fn, data: {}, form, form_id: "contact_form", lang: "en", room: "ourpage", id });
    for (const [fn, form, id] of [
      ["autosave_form", sent("Ours"), "p.1"],
      ["submit_contact", sent("Ours"), "p.2"],
      ["autosave_form", { name: "Next" }, "p.3"],
    ] as const) {
      const ack = socket.next((m) => m.ack === id);
      socket.sendRaw(frame(fn, form, id));
      await ack;
    }
    expect(await draftData(browser, "contact_form")).toEqual({ name: "Next" });
  });
});

describe("message ids", () => {
  it("a flood of replays of one submit stores it once, and every copy is acknowledged", async () => {
    const { socket } = await page();
    const frame = JSON.stringify({
      function: "submit_contact",
      data: {},
      form: sent("Replayed"),
      form_id: "contact_form",
      room: "p",
      id: "abc.1",
    });
    const acks: Promise<JsonObject>[] = [];
    for (let i = 0; i < 30; i++) {
      acks.push(socket.next((m) => m.ack === "abc.1"));
      socket.sendRaw(frame);
    }
    await Promise.all(acks);
    expect(rowsNamed("Replayed")).toHaveLength(1);
  });
});

describe("outbox calls", () => {
  async function counterPage() {
    const browser = demo.client();
    await browser.get("/counter");
    const secret = String((await browser.session())?._csrftoken);
    return { browser, socket: await demo.live(browser), tag: tagOfSecret(Buffer.from(secret, "base64url")) };
  }

  it("applies a call kept for this session, and drops one kept for another session (or tampered) with an error", async () => {
    const { browser, socket, tag } = await counterPage();
    await socket.call("increment_counter", { outbox: tag } as never);
    expect((await browser.session())?.counter).toBe(1);
    for (const wrong of ["0123456789abcdef", 42, ""]) {
      const replies = await socket.call("increment_counter", { outbox: wrong } as never);
      expect(replies).toEqual([
        expect.objectContaining({ code: "outbox_wrong_session", function: "increment_counter" }),
      ]);
    }
    expect((await browser.session())?.counter).toBe(1);
  });
});

describe("built-in drafts", () => {
  it("saves, loads and clears a form's draft with no handler code; passwords are the client's to leave out", async () => {
    const { browser, socket } = await page();
    const [saved] = await socket.call("liveview_save_draft", {
      form_id: "notes",
      form: { title: "Plan", body: "Step 1", csrfmiddlewaretoken: "x" },
    });
    expect(saved).toMatchObject({ action: "draft_saved", form_id: "notes" });
    expect((await browser.session())?.form_drafts).toMatchObject({
      notes: { data: { title: "Plan", body: "Step 1" } },
    });
    expect(await draftData(browser, "notes")).not.toHaveProperty("csrfmiddlewaretoken");
    const [loaded] = await socket.call("liveview_load_draft", { form_id: "notes" });
    expect(loaded).toMatchObject({
      action: "draft_restore",
      form_id: "notes",
      form_data: { title: "Plan", body: "Step 1" },
    });
    await socket.call("liveview_clear_draft", { form_id: "notes" });
    expect(await socket.call("liveview_load_draft", { form_id: "notes" })).toEqual([
      { action: "no_draft_found", form_id: "notes" },
    ]);
  });

  it("refuses forged form ids and drafts larger than allowed; the saved draft stays as it was", async () => {
    const { browser, socket } = await page();
    await socket.call("liveview_save_draft", { form_id: "notes", form: { title: "Kept" } });
    for (const formId of ["__proto__", "constructor", "a b", "", "x".repeat(65), "<script>"]) {
      const replies = await socket.call("liveview_save_draft", { form_id: formId, form: { title: "Forged" } });
      expect(replies, formId).toEqual([
        expect.objectContaining({ code: "invalid_content", function: "liveview_save_draft" }),
      ]);
    }
    const [tooLarge] = await socket.call("liveview_save_draft", {
      form_id: "notes",
      form: { title: "x".repeat(300 * 1024) },
    });
    expect(tooLarge).toMatchObject({ code: "draft_too_large" });
    expect((await browser.session())?.form_drafts).toEqual({
      notes: { data: { title: "Kept" }, timestamp: expect.any(String) },
    });
  });

  it("a draft sent for a form of another session only ever lands in the sender's own session", async () => {
    const a = await page();
    const b = await page();
    await a.socket.call("liveview_save_draft", { form_id: "notes", form: { title: "Mine" } });
    await b.socket.call("liveview_save_draft", { form_id: "notes", form: { title: "Theirs" } });
    expect(await draftData(a.browser, "notes")).toEqual({ title: "Mine" });
    expect(await draftData(b.browser, "notes")).toEqual({ title: "Theirs" });
  });
});

// The contact form and the counter as a user meets them: nothing typed or clicked is lost or applied twice —
// a submit right after typing, a double click, a reload right after typing, clicks while the server is down.

import type { AddressInfo } from "node:net";
import type { Page, WebSocket as PageSocket } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoApp } from "../../examples/demo/app.ts";
import type { App } from "../../src/index.ts";
import { openSqlite } from "../../src/deployment.ts";
import { tagOfSecret } from "../../src/protocol.ts";
import { tempDatabaseUrl } from "../helpers.ts";
import { launch, openPage } from "./browser.ts";
import type { Browser } from "playwright-core";

let browser: Browser;
let app: App | null = null;
let databaseUrl = "";
let port = 0;
const base = () => `http://127.0.0.1:${port}`;

async function startServer(): Promise<void> {
  app = await createDemoApp({ settings: { DATABASE_URL: databaseUrl } });
  port = ((await app.listen(port, "127.0.0.1")).address() as AddressInfo).port;
}

beforeAll(async () => {
  databaseUrl = tempDatabaseUrl();
  [browser] = await Promise.all([launch(), startServer()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface Frame {
  function?: string;
  id?: string;
  ack?: string;
  error?: string;
  code?: string;
}

/** Every frame the page's socket sent and received, in order, parsed. */
function wire(page: Page): { sent: Frame[]; received: Frame[]; acked(id: string | undefined): Promise<void> } {
  const sent: Frame[] = [];
  const received: Frame[] = [];
  const waiters: (() => void)[] = [];
  page.on("websocket", (ws: PageSocket) => {
    ws.on("framesent", (f) => sent.push(JSON.parse(String(f.payload))));
    ws.on("framereceived", (f) => {
      received.push(JSON.parse(String(f.payload)));
      waiters.splice(0).forEach((w) => w());
    });
  });
  const acked = async (id: string | undefined) => {
    while (!received.some((m) => m.ack === id)) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { sent, received, acked };
}

const sessionOf = async (page: Page) => {
  const key = (await page.context().cookies()).find((c) => c.name === "sessionid")!.value;
  return app!.sessions.load(key);
};

function rowsNamed(name: string): unknown[] {
  return openSqlite(databaseUrl).prepare("SELECT name FROM contact_message WHERE name = ?").all(name);
}

describe("a submit right after typing", () => {
  it("settles the form's waiting autosave first: after 'Message sent!' the contact page has no draft", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, base() + "/contact");
    const frames = wire(page);
    await page.reload();
    await page.waitForSelector("html[data-liveview-connection=open]");
    await page.type("input[name=name]", "Rosa");
    await page.type("input[name=email]", "rosa@example.com");
    await page.type("textarea[name=message]", "Sent at once");
    await page.click("#submit");
    await page.waitForSelector("#contact-container:has-text('Message sent!')");
    // The autosave of the last keystrokes left before the submit (before the fix: two seconds after it).
    await expect.poll(() => frames.sent.some((f) => f.function === "autosave_form"), { timeout: 10_000 }).toBe(true);
    const autosave = frames.sent.findIndex((f) => f.function === "autosave_form");
    const submit = frames.sent.findIndex((f) => f.function === "submit_contact");
    expect(autosave).toBeLessThan(submit);
    await frames.acked(frames.sent[autosave]!.id);
    await page.click("nav a[data-data-url='/contact']");
    await page.waitForSelector("#contact_form");
    expect(await page.locator("#draft-notice").count()).toBe(0);
    expect(await page.inputValue("input[name=name]")).toBe("");
    expect((await sessionOf(page))?.form_drafts ?? {}).not.toHaveProperty("contact_form");
    expect(rowsNamed("Rosa")).toHaveLength(1);
    await context.close();
  });
});

describe("a double click on Submit", () => {
  it("sends one call: the button is disabled and says 'Sending…' until the reply; one message is stored", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, base() + "/contact");
    const frames = wire(page);
    await page.reload();
    await page.waitForSelector("html[data-liveview-connection=open]");
    await page.fill("input[name=name]", "Dora");
    await page.fill("input[name=email]", "dora@example.com");
    // What the button went through, as the user would have seen it.
    await page.evaluate(() => {
      const button = document.getElementById("submit")!;
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      new MutationObserver(() => seen.push(`${button.hasAttribute("disabled")}:${button.textContent?.trim()}`)).observe(
        button,
        { attributes: true, childList: true, characterData: true, subtree: true },
      );
    });
    await page.dblclick("#submit");
    await page.waitForSelector("#contact-container:has-text('Message sent!')");
    const submits = frames.sent.filter((f) => f.function === "submit_contact");
    for (const s of submits) await frames.acked(s.id);
    expect(submits).toHaveLength(1);
    expect(rowsNamed("Dora")).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toContain("true:Sending…");
    await context.close();
  });
});

describe("a reload right after typing", () => {
  it("shows 'Saving…' until the server acknowledged, and the reloaded page has the newest text", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, base() + "/contact");
    await page.type("textarea[name=message]", "First part");
    await page.waitForSelector("#autosave-status.liveview-saved:has-text('Draft saved')");
    await page.type("textarea[name=message]", ", and the rest");
    expect(await page.textContent("#autosave-status")).toBe("Saving…");
    await page.reload();
    await page.waitForSelector("html[data-liveview-connection=open]");
    expect(await page.inputValue("textarea[name=message]")).toBe("First part, and the rest");
    await expect
      .poll(
        async () =>
          ((await sessionOf(page))?.form_drafts as { contact_form?: { data: { message?: string } } } | undefined)
            ?.contact_form?.data.message,
        { timeout: 10_000 },
      )
      .toBe("First part, and the rest");
    expect(page.errors).toEqual([]);
    await context.close();
  });
});

describe("clicks while the server is down", () => {
  async function goOffline(page: Page): Promise<void> {
    await app!.close();
    app = null;
    await page.waitForSelector("#no-connection", { state: "visible" });
  }

  it("are kept in the browser: three clicks, tab closed, server back, page opened: three more, once", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, base() + "/counter");
    await page.click("button[data-liveview-function=increment_counter]");
    await page.waitForSelector('#counter-display strong:text-is("1")');
    await goOffline(page);
    for (let i = 0; i < 3; i++) await page.click("button[data-liveview-function=increment_counter]");
    expect(await page.textContent("#outbox-count")).toBe("3");
    await page.close();

    await startServer();
    const again = await openPage(context, base() + "/counter");
    await again.waitForSelector('#counter-display strong:text-is("4")');
    await again.waitForSelector("html[data-liveview-outbox='0']");
    await again.reload();
    await again.waitForSelector("html[data-liveview-connection=open]");
    expect(await again.textContent("#counter-display strong")).toBe("4");
    expect(
      await again.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("liveview:outbox:"))),
    ).toEqual([]);
    await context.close();
  });

  it("made in two tabs of one session, each sending its own and a third page sending what is left: applied once", async () => {
    const context = await browser.newContext();
    const first = await openPage(context, base() + "/counter");
    const second = await openPage(context, base() + "/counter");
    await first.click("button[data-liveview-function=increment_counter]");
    await second.waitForSelector('#counter-display strong:text-is("1")');
    await goOffline(first);
    await second.waitForSelector("#no-connection", { state: "visible" });
    await first.click("button[data-liveview-function=increment_counter]");
    await first.click("button[data-liveview-function=increment_counter]");
    await second.click("button[data-liveview-function=increment_counter]");
    await startServer();
    // Both tabs reconnect and send their calls; a page opened meanwhile takes over whatever is still kept.
    const third = await openPage(context, base() + "/counter");
    for (const page of [first, second, third])
      await page.waitForSelector("html[data-liveview-outbox='0']", { timeout: 15_000 });
    await third.reload();
    await third.waitForSelector("html[data-liveview-connection=open]");
    expect(await third.textContent("#counter-display strong")).toBe("4");
    await context.close();
  });

  it("drop what is malformed, expired or kept under another tag, and send at most the newest 50 of a flood", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, base() + "/counter");
    await page.click("button[data-liveview-function=increment_counter]");
    await page.waitForSelector('#counter-display strong:text-is("1")');
    const secret = String((await sessionOf(page))?._csrftoken);
    const tag = tagOfSecret(Buffer.from(secret, "base64url"));
    const call = (id: string) =>
      JSON.stringify({ function: "increment_counter", data: {}, form: {}, lang: "en", room: "gone", id });
    const now = Date.now();
    const planted = [
      { id: "bad.1", text: "{not json", at: now },
      { id: 7, text: call("bad.2"), at: now },
      { id: "bad.3", text: JSON.stringify({ nofunction: true }), at: now },
      { id: "old.1", text: call("old.1"), at: now - 2 * 24 * 60 * 60 * 1000 },
      ...Array.from({ length: 80 }, (_, i) => ({ id: `flood.${i}`, text: call(`flood.${i}`), at: now })),
    ];
    await page.evaluate(
      ([key, entries, otherKey, other]) => {
        localStorage.setItem(key, entries);
        localStorage.setItem(otherKey, other);
      },
      [
        `liveview:outbox:${tag}`,
        JSON.stringify(planted),
        "liveview:outbox:0000000000000000",
        JSON.stringify([{ id: "x.1", text: call("x.1"), at: now }]),
      ],
    );
    await page.reload();
    await page.waitForSelector('#counter-display strong:text-is("51")', { timeout: 15_000 });
    await page.waitForSelector("html[data-liveview-outbox='0']", { timeout: 15_000 });
    await page.reload();
    await page.waitForSelector("html[data-liveview-connection=open]");
    expect(await page.textContent("#counter-display strong")).toBe("51");
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("liveview:outbox:"))),
    ).toEqual([]);
    expect(page.errors).toEqual([]);
    await context.close();
  });

  it("are dropped, not replayed, once the browser signed in: they belonged to the session before", async () => {
    const context = await browser.newContext();
    const page = await openPage(context, base() + "/counter");
    await page.click("button[data-liveview-function=increment_counter]");
    await page.waitForSelector('#counter-display strong:text-is("1")');
    await goOffline(page);
    await page.click("button[data-liveview-function=increment_counter]");
    await page.close();
    await startServer();
    // Signing in without opening a live page of the old session: the session moves to a new key and a new secret.
    const login = await context.request.get(base() + "/login");
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(await login.text())![1]!;
    await context.request.post(base() + "/login", {
      form: { username: "demo", password: "demo-password", csrfmiddlewaretoken: token },
    });
    const again = await openPage(context, base() + "/counter");
    await again.waitForSelector("html[data-liveview-outbox='0']");
    expect(await again.textContent("#counter-display strong")).toBe("1");
    expect(
      await again.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("liveview:outbox:"))),
    ).toEqual([]);
    await context.close();
  });
});

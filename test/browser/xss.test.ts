// Script injection through the demo's forms, in Chromium: every payload a user can type comes back as the text
// they typed, in server-rendered pages and in live fragments (validation errors, navigation, another tab's
// re-render, the messages list), and none of it runs or becomes an element or an attribute.

import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_USER } from "../../examples/demo/accounts.ts";
import { ContactForm } from "../../examples/demo/contact-form.ts";
import { saveContact } from "../../examples/demo/contact-messages.ts";
import { liveviewHandler, send } from "../../src/index.ts";
import { demoInBrowser, openPage } from "./browser.ts";

const env = demoInBrowser();

// Each payload calls pwned(), which the test exposes to the page: a call means script ran.
const IMG = "<img src=x onerror=pwned(1)>";
const SCRIPT = "<script>pwned(2)</script>";
const SVG = '"><svg onload=pwned(3)>';
const QUOTED = "'><img src=x onerror=pwned(4)>";
const JS_URL = "javascript:pwned(5)";
/** Ends a <textarea>, whose content is otherwise only text. */
const END_TEXTAREA = "</textarea><img src=x onerror=pwned(7)>";
/** A valid web address that carries a payload too. */
const SITE = 'https://example.com/?q="><svg onload=pwned(6)>';

// A handler that redirects wherever it is told, as a careless app might: the client must not follow javascript:.
liveviewHandler("redirect_to", (consumer, content) =>
  send(consumer, { action: "redirect", url: String(content.data.url) }),
);

interface Trap {
  context: BrowserContext;
  /** Arguments of every pwned() call and the text of every dialog, in any page of the context. */
  ran: string[];
}

async function trap(): Promise<Trap> {
  const context = await env.browser.newContext();
  context.setDefaultTimeout(5000);
  const ran: string[] = [];
  await context.exposeFunction("pwned", (n: unknown) => ran.push(`pwned(${String(n)})`));
  context.on("page", (page) =>
    page.on("dialog", (dialog) => void (ran.push(`dialog: ${dialog.message()}`), dialog.dismiss())),
  );
  return { context, ran };
}

async function open(trap: Trap, path: string): Promise<Page & { errors: string[] }> {
  const page = await openPage(trap.context, env.demo.baseUrl + path);
  page.on("dialog", (dialog) => void (trap.ran.push(`dialog: ${dialog.message()}`), dialog.dismiss()));
  return page;
}

/** What in the page could run script: on* attributes, javascript: URLs, the payloads' elements. */
function dangers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        if (attr.name.startsWith("on")) found.push(`<${el.localName} ${attr.name}>`);
        if (/^(href|src|action|formaction|xlink:href)$/.test(attr.name) && /^\s*javascript:/i.test(attr.value)) {
          found.push(`<${el.localName} ${attr.name}="${attr.value}">`);
        }
      }
    }
    for (const el of document.querySelectorAll("svg, img, script")) {
      if (el.localName !== "script" || el.textContent!.includes("pwned")) found.push(`<${el.localName}>`);
    }
    return found;
  });
}

/** Lets failed images fire their error events, then checks that nothing ran and nothing dangerous is in the DOM. */
async function expectClean(trap: Trap, page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      [...document.images].map((img) =>
        img.complete ? null : new Promise((done) => img.addEventListener("error", done, { once: true })),
      ),
    ).then(() => new Promise(requestAnimationFrame)),
  );
  expect(trap.ran).toEqual([]);
  expect(await dangers(page)).toEqual([]);
}

const fieldValues = (page: Page) =>
  Promise.all(
    ["input[name=name]", "input[name=email]", "input[name=website]", "textarea[name=message]"].map((s) =>
      page.inputValue(s),
    ),
  );

async function signIn(page: Page): Promise<void> {
  await page.goto(env.demo.baseUrl + "/login");
  await page.fill("#username-input", DEMO_USER.username);
  await page.fill("#password-input", DEMO_USER.password);
  await Promise.all([page.waitForURL(env.demo.baseUrl + "/"), page.click("#login-submit")]);
  await page.waitForSelector("html[data-liveview-connection=open]");
}

async function fillContact(
  page: Page,
  values: { name: string; email: string; website: string; message: string },
): Promise<void> {
  for (const [name, value] of Object.entries(values)) await page.fill(`[name=${name}]`, value);
}

describe("payloads typed into the demo, in Chromium", () => {
  it("stay text through the draft: autosave, another tab's notice, reload, restore, navigation and validation", async () => {
    const t = await trap();
    const page = await open(t, "/contact");
    const otherTab = await open(t, "/contact");
    const typed = { name: SVG, email: IMG, website: JS_URL, message: `${SCRIPT} ${QUOTED} ${END_TEXTAREA}` };
    await fillContact(page, typed);
    await page.waitForSelector("#autosave-status:has-text('Draft saved')");
    const asTyped = [typed.name, typed.email, typed.website, typed.message];

    // The other tab re-renders its notice, with the draft's name, when the session changes.
    await otherTab.waitForSelector("#draft-name");
    await expectClean(t, otherTab);
    expect(await otherTab.textContent("#draft-name")).toBe(SVG);

    await page.reload();
    await page.waitForSelector("html[data-liveview-connection=open]");
    await expectClean(t, page);
    expect(await page.textContent("#draft-name")).toBe(SVG);
    expect(await fieldValues(page)).toEqual(asTyped);

    // Emptied without an input event: a typed change would autosave (after 2 s), racing the restore on a slow machine.
    await page.$eval("input[name=name]", (el) => ((el as HTMLInputElement).value = ""));
    await page.click("#restore-draft");
    await page.waitForSelector("#draft-answer:has-text('Draft restored')");
    await expectClean(t, page);
    expect(await fieldValues(page)).toEqual(asTyped);

    await page.click("nav a[data-data-url='/']");
    await page.waitForSelector("#greeting");
    await page.click("nav a[data-data-url='/contact']");
    await page.waitForSelector("#draft-name");
    await expectClean(t, page);
    expect(await fieldValues(page)).toEqual(asTyped);

    await page.click("#submit");
    await page.waitForSelector(".error[data-field=website]");
    await expectClean(t, page);
    expect(await page.textContent(".error[data-field=website]")).toBe(
      "Enter a web address that starts with http:// or https://.",
    );
    expect(await page.textContent(".error[data-field=email]")).toBe("Enter a valid email address.");
    expect(await fieldValues(page)).toEqual(asTyped);
    await t.context.close();
  });

  it("stay text in saved messages: sent, shown after navigation and on reload, and after a live delete", async () => {
    const t = await trap();
    const page = await open(t, "/");
    await signIn(page);
    const other = new ContactForm({ name: "To delete", email: "d@example.com" });
    expect(other.isValid()).toBe(true);
    const otherId = await saveContact(env.demo.app.settings.DATABASE_URL, other);

    await page.click("nav a[data-data-url='/contact']");
    await page.waitForSelector("#contact_form");
    await fillContact(page, {
      name: SVG,
      email: "sender@example.com",
      website: SITE,
      message: `${SCRIPT}\n${IMG}\n${QUOTED}`,
    });
    await page.click("#submit");
    await page.waitForSelector("#sent");
    await expectClean(t, page);

    const shown = async () => {
      await expectClean(t, page);
      const message = page.locator("article.message", { hasText: "sender@example.com" });
      expect(await message.locator(".message-name").textContent()).toBe(SVG);
      expect(await message.locator(".message-text").textContent()).toBe(`${SCRIPT}\n${IMG}\n${QUOTED}`);
      expect(await message.locator(".message-website").getAttribute("href")).toBe(SITE);
    };
    await page.click("nav a[data-data-url='/messages']");
    await page.waitForSelector("article.message");
    await shown();
    await page.reload();
    await page.waitForSelector("html[data-liveview-connection=open]");
    await shown();
    await page.click(`#message-${otherId} button.delete-message`);
    await page.waitForSelector(`#message-${otherId}`, { state: "detached" });
    await shown();
    await t.context.close();
  });

  it("a javascript: web address is refused and never becomes a link", async () => {
    const t = await trap();
    const page = await open(t, "/contact");
    await fillContact(page, {
      name: "Mallory",
      email: "mallory@example.com",
      website: JS_URL,
      message: "click my site",
    });
    await page.click("#submit");
    await page.waitForSelector("#sent, .error[data-field=website]");
    const answer = await page.textContent("#contact-container");
    await page.click("nav a[data-data-url='/messages']");
    await page.waitForSelector("#messages");
    await expectClean(t, page);
    expect(answer).toContain("Enter a web address that starts with http:// or https://.");
    expect(await page.locator("article.message", { hasText: "Mallory" }).count()).toBe(0);
    await t.context.close();
  });

  it("stay text in the sign-in form's answer to a wrong password", async () => {
    const t = await trap();
    const page = await open(t, "/login");
    await page.fill("#username-input", SVG);
    await page.fill("#password-input", "wrong");
    await Promise.all([page.waitForURL(env.demo.baseUrl + "/login"), page.click("#login-submit")]);
    await page.waitForSelector("#login-error");
    await expectClean(t, page);
    expect(await page.inputValue("#username-input")).toBe(SVG);
    await t.context.close();
  });

  it("stay text in calls crafted by hand, and a redirect to javascript: is not followed", async () => {
    const t = await trap();
    const page = await open(t, "/contact");
    const submit = ([formId, name]: string[]) =>
      (window as unknown as { LiveView: { send(fn: string, data: object, form: object): string } }).LiveView.send(
        "submit_contact",
        { liveviewFormId: formId },
        { name, email: "x", website: "y" },
      );

    // A form id is checked before it is used: a payload there is refused with an error, and nothing renders.
    const refusedId = page.waitForEvent(
      "console",
      (m) => m.type() === "error" && m.text().includes("form_id must be the id of a form"),
    );
    await page.evaluate(submit, [SVG, IMG]);
    await refusedId;
    await expectClean(t, page);

    await page.evaluate(submit, ["contact_form", IMG]);
    await page.waitForSelector("#contact-container .error[data-field=email]");
    await expectClean(t, page);
    expect(await page.inputValue("#contact-container input[name=name]")).toBe(IMG);

    const refused = page.waitForEvent("console", (m) => m.type() === "error" && m.text().includes("refused to load"));
    await page.evaluate(
      (url) =>
        (window as unknown as { LiveView: { send(fn: string, data: object): string } }).LiveView.send("redirect_to", {
          url,
        }),
      JS_URL,
    );
    await refused;
    expect(page.url()).toBe(env.demo.baseUrl + "/contact");
    await expectClean(t, page);
    await t.context.close();
  });
});

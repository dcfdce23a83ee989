// The contact form in a real browser: autosave after the debounce, restore, reload, validation, submit.

import { describe, expect, it } from "vitest";
import { openSqlite } from "../../src/deployment.ts";
import { demoInBrowser, openPage } from "./browser.ts";

const env = demoInBrowser();

describe("the contact form in Chromium", () => {
  it("saves a draft 2 s after typing stops, and a reload shows it pre-filled with the notice", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/contact");
    expect(await page.locator("#draft-notice").count()).toBe(0);
    // Time the debounce inside the page: from the last keystroke to the status appearing.
    await page.evaluate(() => {
      const w = window as unknown as { lastInput: number; savedAt: number };
      document.addEventListener("input", () => (w.lastInput = performance.now()), true);
      // The status reads "Saving…" while typing; the moment that counts is the server's "Draft saved".
      const status = document.getElementById("autosave-status")!;
      new MutationObserver(
        () => status.textContent?.includes("Draft saved") && (w.savedAt ??= performance.now()),
      ).observe(status, { childList: true, subtree: true });
    });
    await page.type("input[name=name]", "Grace");
    await page.waitForSelector("#autosave-status:has-text('Draft saved')");
    const quiet = await page.evaluate(
      () =>
        (window as unknown as { savedAt: number; lastInput: number }).savedAt -
        (window as unknown as { lastInput: number }).lastInput,
    );
    expect(quiet).toBeGreaterThanOrEqual(2000);
    expect(quiet).toBeLessThan(3000);
    await page.fill("input[name=email]", "grace@example.com");
    await page.fill("textarea[name=message]", "Hello from a draft");
    const sessionKey = (await context.cookies()).find((c) => c.name === "sessionid")!.value;
    await expect
      .poll(async () => (await env.demo.app.sessions.load(sessionKey))?.form_drafts, { timeout: 5000 })
      .toMatchObject({
        contact_form: { data: { name: "Grace", email: "grace@example.com", message: "Hello from a draft" } },
      });

    await page.reload();
    await expect.poll(() => page.textContent("#draft-notice")).toContain("You have a saved draft");
    expect(await page.inputValue("input[name=name]")).toBe("Grace");
    expect(await page.inputValue("input[name=email]")).toBe("grace@example.com");
    expect(await page.inputValue("textarea[name=message]")).toBe("Hello from a draft");
    expect(page.errors).toEqual([]);
    await context.close();
  });

  it("restores the draft into the form on demand, and says so when there is none", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/contact");
    await page.click("#restore-draft");
    await page.waitForSelector("#draft-answer:text-is('No saved draft')");
    await page.fill("input[name=name]", "Linus");
    await page.waitForSelector("#autosave-status:has-text('Draft saved')");
    await page.fill("input[name=name]", "");
    await page.click("#restore-draft");
    await page.waitForSelector("#draft-answer:has-text('Draft restored')");
    expect(await page.inputValue("input[name=name]")).toBe("Linus");
    await context.close();
  });

  it("shows errors next to the fields for an invalid submit, and keeps the draft", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/contact");
    await page.fill("input[name=email]", "not-an-email");
    await page.waitForSelector("#autosave-status:has-text('Draft saved')");
    await page.click("#submit");
    await page.waitForSelector(".error[data-field=name]");
    expect(await page.textContent(".error[data-field=name]")).toBe("This field is required.");
    expect(await page.textContent(".error[data-field=email]")).toBe("Enter a valid email address.");
    expect(await page.inputValue("input[name=email]")).toBe("not-an-email");
    await page.reload();
    expect(await page.inputValue("input[name=email]")).toBe("not-an-email");
    await context.close();
  });

  it("sends a valid message: stored in the database, draft cleared, 'Message sent!'", async () => {
    const context = await env.browser.newContext();
    const page = await openPage(context, env.demo.baseUrl + "/contact");
    await page.fill("input[name=name]", "Margaret");
    await page.fill("input[name=email]", "margaret@example.com");
    await page.fill("textarea[name=message]", "To the moon");
    await page.click("#submit");
    await page.waitForSelector("#contact-container:has-text('Message sent!')");
    const rows = openSqlite(env.demo.app.settings.DATABASE_URL)
      .prepare("SELECT name, email, message FROM contact_message WHERE name = ?")
      .all("Margaret");
    expect(rows).toEqual([{ name: "Margaret", email: "margaret@example.com", message: "To the moon" }]);
    await page.reload();
    expect(await page.locator("#draft-notice").count()).toBe(0);
    expect(await page.inputValue("input[name=name]")).toBe("");
    await context.close();
  });
});

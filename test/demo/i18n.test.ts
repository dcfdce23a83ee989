// The demo in two languages: a page in the language the browser asks for (or the one chosen and kept in the
// cookie), and a live handler's reply in the `lang` its message carries; plus the catalogs' plural and context rules.

import { afterEach, describe, expect, it } from "vitest";
import { addCatalog, interpolate } from "../../src/i18n/index.ts";
import { ngettext, npgettext, pgettext, gettext } from "../../src/i18n/catalogs.ts";
import { parseAcceptLanguage } from "../../src/i18n/language.ts";
import { visibleText } from "../helpers.ts";
import { startDemo, type Running } from "./demo.ts";

let running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

async function demo(): Promise<Running> {
  const r = await startDemo();
  running.push(r);
  return r;
}

const heading = (html: string) => visibleText(/<h1>(.*?)<\/h1>/s.exec(html)?.[1] ?? "");
const htmlLang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1];

describe("the language of a page", () => {
  it("follows Accept-Language, by preference and by base language, and falls back to LANGUAGE_CODE", async () => {
    const r = await demo();
    const get = (accept: string) => r.client().request("GET", "/counter", undefined, { "Accept-Language": accept });
    const french = (await get("fr-CH, de;q=0.9, en;q=0.8")).text;
    expect(htmlLang(french)).toBe("fr");
    expect(heading(french)).toBe("Compteur");
    expect(visibleText(french)).toContain("Compteur : 0 Incrémenter");
    const english = (await get("de, en-GB;q=0.9, fr;q=0.5")).text;
    expect(htmlLang(english)).toBe("en");
    expect(visibleText(english)).toContain("Counter: 0 Increment");
    expect(htmlLang((await get("de, it")).text)).toBe("en");
  });

  it("keeps the language chosen with the switch, over what the browser asks for", async () => {
    const r = await demo();
    const browser = r.client();
    const page = await browser.request("GET", "/", undefined, { "Accept-Language": "en" });
    expect(page.text).toContain('<a href="/language/fr?next=/" lang="fr" id="language-fr" data-next>French</a>');
    const chosen = await browser.get("/language/fr?next=/messages");
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("location")).toBe("/messages");
    const after = await browser.request("GET", "/messages", undefined, { "Accept-Language": "en" });
    expect(heading(after.text)).toBe("Messages");
    expect(visibleText(after.text)).toContain("Connectez-vous pour voir les adresses et supprimer des messages.");
    expect(after.text).toContain('<strong lang="fr">Français</strong>');
  });
});

describe("a live handler's reply", () => {
  it("is rendered in the lang of the message that asked for it", async () => {
    const r = await demo();
    const browser = r.client();
    await browser.get("/counter");
    const socket = await r.live(browser);
    const [fr] = await socket.call("increment_counter", { lang: "fr" });
    expect(visibleText(String(fr!.html))).toBe("Compteur : 1");
    const [en] = await socket.call("increment_counter", { lang: "en" });
    expect(visibleText(String(en!.html))).toBe("Counter: 2");
    const [unknown] = await socket.call("increment_counter", { lang: "tlh" });
    expect(visibleText(String(unknown!.html))).toBe("Counter: 3");
    const [saved] = await socket.call("autosave_form", { lang: "fr-FR", form: { name: "x" }, form_id: "contact_form" });
    expect(visibleText(String(saved!.html))).toBe("✓ Brouillon enregistré");
  });
});

describe("catalogs", () => {
  addCatalog(
    "xx",
    [
      'msgid ""',
      'msgstr ""',
      '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"',
      "",
      'msgid "file"',
      'msgid_plural "files"',
      'msgstr[0] "one-form"',
      'msgstr[1] "few-form"',
      'msgstr[2] "many-form"',
      "",
      'msgctxt "door"',
      'msgid "Open"',
      'msgstr "open-door"',
      "",
      "#, fuzzy",
      'msgid "Draft"',
      'msgstr "not trusted yet"',
    ].join("\n"),
  );

  it("pick the plural form by the catalog's own rule, the message by its context, and skip fuzzy entries", () => {
    expect([1, 2, 5, 11, 21, 22].map((n) => ngettext("xx", "file", "files", n))).toEqual([
      "one-form",
      "few-form",
      "many-form",
      "many-form",
      "one-form",
      "few-form",
    ]);
    expect(pgettext("xx", "door", "Open")).toBe("open-door");
    expect(gettext("xx", "Open")).toBe("Open");
    expect(gettext("xx", "Draft")).toBe("Draft");
    expect(npgettext("zz", "", "file", "files", 1)).toBe("file");
    expect(ngettext("xx-yy", "file", "files", 3)).toBe("few-form");
  });

  it("interpolate python-format strings, and parse Accept-Language by quality", () => {
    expect(interpolate("%(n)s of %(total)s, 100%%", { n: 1, total: 2 })).toBe("1 of 2, 100%");
    expect(() => interpolate("%(missing)s", {})).toThrow(/no value/);
    expect(parseAcceptLanguage("en;q=0.5, fr-CA, de;q=0, *;q=0.1, it;q=0.8")).toEqual(["fr-CA", "it", "en"]);
  });
});

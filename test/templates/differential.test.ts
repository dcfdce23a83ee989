// Django is the oracle: every case renders with Django's own engine and with ours, and the two must agree,
// character for character (or both refuse the template). Deliberate differences are listed in django-cases.ts.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mo, po } from "gettext-parser";
import { describe, expect, it } from "vitest";
import { addCatalog } from "../../src/i18n/index.ts";
import { markSafe, TemplateEnvironment } from "../../src/index.ts";
import { DEMO_LOCALE, DEMO_TEMPLATES } from "../../examples/demo/app.ts";
import { setDefaultLanguage } from "../../src/i18n/language.ts";
import { CASES as TAG_CASES, DELIBERATE, DEMO_CASES, ROUTES, type Case } from "./django-cases.ts";
import { djangoMissing, renderWithDjango, type OracleResult } from "./django-oracle.ts";

const here = dirname(fileURLToPath(import.meta.url));
/** The test's own catalog and the demo's, given to both engines. */
const LOCALES = [join(here, "locale"), DEMO_LOCALE];
const CASES = [...TAG_CASES, ...DEMO_CASES];
const required = process.env.LIVEVIEW_REQUIRE_SERVICES === "1";
const missing = djangoMissing();

/** As compilemessages (msgfmt) does, fuzzy entries stay out of the compiled catalog. */
function withoutFuzzy(catalog: ReturnType<typeof po.parse>): ReturnType<typeof po.parse> {
  for (const entries of Object.values(catalog.translations)) {
    for (const [id, entry] of Object.entries(entries)) if (entry.comments?.flag?.includes("fuzzy")) delete entries[id];
  }
  return catalog;
}

/** Django reads compiled catalogs: the same .po files, compiled to .mo in a directory of the test's own. */
function compiledLocale(locale: string): string {
  const out = mkdtempSync(join(tmpdir(), "lv-locale-"));
  for (const lang of readdirSync(locale)) {
    const dir = join(out, lang, "LC_MESSAGES");
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(join(locale, lang, "LC_MESSAGES"))) {
      const source = readFileSync(join(locale, lang, "LC_MESSAGES", file));
      writeFileSync(join(dir, file.replace(/\.po$/, ".mo")), mo.compile(withoutFuzzy(po.parse(source))));
      addCatalog(lang, source);
    }
  }
  return out;
}

/** The JSON markers of the cases, as the values they stand for on our side. */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.$date === "string") return new Date(/Z$/.test(o.$date) ? o.$date : `${o.$date}Z`);
    if (typeof o.$safe === "string") return markSafe(o.$safe);
    if (typeof o.$float === "number") return o.$float;
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

/** Our environment for a case: its files in a directory, the test's routes and custom library. */
function ours(kase: Case): OracleResult {
  const dir = mkdtempSync(join(tmpdir(), "lv-case-"));
  for (const [name, source] of Object.entries(kase.files ?? {})) writeFileSync(join(dir, name), source);
  const env = new TemplateEnvironment([dir, DEMO_TEMPLATES]);
  env.setUrlResolver((name, args, kwargs) => {
    const route = ROUTES[name];
    if (route === undefined) throw new Error(`no route named ${name}`);
    let i = 0;
    return `/${route.replace(/<(\w+)>/g, (_, key: string) => String(kwargs[key] ?? args[i++]))}`;
  });
  env
    .library("custom")
    .filter("shout", (v: unknown) => `${String(v).toUpperCase()}!`, { isSafe: true })
    .simpleTag(
      "greet",
      (name: unknown, options?: { punctuation?: string }) => `Hello, ${String(name)}${options?.punctuation ?? "."}`,
    );
  try {
    return { html: env.render(env.fromString(kase.template), decode(kase.context ?? {}) as object, kase.lang ?? "en") };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** What a comparison looks at: the page, or only that the template was refused. */
const outcome = (r: OracleResult) => ("html" in r ? r.html : "(refused)");

function suite(): void {
  setDefaultLanguage("en");
  const localePaths = LOCALES.map(compiledLocale);
  const all = [...CASES, ...DELIBERATE];
  const django = renderWithDjango(
    all.map((k) => ({ template: k.template, context: k.context, files: k.files, lang: k.lang })),
    { localePaths, routes: ROUTES, dirs: [DEMO_TEMPLATES] },
  );

  it.each(CASES.map((k, i) => [k.name, k, django[i]!] as const))("%s", (_name, kase, expected) => {
    // Cases named "error: …" are templates Django refuses; every other one Django renders.
    expect("error" in expected, "error" in expected ? expected.error : "Django rendered it").toBe(
      kase.name.startsWith("error:"),
    );
    const got = ours(kase);
    expect(outcome(got), "error" in got ? got.error : undefined).toBe(outcome(expected));
  });

  it.each(DELIBERATE.map((k, i) => [k.name, k, django[CASES.length + i]!] as const))(
    "differs on purpose: %s",
    (_name, kase, theirs) => {
      expect(outcome(ours(kase))).toBe(kase.ours);
      expect(outcome(theirs)).not.toBe(kase.ours);
    },
  );
}

if (missing === null) describe("our templates render as Django renders them", suite);
else if (required)
  describe("our templates render as Django renders them", () =>
    it("needs Django (LIVEVIEW_REQUIRE_SERVICES=1)", () => {
      throw new Error(missing);
    }));
else {
  console.warn(
    `skipping the Django differential test: ${missing} (LIVEVIEW_REQUIRE_SERVICES=1 turns this into a failure)`,
  );
  // Not `describe.skip(…, suite)`: collecting the suite would already ask Django for the expected pages.
  describe("our templates render as Django renders them", () => it.skip(`needs Django: ${missing}`, () => undefined));
}

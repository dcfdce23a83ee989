// Autoescaping: whatever a template writes from a value is text, in element content and in quoted attributes,
// whichever tag or filter writes it; |safe is the only way out, and |json_script hands data to scripts safely.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { templates } from "../../src/index.ts";

const here = dirname(fileURLToPath(import.meta.url));
templates.addDirectory(join(here, "../fixtures/seed"));

/** Payloads and what autoescaping makes of them: entities for every character that means something in HTML. */
const ESCAPED: [string, string][] = [
  ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
  ["<script>alert(2)</script>", "&lt;script&gt;alert(2)&lt;/script&gt;"],
  ['"><svg onload=alert(3)>', "&quot;&gt;&lt;svg onload=alert(3)&gt;"],
  ["'><svg onload=alert(4)>", "&#x27;&gt;&lt;svg onload=alert(4)&gt;"],
];
const SVG_PAYLOAD = ESCAPED[2]![0];
const render = (source: string, context: object = {}) => templates.renderString(source, context);

/** No markup character of the payload survives: it cannot open a tag or leave a quoted attribute. */
function expectInert(html: string, payload: string): void {
  expect(html).not.toContain(payload);
  expect(html).not.toMatch(/<(img|script|svg)\b/i);
  expect(html).not.toMatch(/["']>/);
}

describe("autoescaping", () => {
  it.each(ESCAPED)("escapes %s in text and in both kinds of quoted attribute", async (payload, escaped) => {
    const html = await render(`<p>{{ v }}</p><input value="{{ v }}"><a title='{{ v }}'>`, { v: payload });
    expect(html).toBe(`<p>${escaped}</p><input value="${escaped}"><a title='${escaped}'>`);
  });

  it("escapes through filters, firstof, cycle, with, includes, blocks and translations", async () => {
    const v = SVG_PAYLOAD;
    for (const source of [
      "{{ v|default:'x' }}",
      "{{ missing|default:v }}",
      "{{ v|upper }}",
      "{{ 'a'|add:v }}",
      "{{ v|safe|upper }}",
      "{{ v|title|truncatechars:40 }}",
      "{{ v|escape }}",
      "{{ v|linebreaksbr }}",
      "{{ items|join:', ' }}",
      "{% firstof missing v %}",
      "{% cycle v 'b' %}",
      "{% with w=v %}{{ w }}{% endwith %}",
      "{% for x in items %}{{ x }}{% endfor %}",
      '{% include "counter_display.html" with count=v %}',
      '{% extends "counter_display.html" %}',
      "{% filter upper %}{{ v }}{% endfilter %}",
      "{% trans v %}",
      "{% blocktranslate with name=v %}Hi {{ name }}{% endblocktranslate %}",
      "{% autoescape off %}{% autoescape on %}{{ v }}{% endautoescape %}{% endautoescape %}",
    ]) {
      expectInert(await render(source, { v, items: [v, v], count: v }), v);
    }
  });

  it("|safe writes the value as it is; a filter after it that makes a new string escapes again; no |raw", async () => {
    expect(await render("{{ v|safe }}", { v: "<b>ok</b>" })).toBe("<b>ok</b>");
    expect(await render("{{ v|safe|upper }}", { v: "<b>ok</b>" })).toBe("&lt;B&gt;OK&lt;/B&gt;");
    expect(await render("{{ v|safe|lower }}", { v: "<B>ok</B>" })).toBe("<b>ok</b>");
    await expect(render("{{ v|raw }}", { v: "<b>" })).rejects.toThrow(/Invalid filter: 'raw'/);
  });

  it("|escape escapes once, |force_escape escapes even safe text, autoescape off writes values as they are", async () => {
    expect(await render("{{ v|escape }}|{{ v|escape|escape }}|{{ v|force_escape|force_escape }}", { v: "<&>" })).toBe(
      "&lt;&amp;&gt;|&lt;&amp;&gt;|&amp;lt;&amp;amp;&amp;gt;",
    );
    expect(await render("{% autoescape off %}{{ v }}{% endautoescape %}|{{ v }}", { v: "<i>" })).toBe("<i>|&lt;i&gt;");
  });
});

describe("|json_script", () => {
  it("puts a value in a JSON script that nothing in the value can end or break out of", async () => {
    const value = { name: "</script><script>alert(1)</script>", note: "a & b <!-- \u2028" };
    const html = await render('{{ draft|json_script:"draft-data" }}', { draft: value });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<!--|<script>/);
    expect(html).toMatch(/^<script id="draft-data" type="application\/json">.*<\/script>$/);
    const json = html.replace(/^<script[^>]*>|<\/script>$/g, "");
    expect(JSON.parse(json)).toEqual(value);
  });

  it("escapes the element id", async () => {
    expect(await render("{{ 1|json_script:id }}", { id: '"><svg onload=alert(1)>' })).toBe(
      '<script id="&quot;&gt;&lt;svg onload=alert(1)&gt;" type="application/json">1</script>',
    );
  });
});

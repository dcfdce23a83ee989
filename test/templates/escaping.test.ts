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
  ['"><svg onload=alert(3)>', "&#34;&gt;&lt;svg onload=alert(3)&gt;"],
  ["'><svg onload=alert(4)>", "&#39;&gt;&lt;svg onload=alert(4)&gt;"],
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

  it("escapes through filters, echo, cycle, includes and layout blocks", async () => {
    const v = SVG_PAYLOAD;
    for (const source of [
      "{{ v | default: 'x' }}",
      "{{ missing | default: v }}",
      "{{ v | upcase }}",
      "{{ 'a' | append: v }}",
      "{{ v | safe | upcase }}",
      "{% echo v %}",
      "{% cycle v, 'b' %}",
      "{% liquid echo v %}",
      '{% include "counter_display.html" count: v %}',
    ]) {
      expectInert(await render(source, { v }), v);
    }
  });

  it("|safe writes the value as it is, only as the last filter; |raw is not there to skip escaping", async () => {
    expect(await render("{{ v | safe }}", { v: "<b>ok</b>" })).toBe("<b>ok</b>");
    expect(await render("{{ v | safe | upcase }}", { v: "<b>ok</b>" })).toBe("&lt;B&gt;OK&lt;/B&gt;");
    await expect(render("{{ v | raw }}", { v: "<b>" })).rejects.toThrow(/undefined filter: raw/);
  });
});

describe("|json_script", () => {
  it("puts a value in a JSON script that nothing in the value can end or break out of", async () => {
    const value = { name: "</script><script>alert(1)</script>", note: "a & b <!-- \u2028" };
    const html = await render('{{ draft | json_script: "draft-data" }}', { draft: value });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<!--|<script>/);
    expect(html).toMatch(/^<script id="draft-data" type="application\/json">.*<\/script>$/);
    const json = html.replace(/^<script[^>]*>|<\/script>$/g, "");
    expect(JSON.parse(json)).toEqual(value);
  });

  it("escapes the element id", async () => {
    expect(await render('{{ 1 | json_script: id }}', { id: '"><svg onload=alert(1)>' })).toBe(
      '<script id="&quot;&gt;&lt;svg onload=alert(1)&gt;" type="application/json">1</script>',
    );
  });
});

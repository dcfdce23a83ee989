// A template that cannot work fails when it is parsed, saying where (template, line), what (the construct) and,
// for names from other template languages or typos, the Django name that was probably meant.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TemplateEnvironment } from "../../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "lv-errors-"));

/** The message rendering a file of this source fails with; each call gets a fresh environment (none cached). */
function failure(source: string, name = "page.html"): string {
  const env = new TemplateEnvironment([dir]);
  writeFileSync(join(dir, name), source);
  try {
    env.renderSync(name, {});
  } catch (error) {
    return (error as Error).message;
  }
  return "(rendered)";
}

describe("errors that help", () => {
  it.each([
    [
      "an unknown tag, with its Django name",
      "<p>\n{% layout 'base.html' %}",
      "Invalid block tag 'layout'; Django's name for it is 'extends' (page.html, line 2)",
    ],
    ["a typo in a tag", "\n\n{% endfro %}", "Invalid block tag 'endfro'; did you mean 'endfor'? (page.html, line 3)"],
    [
      "else in a for loop",
      "{% for x in l %}\n{% else %}{% endfor %}",
      "Invalid block tag 'else', expected 'empty' or 'endfor'; in a for loop, Django's name for it is 'empty' (page.html, line 2)",
    ],
    [
      "an unknown filter, with its Django name",
      "a\nb {{ name|upcase }}",
      "Invalid filter: 'upcase'; Django's name for it is 'upper' in {{ name|upcase }} (page.html, line 2)",
    ],
    [
      "a typo in a filter",
      "{{ n|pluralise }}",
      "Invalid filter: 'pluralise'; did you mean 'pluralize'? in {{ n|pluralise }} (page.html, line 1)",
    ],
    [
      "a filter without its argument",
      "{{ s|truncatechars }}",
      "truncatechars requires 2 arguments, 1 provided in {{ s|truncatechars }} (page.html, line 1)",
    ],
    [
      "Liquid's filter argument syntax",
      "{{ s|default: 'x' }}",
      "default requires 2 arguments, 1 provided (write default:argument, with no space after the colon) in {{ s|default: 'x' }} (page.html, line 1)",
    ],
    [
      "an unclosed block",
      "{% if a %}\n{% for x in l %}x{% endfor %}",
      "Unclosed tag 'if'. Looking for one of: elif, else, endif (page.html, line 1)",
    ],
    ["a library that does not exist", "{% load humanise %}", "'humanise' is not a registered tag library"],
    ["a missing template", "\n{% include 'nope.html' %}", "template not found: nope.html"],
  ])("%s", (_what, source, message) => {
    expect(failure(source)).toContain(message);
  });

  it("names the tag that asked for a missing template", () => {
    expect(failure("a\n\n{% include 'nope.html' %}")).toMatch(
      /template not found: nope\.html \(looked in .*\), asked for by \{% include %\} in page\.html, line 3$/,
    );
    expect(failure("{% extends 'gone.html' %}")).toMatch(/asked for by \{% extends %\} in page\.html, line 1$/);
  });

  it("names the template that is wrong when it is reached through extends", () => {
    writeFileSync(join(dir, "broken-base.html"), "x\n{% block a %}{{ v|frob }}{% endblock %}");
    expect(failure('{% extends "broken-base.html" %}', "child.html")).toContain("(broken-base.html, line 2)");
  });
});

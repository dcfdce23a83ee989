// The seed guide's templates render unchanged: include, if, and Django's |default:'' filter, autoescaped.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineForm, renderToString, templates } from "../../src/index.ts";
import { visibleText } from "../helpers.ts";

const here = dirname(fileURLToPath(import.meta.url));
templates.addDirectory(join(here, "../fixtures/seed"));

const ContactForm = defineForm({ name: z.string(), email: z.email(), message: z.string().optional() });

describe("the seed's templates", () => {
  it("counter.html includes counter_display.html with the count", async () => {
    const html = await renderToString("counter.html", { count: 7 });
    expect(visibleText(html)).toBe("Counter: 7 Increment");
    expect(html).toContain('data-liveview-function="increment_counter"');
  });

  it("the contact form renders empty fields for a fresh form and no draft notice", async () => {
    const html = await renderToString("contact.html", {
      form: new ContactForm(),
      has_draft: false,
      form_id: "contact_form",
    });
    expect(html).not.toContain("You have a saved draft");
    expect(html).toContain('<form id="contact_form">');
    expect(html).toContain('value=""');
  });

  it("the contact form pre-fills a draft, escaped, and shows the notice", async () => {
    const form = new ContactForm(null, { initial: { name: 'Bob "B"', email: "b@example.com", message: "<b>hi</b>" } });
    const html = await renderToString("contact.html", { form, has_draft: true, form_id: "contact_form" });
    expect(html).toContain("You have a saved draft");
    expect(html).toContain('value="Bob &quot;B&quot;"');
    expect(html).toContain(">&lt;b&gt;hi&lt;/b&gt;</textarea>");
  });
});

describe("our template tags", () => {
  it("emit the CSRF field, static URLs, the room and the client script", async () => {
    const html = await templates.renderString(
      "{% csrf_token %}|{% static 'demo.css' %}|{% liveview_room %}|{% liveview_scripts %}",
      {
        csrf_token: "t0k",
        room: "r1",
      },
    );
    expect(html).toBe(
      '<input type="hidden" name="csrfmiddlewaretoken" value="t0k">|/static/demo.css|r1|<script src="/static/liveview/liveview.js" data-liveview-csrf-token="t0k" defer></script>',
    );
  });

  it("a template's own names ({% firstof … as %}, {% trans … as %}) do not leak into the caller's object", async () => {
    const context: Record<string, unknown> = { a: "x" };
    expect(await templates.renderString("{% firstof a as b %}{% trans 'Hi' as c %}{{ b }}{{ c }}", context)).toBe(
      "xHi",
    );
    expect(context).toEqual({ a: "x" });
  });

  it("calls methods and getters with their object, but not those marked altersData, nor a class's constructor", async () => {
    class Basket {
      items = ["a", "b"];
      emptied = false;
      get size() {
        return this.items.length;
      }
      first() {
        return this.items[0];
      }
      empty() {
        this.emptied = true;
      }
    }
    Object.assign(Basket.prototype.empty, { altersData: true });
    const basket = new Basket();
    expect(
      await templates.renderString("{{ b.size }} {{ b.first }} [{{ b.empty }}] [{{ b.constructor }}]", { b: basket }),
    ).toBe("2 a [] []");
    expect(basket.emptied).toBe(false);
  });

  it("|safe skips escaping; everything else is escaped", async () => {
    expect(await templates.renderString("{{ a }}|{{ a|safe }}", { a: "<i>x</i>" })).toBe(
      "&lt;i&gt;x&lt;/i&gt;|<i>x</i>",
    );
  });
});

// The demo's templates escape what users wrote (a contact message, a draft's name, a username at sign-in): the
// payload is text wherever a template shows it.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { templates } from "../../src/index.ts";
import { useDemoRoutes } from "./demo-routes.ts";

const here = dirname(fileURLToPath(import.meta.url));
useDemoRoutes();
templates.addDirectory(join(here, "../../examples/demo/templates"));

const SVG_PAYLOAD = '"><svg onload=alert(3)>';

describe("autoescaping", () => {
  it("escapes the demo's user data in every template that shows it", async () => {
    const v = SVG_PAYLOAD;
    const messages = [{ id: 1, name: v, email: v, website: v, message: v }];
    const signedIn = { isAuthenticated: true, username: "demo" };
    const pages = [
      await templates.renderToString("message_list.html", { messages, user: signedIn }),
      await templates.renderToString("draft_notice.html", { has_draft: true, draft_name: v }),
      await templates.renderToString("login.html", { username: v, error: v }),
    ];
    for (const html of pages) {
      expect(html).toContain("&quot;&gt;&lt;svg onload=alert(3)&gt;");
      expect(html).not.toContain("<svg");
    }
  });
});

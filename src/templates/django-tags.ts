// The few Django tags and filters a page needs that LiquidJS lacks.

import { Tag, type Context, type Emitter, type Liquid, type TagToken, type TopLevelToken, Value } from "liquidjs";
import { CLIENT_BUNDLE_URL, STATIC_URL } from "../constants.ts";
import { CSRF_FIELD, SOCKET_TOKEN_ATTR } from "../protocol.ts";

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A tag whose output is computed from the render context alone. */
function simpleTag(liquid: Liquid, name: string, render: (ctx: Context) => string): void {
  liquid.registerTag(
    name,
    class extends Tag {
      // eslint-disable-next-line require-yield -- LiquidJS runs a tag's render as a generator; this one never waits
      *render(ctx: Context, emitter: Emitter) {
        emitter.write(render(ctx));
      }
    },
  );
}

export function registerDjangoTags(liquid: Liquid): void {
  simpleTag(liquid, "csrf_token", (ctx) => {
    const token = String(ctx.getSync(["csrf_token"]) ?? "");
    return `<input type="hidden" name="${CSRF_FIELD}" value="${escapeAttr(token)}">`;
  });
  simpleTag(liquid, "liveview_room", (ctx) => escapeAttr(String(ctx.getSync(["room"]) ?? "")));
  // The page's CSRF token rides on the script tag: the client presents it when its socket connects.
  simpleTag(liquid, "liveview_scripts", (ctx) => {
    const token = String(ctx.getSync(["csrf_token"]) ?? "");
    return `<script src="${CLIENT_BUNDLE_URL}" ${SOCKET_TOKEN_ATTR}="${escapeAttr(token)}" defer></script>`;
  });

  // {% static "css/site.css" %}: the URL of a file in the app's static directories.
  liquid.registerTag(
    "static",
    class extends Tag {
      private readonly path: Value;
      constructor(token: TagToken, remain: TopLevelToken[], l: Liquid) {
        super(token, remain, l);
        this.path = new Value(token.args, l);
      }
      *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
        const path = String(yield this.path.value(ctx));
        emitter.write(escapeAttr(STATIC_URL + path.replace(/^\/+/, "")));
      }
    },
  );

  // Django's |safe: output as is, not escaped.
  liquid.registerFilter("safe", { handler: (v: unknown) => v, raw: true });
  // Django's |length, for lists, strings and objects alike.
  liquid.registerFilter("length", (v: unknown) => (v == null ? 0 : (v as { length?: number }).length ?? Object.keys(v).length));
}

// A small app for the client's browser tests: three pages and handlers that record what they receive
// and answer with the server messages under test.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createApp,
  liveviewHandler,
  render,
  renderToString,
  send,
  type Consumer,
  type Content,
  type JsonObject,
  type Request,
} from "../../src/index.ts";
import { serve, tempDatabaseUrl, type Running } from "../helpers.ts";

const pages = join(dirname(fileURLToPath(import.meta.url)), "pages");

/** Every message a fixture handler received, in arrival order (content as the handler saw it, snake_case keys). */
export const received: Content[] = [];

/** The messages of one page (its room) to one function. */
export function calls(room: string, fn: string): Content[] {
  return received.filter((c) => c.room === room && c.function === fn);
}

let gate: Promise<void> = Promise.resolve();
/** Makes `slow_save` wait until the returned function is called. */
export function hold(): () => void {
  let release!: () => void;
  gate = new Promise<void>((resolve) => (release = resolve));
  return release;
}

/** Registers a handler that records its content, then answers with what `reply` returns. */
function handler(
  name: string,
  reply: (content: Content, consumer: Consumer) => JsonObject[] | Promise<JsonObject[]> = () => [],
): void {
  liveviewHandler(name, async (consumer, content) => {
    received.push(content);
    for (const message of await reply(content, consumer)) await send(consumer, message);
  });
}

// The outgoing message.
handler("save_order");
handler("save_shipping");
handler("search");

// Morphing: the server re-renders the editor with the title it has stored, not the one being typed.
handler("count_chars", async (content) => [
  {
    target: "#editor",
    html: await renderToString("editor.html", {
      saved_title: "Untitled",
      count: String(content.form.title ?? "").length,
    }),
  },
]);

// Server updates.
let entries = 0;
handler("add_entry", () => [{ target: "#log", html: `<li class="entry">entry ${++entries}</li>`, append: true }]);
handler("dismiss_notice", () => [{ target: "#notice", remove: true }]);
handler("rename_page", () => [{ title: "Renamed by the server" }]);
handler("jump_to_end", () => [{ scroll: "#far" }]);
handler("back_to_top", () => [{ scrollTop: true }]);
handler("mount_widget", () => [
  {
    target: "#widget",
    html: '<span class="status">mounted</span><script>el.dataset.mountedBy = this.id; el.querySelector(".status").textContent += " by script"; window.widgetRuns = (window.widgetRuns || 0) + 1;</script>',
  },
]);
handler("restore_profile", () => [
  {
    action: "restore_form",
    form_id: "profile",
    form_data: { name: "Ada Lovelace", newsletter: true, plan: "pro", country: "fr", bio: "Analyst", user_id: "u-7" },
    saved_at: "2024-01-01T00:00:00Z",
  },
]);
handler("celebrate", () => [{ action: "celebrate", count: 3, by: "server" }]);
handler("explode", () => {
  throw new Error("boom");
});
handler("slow_save", async () => {
  await gate;
  return [{ target: "#slow-status", html: "Saved" }];
});
// A save, then the reply: the reply waits for the save's commit, and the call's ack rides on it.
handler("save_at_once", async (_content, consumer) => {
  consumer.scope.session.set("saved_at_once", true);
  await consumer.scope.session.save();
  return [{ target: "#slow-status", html: "Saved at once" }];
});
handler("save_then_ghost", async (_content, consumer) => {
  consumer.scope.session.set("ghosted", true);
  await consumer.scope.session.save();
  return [{ target: "#nowhere", html: "<p id=phantom>should not appear</p>" }];
});
handler("ghost", (): JsonObject[] => [
  { target: "#nowhere", html: "<p id=phantom>should not appear</p>", title: "Should not apply" },
  { target: "div[unclosed", html: "<p id=phantom>should not appear</p>", scrollTop: true },
]);

// Behaviours.
let widgets = 0;
handler("greet");
handler("add_widget", () => [
  {
    target: "#widgets",
    html: `<div class="widget" data-liveview-init="greet" data-who="widget-${++widgets}">widget ${widgets}</div>`,
    append: true,
  },
]);
handler("sentinel_in");
handler("sentinel_out");
handler("add_field", () => [
  { target: "#field-slot", html: '<label>Name <input id="new-name" name="name" data-liveview-focus="true"></label>' },
]);
handler("open_search", () => [{ target: "#search-status", html: "Search open" }]);

// Forms: a submit whose reply replaces the draft form, and a re-render of a form with what the server holds.
handler("publish_notes", () => [{ target: "#notes-slot", html: '<p id="published">Published</p>' }]);
handler("echo_profile", async () => {
  await gate;
  return [
    {
      target: "#profile-slot",
      html: await renderToString("profile.html", { first: "Server", last: "Server", other: "Server" }),
    },
  ];
});

export async function startFixture(): Promise<Running> {
  // DEBUG: the error test reads a handler's exception text, which production replaces with an error id.
  const app = createApp({ templates: [pages], settings: { DATABASE_URL: tempDatabaseUrl(), DEBUG: true } });
  app
    .get("/message", (request: Request) => render(request, "message.html", { lang: "fr" }))
    .get("/updates", (request: Request) => render(request, "updates.html", { saved_title: "Untitled", count: 8 }))
    .get("/behaviours", (request: Request) => render(request, "behaviours.html"))
    .get("/drafts", (request: Request) => render(request, "drafts.html", { first: "", last: "", other: "" }));
  return serve(app);
}

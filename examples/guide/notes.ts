// The guide's example for handlers and `send`: a page of notes kept in the session, a greeting, and an announcement
// that reaches every browser.

import { fileURLToPath } from "node:url";
import { z } from "zod";
import { createApp, liveviewHandler, render, renderToString, send, type App, type AppOptions } from "liveview-node";

const TEMPLATES = fileURLToPath(new URL("./templates/", import.meta.url));

// A handler gets what the element sent: `content.data` (its data-* attributes) and `content.form` (its form's fields).
liveviewHandler("greet", async (consumer, content) => {
  const name = String(content.form.name ?? "").trim() || "stranger";
  await send(consumer, { target: "#greeting", html: await renderToString("greeting.html", { name }) });
});

// With a schema, the content is checked before the handler runs (a bad one is answered with an error), and typed.
const NewNote = z.object({ form: z.object({ text: z.string().trim().min(1).max(200) }) });

liveviewHandler("add_note", { schema: NewNote }, async (consumer, content) => {
  const session = consumer.scope.session;
  session.set("notes", [...session.get("notes", []), content.form.text]); // saved when the handler returns
  const html = await renderToString("note.html", { text: content.form.text });
  await send(consumer, { target: "#notes", html, append: true });
});

liveviewHandler("clear_notes", async (consumer) => {
  consumer.scope.session.set("notes", []);
  await send(consumer, { target: "#notes", html: "" });
});

// `broadcast: true` reaches every socket of the app, in every process; `room` and `group` reach fewer.
const Announcement = z.object({ form: z.object({ text: z.string().trim().min(1).max(200) }) });

liveviewHandler("announce", { schema: Announcement, loginRequired: true }, async (consumer, content) => {
  const html = await renderToString("announcement.html", { text: content.form.text });
  await send(consumer, { target: "#announcement", html }, { broadcast: true });
});

export function createNotesApp(options: AppOptions = {}): App {
  const app = createApp({ templates: [TEMPLATES], ...options });
  app.get("/notes", (request) => render(request, "notes.html", { notes: request.session.get("notes", []) }));
  return app;
}

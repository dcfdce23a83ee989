// The demo application: the seed guide's pages and handlers, ready to listen.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp, loadCatalogs, type App, type AppOptions } from "liveview-node";
import { ensureDemoUser } from "./accounts.ts";
import "./handlers.ts";
import { files } from "./files.ts";
import "./presence.ts";
import "./board-handlers.ts";
import * as views from "./views.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const DEMO_TEMPLATES = join(here, "templates");
export const DEMO_LOCALE = join(here, "locale");
/** The demo's named routes, which its templates link to with {% url %}. */
export const DEMO_ROUTES = {
  home: "/",
  counter: "/counter",
  board: "/board",
  contact: "/contact",
  messages: "/messages",
  files: "/files",
  set_language: "/language/:code",
};

export async function createDemoApp(options: AppOptions = {}): Promise<App> {
  const app = createApp({
    templates: [DEMO_TEMPLATES],
    static: [join(here, "static")],
    notFound: views.notFound,
    ...options,
    settings: { LANGUAGE_CODE: "en", ...options.settings },
  });
  loadCatalogs(DEMO_LOCALE);
  const r = DEMO_ROUTES;
  app
    .get(r.home, views.home, { name: "home" })
    .get(r.counter, views.counter, { name: "counter" })
    .get(r.board, views.board(app), { name: "board" })
    .get(r.contact, views.contact, { name: "contact" })
    .get(r.messages, views.messages(app.settings.DATABASE_URL), { name: "messages" })
    .get(r.files, files, { name: "files" })
    .get(r.set_language, views.setLanguage, { name: "set_language", live: false })
    .get("/login", views.loginPage)
    .post("/login", views.loginSubmit)
    .post("/logout", views.logoutSubmit);
  await ensureDemoUser(app);
  return app;
}

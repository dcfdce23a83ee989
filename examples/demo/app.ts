// The demo application: the seed guide's pages and handlers, ready to listen.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp, type App, type AppOptions } from "liveview-node";
import { ensureDemoUser } from "./accounts.ts";
import "./handlers.ts";
import * as views from "./views.ts";

const here = dirname(fileURLToPath(import.meta.url));

export async function createDemoApp(options: AppOptions = {}): Promise<App> {
  const app = createApp({ templates: [join(here, "templates")], static: [join(here, "static")], ...options });
  app
    .get("/", views.home)
    .get("/counter", views.counter)
    .get("/contact", views.contact)
    .get("/messages", views.messages(app.settings.DATABASE_URL))
    .get("/login", views.loginPage)
    .post("/login", views.loginSubmit)
    .post("/logout", views.logoutSubmit);
  await ensureDemoUser(app);
  return app;
}

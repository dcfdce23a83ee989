// The guide's example for authentication and permissions: signing in over HTTP, then handlers that say who may call
// them: anyone, a signed-in user, a user with a permission, or a check that depends on the content.

import { fileURLToPath } from "node:url";
import { z } from "zod";
import {
  authorize,
  createApp,
  liveviewHandler,
  login,
  logout,
  redirect,
  render,
  send,
  type App,
  type AppOptions,
  type Request,
} from "liveview-node";

const TEMPLATES = fileURLToPath(new URL("./templates/", import.meta.url));

/** Who may publish: in a real app, a column or a table of roles. */
export const EDITORS = new Set(["grace"]);

async function signIn(request: Request) {
  const user = await request.app.users.authenticate(String(request.body.username), String(request.body.password));
  if (!user) return render(request, "sign_in.html", { error: "Wrong username or password." }, 401);
  await login(request, user); // a new session key, and the user in the session
  return redirect("/articles");
}

async function signOut(request: Request) {
  await logout(request); // the session ends here and in every other tab of this browser
  return redirect("/articles");
}

liveviewHandler("read_article", async (consumer) => {
  await send(consumer, { target: "#article", html: "<p>Anyone may read.</p>" });
});

liveviewHandler("save_draft", { loginRequired: true }, async (consumer) => {
  await send(consumer, { target: "#status", html: `Draft saved for ${consumer.scope.user.username}.` });
});

liveviewHandler("publish", { permission: (user) => EDITORS.has(user.username) }, async (consumer) => {
  await send(consumer, { target: "#status", html: "Published." });
});

// Whether the call is allowed depends on what it asks for: check inside the handler, before doing anything.
const Delete = z.object({ data: z.object({ author: z.string() }) });

liveviewHandler("delete_article", { schema: Delete }, async (consumer, content) => {
  const own = content.data.author === consumer.scope.user.username;
  if (!own) await authorize(consumer, { permission: (user) => EDITORS.has(user.username) });
  await send(consumer, { target: "#status", html: "Deleted." });
});

export function createArticlesApp(options: AppOptions = {}): App {
  const app = createApp({ templates: [TEMPLATES], ...options });
  app
    .get("/articles", (request) => render(request, "articles.html"))
    .get("/sign-in", (request) => render(request, "sign_in.html"))
    .post("/sign-in", signIn)
    .post("/sign-out", signOut);
  return app;
}

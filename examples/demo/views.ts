// The demo's pages: each reads the session as the seed guide's views do.

import { authenticateAndLogin } from "./accounts.ts";
import { gettext, logout, redirect, render, supportedLanguage, type App, type Request } from "liveview-node";
import { boardView, taskFormContext } from "./board-context.ts";
import { BOARD_TOPIC, whoIsHere } from "./board-presence.ts";
import { ContactForm } from "./contact-form.ts";
import { listContacts } from "./contact-messages.ts";
import { CONTACT_FORM_ID, draftNotice } from "./draft-notice.ts";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export const home = (request: Request) => render(request, "home.html");

export const counter = (request: Request) =>
  render(request, "counter_page.html", { count: request.session.get("counter", 0) });

export function contact(request: Request) {
  const draft = request.session.get("form_drafts", {})[CONTACT_FORM_ID];
  const form = draft ? new ContactForm(null, { initial: draft.data }) : new ContactForm();
  return render(request, "contact.html", { form, ...draftNotice(draft), form_id: CONTACT_FORM_ID });
}

/**
 * The shared board: everyone's tasks, with this browser's filter and the name it last added a task under, and who
 * is on the board already (this page's own socket tracks itself once it opens).
 */
export const board = (app: App) => async (request: Request) =>
  render(request, "board.html", {
    ...(await boardView(app.settings.DATABASE_URL, request.session, request.user)),
    ...taskFormContext(request.session, request.user),
    ...whoIsHere(await app.presence.list(BOARD_TOPIC)),
  });

/** Any path no route matches: the demo's own page, in its design, with the nav to find the way back. */
export const notFound = (request: Request) => render(request, "404.html", {}, 404);

/** The messages received, from the app's database; signed-in users also see addresses and Delete buttons. */
export const messages = (databaseUrl: string) => async (request: Request) =>
  render(request, "messages.html", { messages: await listContacts(databaseUrl) });

export const loginPage = (request: Request) => render(request, "login.html", { username: "" });

export async function loginSubmit(request: Request) {
  const username = String(request.body.username ?? "");
  if (await authenticateAndLogin(request, username, String(request.body.password ?? ""))) {
    return redirect(localPath(request.query.get("next")));
  }
  return render(request, "login.html", { error: gettext("Wrong username or password."), username }, 401);
}

export async function logoutSubmit(request: Request) {
  await logout(request);
  return redirect("/");
}

/** Django's set_language, as a link: remembers the choice in the language cookie and goes back to `next`. */
export function setLanguage(request: Request, params: Record<string, string>) {
  const response = redirect(localPath(request.query.get("next")));
  const code = supportedLanguage(params.code);
  if (code)
    response.headers["Set-Cookie"] = `django_language=${code}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
  return response;
}

/**
 * `next` only when it is a path on this site: anyone can write a link to /login?next=..., and signing in must not
 * lead to another site (`//host`, `/\host`, `https://...`) or to a `javascript:` URL.
 */
function localPath(next: string | null): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  return next && /^\/(?![/\\])[^\x00-\x20\\]*$/.test(next) ? next : "/";
}

// The demo's pages: each reads the session as the seed guide's views do.

import { authenticateAndLogin } from "./accounts.ts";
import { logout, redirect, render, type Request } from "../../src/index.ts";
import { ContactForm } from "./contact-form.ts";

export const home = (request: Request) => render(request, "home.html");

export const counter = (request: Request) => render(request, "counter_page.html", { count: request.session.get("counter", 0) });

export function contact(request: Request) {
  const formId = "contact_form";
  const draft = request.session.get("form_drafts", {})[formId];
  const form = draft ? new ContactForm(null, { initial: draft.data }) : new ContactForm();
  return render(request, "contact.html", { form, has_draft: Boolean(draft), form_id: formId });
}

export const loginPage = (request: Request) => render(request, "login.html", { username: "" });

export async function loginSubmit(request: Request) {
  const username = String(request.body.username ?? "");
  if (await authenticateAndLogin(request, username, String(request.body.password ?? ""))) {
    return redirect(String(request.query.get("next") ?? "/"));
  }
  return render(request, "login.html", { error: "Wrong username or password.", username }, 401);
}

export async function logoutSubmit(request: Request) {
  await logout(request);
  return redirect("/");
}

// The seed guide's handlers, in TypeScript: a counter and form drafts kept in the session, and the messages.

import { z } from "zod";
import {
  escapeHtml,
  gettext,
  liveviewHandler,
  onSessionChange,
  renderToString,
  send,
  type Consumer,
} from "liveview-node";
import { ContactForm } from "./contact-form.ts";
import { deleteContact, listContacts, saveContact } from "./contact-messages.ts";
import { CONTACT_FORM_ID, draftNotice, type Draft } from "./draft-notice.ts";
import { formIdOf } from "./form-id.ts";

async function sendCounter(consumer: Consumer, count: number): Promise<void> {
  await send(consumer, { target: "#counter-display", html: await renderToString("counter_display.html", { count }) });
}

liveviewHandler("increment_counter", async (consumer) => {
  const session = consumer.scope.session;
  const count = session.get("counter", 0) + 1;
  session.set("counter", count);
  await session.save();
  await sendCounter(consumer, count);
});

// Other tabs of the same browser show the new count too.
onSessionChange("counter", (consumer) => sendCounter(consumer, consumer.scope.session.get("counter", 0)));

liveviewHandler("autosave_form", async (consumer, content) => {
  const session = consumer.scope.session;
  const formId = formIdOf(content);
  if (!session.has("form_drafts")) session.set("form_drafts", {});
  session.get("form_drafts")[formId] = { data: content.form, timestamp: new Date().toISOString() };
  // No save() here: a change made in place is saved when the handler returns.
  await send(consumer, {
    target: "#autosave-status",
    html: `<small class="text-success">${escapeHtml(gettext("✓ Draft saved"))}</small>`,
  });
});

// Another tab saved or cleared a draft: the contact page here says whether there is one.
onSessionChange("form_drafts", async (consumer) => {
  const draft = consumer.scope.session.get("form_drafts", {})[CONTACT_FORM_ID];
  await send(consumer, {
    target: "#draft-notice-slot",
    html: await renderToString("draft_notice.html", draftNotice(draft)),
  });
});

liveviewHandler("restore_form_draft", async (consumer, content) => {
  const formId = formIdOf(content);
  const draft: Draft | undefined = consumer.scope.session.get("form_drafts", {})[formId];
  if (draft) {
    await send(consumer, {
      action: "restore_form",
      form_id: formId,
      form_data: draft.data as never,
      saved_at: draft.timestamp,
    });
  } else {
    await send(consumer, { action: "no_draft_found", form_id: formId });
  }
});

liveviewHandler("clear_form_draft", (consumer, content) => {
  const drafts = consumer.scope.session.get("form_drafts");
  const formId = formIdOf(content);
  if (drafts && formId in drafts) delete drafts[formId];
});

liveviewHandler("submit_contact", async (consumer, content) => {
  const session = consumer.scope.session;
  const formId = formIdOf(content);
  const form = new ContactForm(content.form);
  if (form.isValid()) {
    await saveContact(consumer.runtime.settings.DATABASE_URL, form);
    const drafts = session.get("form_drafts");
    if (drafts && formId in drafts) delete drafts[formId];
    await send(consumer, { target: "#contact-container", html: await renderToString("contact_sent.html") });
  } else {
    const html = await renderToString("contact_form.html", { form, form_id: formId });
    await send(consumer, { target: "#contact-container", html });
  }
});

// "Send another message": a blank form where the confirmation was.
liveviewHandler("new_contact_message", async (consumer) => {
  const html = await renderToString("contact_form.html", { form: new ContactForm(), form_id: CONTACT_FORM_ID });
  await send(consumer, { target: "#contact-container", html });
});

const DeleteMessage = z.object({ data: z.object({ id: z.coerce.number().int().positive() }) });

// The page shows the Delete buttons to signed-in users only; this is what stops anyone else calling it by name.
liveviewHandler("delete_message", { loginRequired: true, schema: DeleteMessage }, async (consumer, content) => {
  const databaseUrl = consumer.runtime.settings.DATABASE_URL;
  await deleteContact(databaseUrl, content.data.id);
  const html = await renderToString("message_list.html", {
    messages: await listContacts(databaseUrl),
    user: consumer.scope.user,
  });
  await send(consumer, { target: "#messages", html });
});

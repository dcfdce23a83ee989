// The shared board's handlers: each change is written to the database, then the new list goes to every browser in
// the board's group; the filter, the name you add tasks under and a file waiting to be attached are yours, kept in
// your session. Who is on the board is presence (board-presence.ts).

import { z } from "zod";
import { liveviewHandler, renderToString, send, takeUploads, uploadError, type Consumer } from "liveview-node";
import { ATTACHMENT_UPLOAD, attach, detach, type Attachment } from "./board-attachments.ts";
import { boardTasks, boardView, taskFormContext, type BoardViewContext } from "./board-context.ts";
import { FILTERS, TaskForm } from "./board-form.ts";
import { trackOnBoard, untrackFromBoard } from "./board-presence.ts";
import { addTask, clearDoneTasks, toggleTask } from "./board-tasks.ts";

/** Every socket showing the board is in this group, in every process (the channel layer carries it). */
export const BOARD_GROUP = "demo_board";
/** Session key of the file this browser uploaded for its next task (read by taskFormContext too). */
const PENDING_ATTACHMENT = "board_attachment";

const databaseOf = (consumer: Consumer) => consumer.runtime.settings.DATABASE_URL;

/** The new list, to everyone on the board (the one who made the change included). */
async function sendTasksToBoard(consumer: Consumer): Promise<void> {
  const html = await renderToString("board_tasks.html", { tasks: await boardTasks(databaseOf(consumer)) });
  await send(consumer, { target: "#board-tasks", html }, { group: BOARD_GROUP });
}

// The page calls this on every socket it opens while the board is shown (data-liveview-connect): a new socket is in
// no group and tracked nowhere, so after a reconnect it joins again.
liveviewHandler("join_board", async (consumer) => {
  await consumer.groupAdd(BOARD_GROUP);
  await trackOnBoard(consumer);
  // What changed while this socket was away (or before it joined) is in the database: catch up now.
  const html = await renderToString("board_tasks.html", { tasks: await boardTasks(databaseOf(consumer)) });
  await send(consumer, { target: "#board-tasks", html });
});

// Called when SPA navigation replaces the board; a closed socket leaves both by itself.
liveviewHandler("leave_board", async (consumer) => {
  await untrackFromBoard(consumer);
  await consumer.groupDiscard(BOARD_GROUP);
});

liveviewHandler("add_task", async (consumer, content) => {
  const session = consumer.scope.session;
  const form = new TaskForm(content.form);
  if (!form.isValid()) {
    const html = await renderToString("board_form.html", { form, attachment: session.get(PENDING_ATTACHMENT, null) });
    await send(consumer, { target: "#board-form-slot", html });
    return;
  }
  const { title, author = "" } = form.cleanedData;
  const id = await addTask(databaseOf(consumer), title, author);
  const attachment = session.get<Attachment | null>(PENDING_ATTACHMENT, null);
  if (attachment) await attach(databaseOf(consumer), id, attachment);
  session.delete(PENDING_ATTACHMENT);
  // The next task is added under the same name, in this tab and in the browser's others (saved on return).
  const renamed = author !== session.get("board_author", "");
  session.set("board_author", author);
  if (renamed && !consumer.scope.user.isAuthenticated) await trackOnBoard(consumer);
  const html = await renderToString("board_form.html", taskFormContext(session, consumer.scope.user));
  await send(consumer, { target: "#board-form-slot", html });
  await sendTasksToBoard(consumer);
});

// The file input's upload has finished: the file waits in the session, shown in the form, for the next task added.
liveviewHandler("task_attachment_ready", async (consumer) => {
  const session = consumer.scope.session;
  const [file] = await takeUploads(consumer, ATTACHMENT_UPLOAD);
  if (!file) return;
  if (file.size === 0) {
    await consumer.runtime.uploads.store.delete(file.key);
    uploadError(consumer, ATTACHMENT_UPLOAD, `${file.name} is empty`);
    return;
  }
  await dropPending(consumer);
  session.set(PENDING_ATTACHMENT, { key: file.key, name: file.name, size: file.size });
  await sendAttachmentSlot(consumer);
});

liveviewHandler("remove_task_attachment", async (consumer) => {
  await dropPending(consumer);
  await sendAttachmentSlot(consumer);
});

/** A file chosen for the next task and then replaced or removed is deleted from the store. */
async function dropPending(consumer: Consumer): Promise<void> {
  const pending = consumer.scope.session.get<Attachment | null>(PENDING_ATTACHMENT, null);
  if (!pending) return;
  await consumer.runtime.uploads.store.delete(pending.key);
  consumer.scope.session.delete(PENDING_ATTACHMENT);
}

async function sendAttachmentSlot(consumer: Consumer): Promise<void> {
  const attachment = consumer.scope.session.get<Attachment | null>(PENDING_ATTACHMENT, null);
  const html = await renderToString("board_attachment.html", { attachment });
  await send(consumer, { target: "#task-attachment", html });
}

const TaskId = z.object({ data: z.object({ id: z.coerce.number().int().positive() }) });

liveviewHandler("toggle_task", { schema: TaskId }, async (consumer, content) => {
  await toggleTask(databaseOf(consumer), content.data.id);
  await sendTasksToBoard(consumer);
});

// Anyone may add and tick tasks; clearing the done ones for everybody takes an account.
liveviewHandler("clear_done", { loginRequired: true }, async (consumer) => {
  const cleared = await clearDoneTasks(databaseOf(consumer));
  for (const key of await detach(databaseOf(consumer), cleared)) await consumer.runtime.uploads.store.delete(key);
  await sendTasksToBoard(consumer);
});

const FilterChoice = z.object({ data: z.object({ filter: z.enum(FILTERS) }) });

liveviewHandler("board_filter", { schema: FilterChoice }, async (consumer, content) => {
  consumer.scope.session.set("board_filter", content.data.filter);
  const context: BoardViewContext = await boardView(databaseOf(consumer), consumer.scope.session, consumer.scope.user);
  await send(consumer, { target: "#board-view", html: await renderToString("board_view.html", context) });
});

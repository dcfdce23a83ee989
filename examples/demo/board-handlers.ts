// The shared board's handlers: each change is written to the database, then the new list goes to every browser in
// the board's group; the filter and the name you add tasks under are yours, kept in your session.

import { z } from "zod";
import { liveviewHandler, renderToString, send, type Consumer } from "liveview-node";
import { boardView, taskFormContext, type BoardViewContext } from "./board-context.ts";
import { FILTERS, TaskForm } from "./board-form.ts";
import { addTask, clearDoneTasks, listTasks, toggleTask } from "./board-tasks.ts";

/** Every socket showing the board is in this group, in every process (the channel layer carries it). */
export const BOARD_GROUP = "demo_board";

const databaseOf = (consumer: Consumer) => consumer.runtime.settings.DATABASE_URL;

/** The new list, to everyone on the board (the one who made the change included). */
async function sendTasksToBoard(consumer: Consumer): Promise<void> {
  const html = await renderToString("board_tasks.html", { tasks: await listTasks(databaseOf(consumer)) });
  await send(consumer, { target: "#board-tasks", html }, { group: BOARD_GROUP });
}

// The page's script calls these when the board is shown (and again after a reconnect: a new socket is in no group)
// and when SPA navigation leaves it. Presence, once it exists, starts and ends here too.
liveviewHandler("join_board", async (consumer) => {
  await consumer.groupAdd(BOARD_GROUP);
  // What changed while this socket was away (or before it joined) is in the database: catch up now.
  const html = await renderToString("board_tasks.html", { tasks: await listTasks(databaseOf(consumer)) });
  await send(consumer, { target: "#board-tasks", html });
});

liveviewHandler("leave_board", (consumer) => consumer.groupDiscard(BOARD_GROUP));

liveviewHandler("add_task", async (consumer, content) => {
  const session = consumer.scope.session;
  const form = new TaskForm(content.form);
  if (!form.isValid()) {
    const html = await renderToString("board_form.html", { form });
    await send(consumer, { target: "#board-form-slot", html });
    return;
  }
  const { title, author = "" } = form.cleanedData;
  await addTask(databaseOf(consumer), title, author);
  // The next task is added under the same name, in this tab and in the browser's others (saved on return).
  session.set("board_author", author);
  const html = await renderToString("board_form.html", taskFormContext(session, consumer.scope.user));
  await send(consumer, { target: "#board-form-slot", html });
  await sendTasksToBoard(consumer);
});

const TaskId = z.object({ data: z.object({ id: z.coerce.number().int().positive() }) });

liveviewHandler("toggle_task", { schema: TaskId }, async (consumer, content) => {
  await toggleTask(databaseOf(consumer), content.data.id);
  await sendTasksToBoard(consumer);
});

// Anyone may add and tick tasks; clearing the done ones for everybody takes an account.
liveviewHandler("clear_done", { loginRequired: true }, async (consumer) => {
  await clearDoneTasks(databaseOf(consumer));
  await sendTasksToBoard(consumer);
});

const FilterChoice = z.object({ data: z.object({ filter: z.enum(FILTERS) }) });

liveviewHandler("board_filter", { schema: FilterChoice }, async (consumer, content) => {
  consumer.scope.session.set("board_filter", content.data.filter);
  const context: BoardViewContext = await boardView(databaseOf(consumer), consumer.scope.session, consumer.scope.user);
  await send(consumer, { target: "#board-view", html: await renderToString("board_view.html", context) });
});

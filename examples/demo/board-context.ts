// What the board's templates are rendered with, the same for the page's view and for the handlers' replies.

import { gettext, type AnyUser, type Session } from "liveview-node";
import { FILTERS, TaskForm, type Filter } from "./board-form.ts";
import { listTasks, type Task } from "./board-tasks.ts";

export interface BoardViewContext {
  tasks: Task[];
  filter: Filter;
  filters: { value: Filter; label: string }[];
  user: AnyUser;
}

/** The task form, blank, with the name this browser last added a task under (or the account's name). */
export function taskFormContext(session: Session, user: AnyUser) {
  const author = session.get("board_author", user.isAuthenticated ? user.username : "");
  return { form: new TaskForm(null, { initial: { author } }) };
}

export async function boardView(databaseUrl: string, session: Session, user: AnyUser): Promise<BoardViewContext> {
  const chosen = session.get("board_filter", "all");
  const filter: Filter = FILTERS.includes(chosen) ? chosen : "all";
  const labels: Record<Filter, string> = { all: gettext("All"), open: gettext("Open"), done: gettext("Done") };
  return {
    tasks: await listTasks(databaseUrl),
    filter,
    filters: FILTERS.map((value) => ({ value, label: labels[value] })),
    user,
  };
}

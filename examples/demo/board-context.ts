// What the board's templates are rendered with, the same for the page's view and for the handlers' replies.

import { gettext, type AnyUser, type Session } from "liveview-node";
import { withAttachments, type Attachment } from "./board-attachments.ts";
import { FILTERS, TaskForm, type Filter } from "./board-form.ts";
import { listTasks, type Task } from "./board-tasks.ts";

export type BoardTask = Task & { attachment: Attachment | null };

export interface BoardViewContext {
  tasks: BoardTask[];
  filter: Filter;
  filters: { value: Filter; label: string }[];
  user: AnyUser;
}

/** Every task on the board, with its attachment. */
export async function boardTasks(databaseUrl: string): Promise<BoardTask[]> {
  return withAttachments(databaseUrl, await listTasks(databaseUrl));
}

/**
 * The task form, blank, with the name this browser last added a task under (or the account's name), and the file
 * it has uploaded for its next task, if any.
 */
export function taskFormContext(session: Session, user: AnyUser) {
  const author = session.get("board_author", user.isAuthenticated ? user.username : "");
  return {
    form: new TaskForm(null, { initial: { author } }),
    attachment: session.get<Attachment | null>("board_attachment", null),
  };
}

export async function boardView(databaseUrl: string, session: Session, user: AnyUser): Promise<BoardViewContext> {
  const chosen = session.get("board_filter", "all");
  const filter: Filter = FILTERS.includes(chosen) ? chosen : "all";
  const labels: Record<Filter, string> = { all: gettext("All"), open: gettext("Open"), done: gettext("Done") };
  return {
    tasks: await boardTasks(databaseUrl),
    filter,
    filters: FILTERS.map((value) => ({ value, label: labels[value] })),
    user,
  };
}

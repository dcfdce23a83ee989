// A task's attachment on the shared board: one file per task, uploaded with the task form, kept in the upload store
// and listed by name and size (never served back: the board shows what was attached, it is no file host).

import { liveviewUpload } from "liveview-node";
import { query as run, type Table } from "./database.ts";
import type { Task } from "./board-tasks.ts";

/** The upload name of the task form's file input. */
export const ATTACHMENT_UPLOAD = "task_attachment";
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

// Documents and pictures only: the server checks that the bytes are what the name says.
liveviewUpload(ATTACHMENT_UPLOAD, {
  accept: [".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".txt"],
  maxFiles: 1,
  maxFileSize: ATTACHMENT_MAX_BYTES,
});

/** A finished upload, waiting in the session for the next task added, then stored with it. */
export interface Attachment {
  key: string;
  name: string;
  size: number;
}

const TABLE: Table = {
  pg: `CREATE TABLE IF NOT EXISTS board_attachment (
    task_id integer PRIMARY KEY, file_key text NOT NULL, name text NOT NULL, size integer NOT NULL)`,
  sqlitePrepare: (db) =>
    db.exec(`CREATE TABLE IF NOT EXISTS board_attachment (
      task_id INTEGER PRIMARY KEY, file_key TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL)`),
};

const query = <R>(databaseUrl: string, sql: string, values: unknown[] = []) => run<R>(databaseUrl, TABLE, sql, values);

export async function attach(databaseUrl: string, taskId: number, file: Attachment): Promise<void> {
  await query(
    databaseUrl,
    "INSERT INTO board_attachment (task_id, file_key, name, size) VALUES (?, ?, ?, ?) RETURNING task_id",
    [taskId, file.key, file.name, file.size],
  );
}

/** The tasks, each with its attachment (or null). */
export async function withAttachments(
  databaseUrl: string,
  tasks: Task[],
): Promise<(Task & { attachment: Attachment | null })[]> {
  const rows = await query<{ task_id: number; file_key: string; name: string; size: number }>(
    databaseUrl,
    "SELECT task_id, file_key, name, size FROM board_attachment",
  );
  const byTask = new Map(rows.map((r) => [Number(r.task_id), { key: r.file_key, name: r.name, size: Number(r.size) }]));
  return tasks.map((task) => ({ ...task, attachment: byTask.get(Number(task.id)) ?? null }));
}

/** Forgets the attachments of tasks that are gone, and returns their files' keys so the caller removes the files. */
export async function detach(databaseUrl: string, taskIds: number[]): Promise<string[]> {
  if (taskIds.length === 0) return [];
  const marks = taskIds.map(() => "?").join(", ");
  const rows = await query<{ file_key: string }>(
    databaseUrl,
    `DELETE FROM board_attachment WHERE task_id IN (${marks}) RETURNING file_key`,
    taskIds,
  );
  return rows.map((r) => r.file_key);
}

// The form that adds a task to the board; the name is remembered in the session for the next task.

import { z } from "zod";
import { defineForm } from "liveview-node";

export const TITLE_MAX = 120;
export const AUTHOR_MAX = 40;

export const TaskForm = defineForm({
  title: z.string().trim().min(1).max(TITLE_MAX, `Keep it under ${TITLE_MAX} characters.`),
  author: z.string().trim().max(AUTHOR_MAX, `Keep the name under ${AUTHOR_MAX} characters.`).optional(),
});

/** The board's filter, one per browser (kept in its session): every task, the open ones, or the done ones. */
export const FILTERS = ["all", "open", "done"] as const;
export type Filter = (typeof FILTERS)[number];

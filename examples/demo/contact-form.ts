// The contact form of the demo, and where its messages are stored.

import { z } from "zod";
import { defineForm, openSqlite } from "../../src/index.ts";

export const ContactForm = defineForm({
  name: z.string().max(100, "Keep the name under 100 characters."),
  email: z.email("Enter a valid email address."),
  message: z.string().max(5000).optional(),
});

export type ContactFormInstance = InstanceType<typeof ContactForm>;

/** Saves a valid form as a row of contact_message in the app's database; returns its id. */
export function saveContact(databaseUrl: string, form: ContactFormInstance): number {
  const db = openSqlite(databaseUrl);
  db.exec(`CREATE TABLE IF NOT EXISTS contact_message (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, email TEXT NOT NULL, message TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (datetime('now')))`);
  const { name, email, message } = form.cleanedData;
  const result = db.prepare("INSERT INTO contact_message (name, email, message) VALUES (?, ?, ?)").run(name, email, message ?? "");
  return Number(result.lastInsertRowid);
}

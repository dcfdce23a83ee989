// The seam for where users live, and its SQLite implementation.

import { sqliteRead } from "../db/sqlite-outage.ts";
import type { SqliteDatabase } from "../db/sqlite.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { makeUser, type User } from "./user.ts";

export interface UserStore {
  create(username: string, password: string): Promise<User>;
  get(id: number): Promise<User | null>;
  getByUsername(username: string): Promise<User | null>;
  /** The user when the password matches, else null. */
  authenticate(username: string, password: string): Promise<User | null>;
  /** Releases connections, if the store holds any. */
  close?(): Promise<void>;
}

interface Row {
  id: number;
  username: string;
  password: string;
}

export class SqliteUserStore implements UserStore {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS liveview_user (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      username TEXT NOT NULL UNIQUE,
      password TEXT NOT NULL,
      date_joined TEXT NOT NULL DEFAULT (datetime('now'))
    )`);
  }

  async create(username: string, password: string): Promise<User> {
    const hash = await hashPassword(password);
    const { lastInsertRowid } = this.db
      .prepare("INSERT INTO liveview_user (username, password) VALUES (?, ?)")
      .run(username, hash);
    return makeUser(Number(lastInsertRowid), username);
  }

  async get(id: number): Promise<User | null> {
    // An outage fails the request (store_unavailable): a user who cannot be read is never taken for nobody.
    const row = sqliteRead(this.db, () =>
      this.db.prepare<[number], Row>("SELECT id, username, password FROM liveview_user WHERE id = ?").get(id),
    );
    return row ? makeUser(row.id, row.username) : null;
  }

  async getByUsername(username: string): Promise<User | null> {
    const row = this.find(username);
    return row ? makeUser(row.id, row.username) : null;
  }

  async authenticate(username: string, password: string): Promise<User | null> {
    const row = this.find(username);
    return row && (await verifyPassword(password, row.password)) ? makeUser(row.id, row.username) : null;
  }

  private find(username: string): Row | undefined {
    return sqliteRead(this.db, () =>
      this.db
        .prepare<[string], Row>("SELECT id, username, password FROM liveview_user WHERE username = ?")
        .get(username),
    );
  }
}

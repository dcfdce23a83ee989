// Another program holding SQLite's write lock (a backup, a migration, an open sqlite3 shell): BEGIN IMMEDIATE on the
// file named in argv, "locked" on stdout, and ROLLBACK once stdin says "release" or closes.

import Database from "better-sqlite3";

/** Long enough to wait out a commit of the server's that is under way; the server's own transactions are short. */
const WAIT_FOR_LOCK_MS = 10_000;

const db = new Database(process.argv[2]!);
db.pragma(`busy_timeout = ${WAIT_FOR_LOCK_MS}`);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\n");

const release = () => {
  if (db.inTransaction) db.exec("ROLLBACK");
  db.close();
  process.stdout.write("released\n");
  process.exit(0);
};
process.stdin.on("data", (chunk) => String(chunk).includes("release") && release());
process.stdin.on("end", release);

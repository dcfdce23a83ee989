// SQLITE_SYNCHRONOUS: NORMAL by default, FULL on request, nothing else; the app's connection commits as it says.

import { describe, expect, it } from "vitest";
import { openSqlite } from "../../src/db/sqlite.ts";
import { createApp, loadSettings } from "../../src/index.ts";
import { tempDatabaseUrl } from "../helpers.ts";

/** SQLite's numbers for `PRAGMA synchronous`. */
const PRAGMA_VALUE = { NORMAL: 1, FULL: 2 } as const;

describe("SQLITE_SYNCHRONOUS", () => {
  it("is NORMAL unless set, FULL when set, from the options or the environment", () => {
    expect(loadSettings({}, {}).SQLITE_SYNCHRONOUS).toBe("NORMAL");
    expect(loadSettings({}, { SQLITE_SYNCHRONOUS: "FULL" }).SQLITE_SYNCHRONOUS).toBe("FULL");
    expect(loadSettings({ SQLITE_SYNCHRONOUS: "FULL" }, {}).SQLITE_SYNCHRONOUS).toBe("FULL");
  });

  it("refuses any other value, saying which are allowed", () => {
    for (const value of ["OFF", "full", "EXTRA", "NORMAL; DROP TABLE liveview_session"]) {
      expect(() => loadSettings({}, { SQLITE_SYNCHRONOUS: value })).toThrow(
        `SQLITE_SYNCHRONOUS=${value} is not one of NORMAL, FULL`,
      );
      expect(() => openSqlite(tempDatabaseUrl(), { SQLITE_SYNCHRONOUS: value as "FULL" })).toThrow(
        /is not one of NORMAL, FULL/,
      );
    }
  });

  it.each(["NORMAL", "FULL"] as const)(
    "makes the app's database connection commit with synchronous=%s",
    async (mode) => {
      const url = tempDatabaseUrl();
      const app = createApp({ settings: { DATABASE_URL: url, SQLITE_SYNCHRONOUS: mode } });
      try {
        expect(openSqlite(url).pragma("synchronous", { simple: true })).toBe(PRAGMA_VALUE[mode]);
        expect(openSqlite(url).pragma("journal_mode", { simple: true })).toBe("wal");
      } finally {
        await app.close();
      }
    },
  );
});

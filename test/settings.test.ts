// Settings: Django's names and defaults, read from options and the environment, checked up front.

import { describe, expect, it } from "vitest";
import { defaultSettings, loadSettings } from "../src/index.ts";

describe("settings", () => {
  it("default to Django's values", () => {
    const s = loadSettings({}, {});
    expect(s).toEqual(defaultSettings);
    expect([
      s.SESSION_ENGINE,
      s.SESSION_COOKIE_AGE,
      s.SESSION_COOKIE_NAME,
      s.SESSION_COOKIE_HTTPONLY,
      s.SESSION_COOKIE_SAMESITE,
    ]).toEqual(["db", 1209600, "sessionid", true, "Lax"]);
  });

  it("take the environment, and options over the environment", () => {
    const env = {
      SESSION_ENGINE: "cached_db",
      SESSION_COOKIE_AGE: "60",
      SESSION_SAVE_EVERY_REQUEST: "true",
      ALLOWED_HOSTS: "a.example, b.example",
      DATABASE_URL: "sqlite:/tmp/x.db",
    };
    const s = loadSettings({ SESSION_COOKIE_AGE: 120 }, env);
    expect([
      s.SESSION_ENGINE,
      s.SESSION_COOKIE_AGE,
      s.SESSION_SAVE_EVERY_REQUEST,
      s.ALLOWED_HOSTS,
      s.DATABASE_URL,
    ]).toEqual(["cached_db", 120, true, ["a.example", "b.example"], "sqlite:/tmp/x.db"]);
  });

  it("refuse bad values with a message naming the setting", () => {
    expect(() => loadSettings({}, { SESSION_ENGINE: "file" })).toThrow(
      "SESSION_ENGINE=file is not one of db, cache, cached_db",
    );
    expect(() => loadSettings({}, { SESSION_COOKIE_AGE: "soon" })).toThrow(
      "SESSION_COOKIE_AGE=soon is not a positive integer",
    );
    expect(() => loadSettings({}, { SESSION_COOKIE_SECURE: "maybe" })).toThrow(
      "SESSION_COOKIE_SECURE=maybe is not a boolean",
    );
    expect(() => loadSettings({}, { DATABASE_URL: "mysql://x" })).toThrow(
      "DATABASE_URL=mysql://x must start with sqlite: or postgres://",
    );
    expect(() => loadSettings({ SESSION_COOKIE_SAMESITE: "lax" as never }, {})).toThrow(/SESSION_COOKIE_SAMESITE=lax/);
    for (const entry of ["example.com", "https://*.example.com", "https://example.com/path", "ftp://example.com"]) {
      expect(() => loadSettings({}, { CSRF_TRUSTED_ORIGINS: entry }), entry).toThrow(
        `CSRF_TRUSTED_ORIGINS entry ${entry} must be scheme://host[:port]`,
      );
    }
    expect(
      loadSettings({}, { CSRF_TRUSTED_ORIGINS: "https://app.example.com:8443, https://.example.org" })
        .CSRF_TRUSTED_ORIGINS,
    ).toEqual(["https://app.example.com:8443", "https://.example.org"]);
  });

  it("leave DEBUG to the debug package: DEBUG=express:* or DEBUG=1 starts in production mode; LIVEVIEW_DEBUG is ours", () => {
    expect(loadSettings({}, { DEBUG: "express:*" }).DEBUG).toBe(false);
    expect(loadSettings({}, { DEBUG: "1" }).DEBUG).toBe(false);
    expect(loadSettings({}, { LIVEVIEW_DEBUG: "true" }).DEBUG).toBe(true);
    expect(() => loadSettings({}, { LIVEVIEW_DEBUG: "express:*" })).toThrow(
      "LIVEVIEW_DEBUG=express:* is not a boolean",
    );
  });

  it("refuse a setting passed in code that does not exist, naming it and the one meant", () => {
    expect(() => loadSettings({ SESSION_AGE: 60 } as never, {})).toThrow(
      "SESSION_AGE is not a setting; did you mean SESSION_COOKIE_AGE?",
    );
    expect(() => loadSettings({ debug: true } as never, {})).toThrow("debug is not a setting; did you mean DEBUG?");
    expect(() => loadSettings({ COLOUR: "red" } as never, {})).toThrow(
      "COLOUR is not a setting; the settings are listed in the README",
    );
  });
});

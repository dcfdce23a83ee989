// The limits on a socket's messages and lifetime are settings: safe defaults, read from the environment, checked.

import { describe, expect, it } from "vitest";
import { loadSettings } from "../../src/index.ts";
import { SOCKET_LIMITS as NUMERIC } from "../../src/settings.ts";

describe("the socket limits", () => {
  it("default to values far below ws's own, and to heartbeats that do not extend sessions", () => {
    const s = loadSettings({}, {});
    expect(NUMERIC.map((k) => s[k])).toEqual([256, 4096, 32, 20, 100, 4 * 1024 * 1024, 30_000, 10_000]);
    expect(s.MAX_FRAME_BYTES).toBe(1024 * 1024);
    expect(s.LIVEVIEW_HEARTBEAT_EXTENDS_SESSION).toBe(false);
    expect(s.DEBUG).toBe(false);
  });

  it("are read from the environment", () => {
    const env = Object.fromEntries(NUMERIC.map((k, i) => [k, String(i + 1)]));
    const s = loadSettings({}, { ...env, LIVEVIEW_HEARTBEAT_EXTENDS_SESSION: "true" });
    expect(NUMERIC.map((k) => s[k])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(s.LIVEVIEW_HEARTBEAT_EXTENDS_SESSION).toBe(true);
  });

  it("refuse what is not a positive integer, naming the setting", () => {
    for (const key of NUMERIC) {
      expect(() => loadSettings({}, { [key]: "fast" })).toThrow(`${key}=fast is not a positive integer`);
      expect(() => loadSettings({ [key]: 0 }, {})).toThrow(`${key} must be a positive integer`);
      expect(() => loadSettings({ [key]: 1.5 }, {})).toThrow(`${key} must be a positive integer`);
    }
    expect(() => loadSettings({}, { LIVEVIEW_HEARTBEAT_EXTENDS_SESSION: "sometimes" })).toThrow(
      "LIVEVIEW_HEARTBEAT_EXTENDS_SESSION=sometimes is not a boolean",
    );
  });
});

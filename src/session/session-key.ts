// Session keys: random and unguessable, and a hash of them for names that may be logged (group names).

import { createHash, randomBytes } from "node:crypto";
import { SESSION_GROUPS_MEMO, SESSION_KEY_BYTES } from "../constants.ts";

export function newSessionKey(): string {
  return randomBytes(SESSION_KEY_BYTES).toString("base64url");
}

/** Exactly what newSessionKey makes: anything else (a path, a short guess, a huge cookie) is never looked up. */
const KEY_SHAPE = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((SESSION_KEY_BYTES * 4) / 3)}}$`);

export function isWellFormedKey(key: string | undefined | null): key is string {
  return typeof key === "string" && KEY_SHAPE.test(key);
}

const groups = new Map<string, string>();

/** The channel-layer group of every socket that holds this session (memoised: it is named on every save). */
export function sessionGroup(key: string): string {
  let group = groups.get(key);
  if (group === undefined) {
    group = "session_" + createHash("sha256").update(key).digest("base64url").slice(0, 32);
    if (groups.size >= SESSION_GROUPS_MEMO) groups.delete(groups.keys().next().value!);
    groups.set(key, group);
  }
  return group;
}

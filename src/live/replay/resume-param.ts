// Reads a reconnecting client's `resume` parameter: per group, the history and number of the last message it saw.

import { RESUME_GROUP_CHARS, RESUME_GROUPS_MAX } from "../../constants.ts";
import type { ResumePoint } from "./group-cursors.ts";

/**
 * `{"<group>": ["<history>", n], ...}`. The parameter is the client's to write: anything malformed counts as absent
 * (the socket then starts from the live messages, as a first connection does), and at most RESUME_GROUPS_MAX groups
 * are read. Only groups the socket joins are ever looked up.
 */
export function parseResume(raw: string | null): Map<string, ResumePoint> {
  const points = new Map<string, ResumePoint>();
  if (!raw) return points;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return points;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return points;
  for (const [group, point] of Object.entries(parsed).slice(0, RESUME_GROUPS_MAX)) {
    if (group.length > RESUME_GROUP_CHARS || !Array.isArray(point) || point.length !== 2) continue;
    const [epoch, n] = point as unknown[];
    if (typeof epoch !== "string" || epoch.length > RESUME_GROUP_CHARS) continue;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) continue;
    points.set(group, { epoch, n });
  }
  return points;
}

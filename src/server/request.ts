// The request a view receives: path, query, parsed body, cookies, and the session and user it runs with.

import type { IncomingMessage } from "node:http";
import type { AnyUser } from "../auth/user.ts";
import { MAX_BODY_BYTES } from "../constants.ts";
import { ROOM_ID_BYTES } from "../protocol.ts";
import { pooledRandomHex } from "../session/random-pool.ts";
import type { Session } from "../session/session.ts";
import type { App } from "./app.ts";

export interface Request {
  /** The app serving it: its settings, users, templates and groups (`request.app.broadcast(...)`). */
  app: App;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string>;
  /** Form fields (urlencoded) or a JSON object; empty for GET. */
  body: Record<string, unknown>;
  session: Session;
  user: AnyUser;
  /** The room id the rendered page will carry in <html data-room>. */
  room: string;
  /** True when the view runs for SPA navigation over the socket rather than for an HTTP request. */
  live: boolean;
}

interface RequestParts {
  method: string;
  url: URL;
  headers: Request["headers"];
  cookies: Record<string, string>;
  body: Record<string, unknown>;
  session: Session;
  user: AnyUser;
  /** The socket's room for SPA navigation; a new room for an HTTP request. */
  room?: string;
  live: boolean;
}

/** The one place a view's request is made, for HTTP requests and for SPA navigation over the socket alike. */
export function buildRequest(app: App, parts: RequestParts): Request {
  const { url, room, ...rest } = parts;
  return { ...rest, app, path: url.pathname, query: url.searchParams, room: room ?? newRoom() };
}

function newRoom(): string {
  return pooledRandomHex(ROOM_ID_BYTES);
}

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (req.method === "GET" || req.method === "HEAD") return {};
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString("utf8");
  const type = String(req.headers["content-type"] ?? "");
  if (type.startsWith("application/json")) {
    const value: unknown = raw ? JSON.parse(raw) : {};
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

// The per-upload token: which upload, of which session, until when; signed, so the chunk endpoint keeps no table.

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UPLOAD_SECRET_BYTES } from "../constants.ts";
import { LiveViewError } from "../errors.ts";

export interface UploadClaims {
  /** The upload's id. */
  id: string;
  /** A hash of the session key the upload belongs to (the key itself never leaves the cookie). */
  session: string;
  /** Milliseconds since the epoch after which the token is refused. */
  expires: number;
}

/** What an upload stores of its session: enough to compare, useless as a cookie. */
export function sessionTag(sessionKey: string): string {
  return createHash("sha256").update(`liveview-upload:${sessionKey}`).digest("base64url");
}

export function signToken(secret: Buffer, claims: UploadClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${mac(secret, body)}`;
}

/** The claims of a token made for upload `id` by this secret and not expired; otherwise `upload_forbidden`. */
export function verifyToken(secret: Buffer, token: unknown, id: string, now = Date.now()): UploadClaims {
  if (typeof token !== "string") throw forbidden("the request carries no upload token");
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) throw forbidden("the upload token is malformed");
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw forbidden("the upload token is not one this server signed");
  const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as UploadClaims;
  if (claims.id !== id) throw forbidden("the upload token belongs to another upload");
  if (claims.expires < now) throw forbidden("the upload token has expired; choose the file again");
  return claims;
}

function mac(secret: Buffer, body: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}

export function forbidden(reason: string): LiveViewError {
  return new LiveViewError("upload_forbidden", reason);
}

/** The secret that signs tokens: made once per upload folder and kept there, so tokens outlive a restart. */
export async function uploadSecret(root: string): Promise<Buffer> {
  const file = join(root, "secret");
  try {
    await writeFile(file, randomBytes(UPLOAD_SECRET_BYTES), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFile(file);
}

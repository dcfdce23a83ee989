// The id that ties an error reply the client saw to the server's log line with the details.

import { randomBytes } from "node:crypto";
import { ERROR_ID_BYTES } from "../constants.ts";

export function newErrorId(): string {
  return randomBytes(ERROR_ID_BYTES).toString("hex");
}

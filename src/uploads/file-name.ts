// An uploaded file's original name, checked: it is shown back and kept as data, never used as a path.

import { MAX_UPLOAD_NAME_CHARS } from "../constants.ts";
import { LiveViewError } from "../errors.ts";

// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The name as given, or `upload_name` when it could name a path or hide characters from whoever reads it. */
export function checkedFileName(name: unknown): string {
  if (typeof name !== "string" || name.length === 0) throw refused("a file name is required");
  if (name.length > MAX_UPLOAD_NAME_CHARS) throw refused(`a file name may have ${MAX_UPLOAD_NAME_CHARS} characters`);
  if (/[/\\]/.test(name)) throw refused(`the file name ${JSON.stringify(name)} holds a path separator`);
  if (CONTROL.test(name)) throw refused(`the file name ${JSON.stringify(name)} holds a control character`);
  if (name === "." || name === "..") throw refused(`${name} is not a file name`);
  return name;
}

/** The extension, lower case, with its dot (`.png`), or "" for a name without one. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

function refused(reason: string): LiveViewError {
  return new LiveViewError("upload_name", `${reason}; rename the file and choose it again`);
}

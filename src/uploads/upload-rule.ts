// What one upload name accepts (`registry.upload(name, rule)`): types, how many files, how large; checked here.

import { DEFAULT_UPLOAD_MAX_BYTES, DEFAULT_UPLOAD_MAX_FILES } from "../constants.ts";
import { LiveViewError } from "../errors.ts";
import { extensionOf } from "./file-name.ts";
import { contentMatchesName, typeOfName } from "./sniff.ts";

export interface UploadOptions {
  /** `.png` (an extension), `image/png` (a type), `image/*` (a family) or `*`; by default anything. */
  accept?: string[];
  /** Files an input of this name may send at once (default 1). */
  maxFiles?: number;
  /** Largest file, in bytes (default 8 MiB). */
  maxFileSize?: number;
}

export interface UploadRule {
  accept: string[];
  maxFiles: number;
  maxFileSize: number;
}

/** The options, checked up front (as settings are), with their defaults. */
export function uploadRule(name: string, options: UploadOptions = {}): UploadRule {
  const rule = {
    accept: (options.accept ?? ["*"]).map((a) => a.toLowerCase()),
    maxFiles: options.maxFiles ?? DEFAULT_UPLOAD_MAX_FILES,
    maxFileSize: options.maxFileSize ?? DEFAULT_UPLOAD_MAX_BYTES,
  };
  for (const entry of rule.accept) {
    if (entry !== "*" && !/^\.[a-z0-9]+$/.test(entry) && !/^[a-z]+\/([a-z0-9.+-]+|\*)$/.test(entry))
      throw new LiveViewError(
        "bad_setting",
        `upload ${name}: accept entry ${entry} is not .ext, type/subtype or type/*`,
      );
  }
  for (const key of ["maxFiles", "maxFileSize"] as const) {
    if (!Number.isInteger(rule[key]) || rule[key] <= 0)
      throw new LiveViewError("bad_setting", `upload ${name}: ${key} must be a positive integer`);
  }
  return rule;
}

/** Before any byte is sent: the name's extension (or the type it claims) must be accepted, and the size allowed. */
export function checkDeclared(rule: UploadRule, fileName: string, size: unknown): number {
  if (typeof size !== "number" || !Number.isInteger(size) || size < 0)
    throw new LiveViewError("upload_too_large", `the size of ${fileName} must be a whole number of bytes`);
  if (size > rule.maxFileSize)
    throw new LiveViewError(
      "upload_too_large",
      `${fileName} is ${size} bytes; files here may have ${rule.maxFileSize} bytes at most`,
    );
  if (!accepts(rule, fileName))
    throw new LiveViewError("upload_type", `${fileName} is not a type accepted here (${rule.accept.join(", ")})`);
  return size;
}

/** Once the bytes are in: what they are must be what the name says (a forged type is refused). */
export function checkContent(fileName: string, sniffed: string): string {
  const claimed = typeOfName(fileName);
  if (!contentMatchesName(claimed, sniffed))
    throw new LiveViewError(
      "upload_type",
      `the content of ${fileName} is ${sniffed}, not what its name says (${claimed}); the file was not kept`,
    );
  return claimed === "application/octet-stream" ? sniffed : claimed;
}

function accepts(rule: UploadRule, fileName: string): boolean {
  const extension = extensionOf(fileName);
  const type = typeOfName(fileName);
  return rule.accept.some(
    (a) => a === "*" || a === extension || a === type || (a.endsWith("/*") && type.startsWith(a.slice(0, -1))),
  );
}

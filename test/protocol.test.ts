// The key-case rule, which the server applies to every incoming key and the client applies when it matches a
// field against keys the server sent back (restore_form): both use protocol.ts, so one table pins both.

import { describe, expect, it } from "vitest";
import { snakeKeys } from "../src/json.ts";
import { camelToSnake } from "../src/protocol.ts";

const CASES: [string, string][] = [
  ["dataUrl", "data_url"],
  ["formId", "form_id"],
  ["userID", "user_id"],
  ["HTMLParser", "html_parser"],
  ["liveviewFormId", "liveview_form_id"],
  ["page2Size", "page2_size"],
  ["already_snake", "already_snake"],
  ["name", "name"],
];

describe("the key-case rule", () => {
  it.each(CASES)("%s becomes %s", (camel, snake) => {
    expect(camelToSnake(camel)).toBe(snake);
  });

  it("is what the server applies to every key of a message, nested ones included", () => {
    const message = Object.fromEntries(CASES.map(([camel]) => [camel, { [camel]: [{ [camel]: 1 }] }]));
    const expected = Object.fromEntries(CASES.map(([, snake]) => [snake, { [snake]: [{ [snake]: 1 }] }]));
    expect(snakeKeys(message)).toEqual(expected);
  });
});

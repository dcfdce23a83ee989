// Random and mutated WebSocket frames for the fuzz tests, each with what the server must answer: which handler runs
// (if any), which error codes come back, and how many acks.

import fc from "fast-check";

/** The fuzzed app's handlers (see fuzz-frames.test.ts). */
export const BUMP = "bump";
export const ECHO = "echo";
/** `bump` accepts `by` in this range; anything else is invalid content. */
export const BUMP_MAX = 10;
/** Depth the server allows (LIVEVIEW_MAX_JSON_DEPTH's default): deeper frames get too_deep. */
export const MAX_DEPTH = 32;
/** Longest string sent in a valid frame: well under the 1 MiB frame limit, large enough to matter. */
const HUGE_STRING_CHARS = 200_000;
/** Deepest nesting tried in a too-deep frame. */
const DEEPEST = 5000;

export interface Outcome {
  bumps: number;
  bumpedBy: number;
  echoes: number;
  /** Error codes the frame's replies carry, in any order. */
  codes: string[];
  acks: number;
}

/** A frame to send once it has its unique id (string ids are receipts: a repeated one would be a replay). */
export type FrameMaker = (id: string) => { frame: string; outcome: Outcome };

const none: Outcome = { bumps: 0, bumpedBy: 0, echoes: 0, codes: [], acks: 0 };
const outcome = (o: Partial<Outcome>): Outcome => ({ ...none, ...o });

/** Keys the protocol reads at the top of a message (after snake_case): fuzzed extra keys must avoid them. */
const PROTOCOL_KEYS = new Set(["function", "data", "form", "form_id", "id"]);
const extraKeys = fc.dictionary(
  fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((k) => !PROTOCOL_KEYS.has(k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase()))),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);

/** Any JSON value, shallow enough to pass the depth limit inside a message. */
const shallowJson = fc.jsonValue({ maxDepth: 4 });
const unicodeText = fc.string({ unit: "grapheme", maxLength: 40 });

const validBump: fc.Arbitrary<FrameMaker> = fc
  .record({ by: fc.integer({ min: 1, max: BUMP_MAX }), extra: extraKeys })
  .map(({ by, extra }) => (id) => ({
    frame: JSON.stringify({ ...extra, function: BUMP, data: { by }, id }),
    outcome: outcome({ bumps: 1, bumpedBy: by, acks: 1 }),
  }));

const echoData = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(unicodeText, shallowJson, { maxKeys: 8 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: HUGE_STRING_CHARS })
      .map((n) => ({ huge: "x\u00e9\u{1F600}".repeat(Math.ceil(n / 4)) })),
  },
);
const validEcho: fc.Arbitrary<FrameMaker> = fc
  .record({ data: echoData, extra: extraKeys })
  .map(({ data, extra }) => (id) => ({
    frame: JSON.stringify({ ...extra, function: ECHO, data, id }),
    outcome: outcome({ echoes: 1, acks: 1 }),
  }));

/** `by` of every wrong type and out of range; or `data` that is not an object at all (read as `{}`: `by` missing). */
const wrongBy = fc.oneof(
  fc.string(),
  fc.double().filter((n) => !Number.isInteger(n)),
  fc.integer({ max: 0 }),
  fc.integer({ min: BUMP_MAX + 1 }),
  fc.constantFrom(null, true, false, [], {}, [1], { by: 1 }),
);
const badBump: fc.Arbitrary<FrameMaker> = fc
  .oneof(
    wrongBy.map((by) => ({ data: { by } as unknown })),
    fc
      .oneof(fc.string(), fc.integer(), fc.array(fc.integer()), fc.constant(null))
      .map((data) => ({ data: data as unknown })),
  )
  .map(({ data }) => (id) => ({
    frame: JSON.stringify({ function: BUMP, data, id }),
    outcome: outcome({ codes: ["invalid_content"], acks: 1 }),
  }));

/** Names no handler has, `__proto__` and friends included; sometimes without an id (then no ack). */
const unknownName = (registered: Set<string>) =>
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 200 }),
      fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "bump ", "BUMP", "echo\u0000"),
    )
    .filter((name) => !registered.has(name));
const unknownFunction = (registered: Set<string>): fc.Arbitrary<FrameMaker> =>
  fc
    .record({
      name: unknownName(registered),
      withId: fc.boolean(),
      data: fc.dictionary(fc.string(), shallowJson, { maxKeys: 3 }),
    })
    .map(({ name, withId, data }) => (id) => ({
      frame: JSON.stringify({ function: name, data, ...(withId ? { id } : {}) }),
      outcome: outcome({ codes: ["unknown_function"], acks: withId ? 1 : 0 }),
    }));

/** Not an object, or an object whose `function` is missing, empty or not a string. */
const wrongTypes: fc.Arbitrary<FrameMaker> = fc
  .oneof(
    fc
      .oneof(fc.array(shallowJson, { maxLength: 4 }), fc.string(), fc.double(), fc.boolean(), fc.constant(null))
      .map((v) => JSON.stringify(v)),
    fc
      .oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(""),
        fc.array(fc.string(), { maxLength: 2 }),
        fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
      )
      .map((fn) => JSON.stringify({ function: fn, data: {} })),
    fc.dictionary(fc.constantFrom("data", "form", "id", "room"), shallowJson).map((v) => JSON.stringify(v)),
  )
  .map((frame) => () => ({ frame, outcome: outcome({ codes: ["bad_message"] }) }));

/** Count of brackets: frames with fewer than the depth limit cannot be too deep. */
const brackets = (text: string) => [...text].filter((c) => c === "[" || c === "{").length;
const notJson = (text: string) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
};

/** A valid frame cut short, or with a control character (never valid JSON, in a string or out of one) put in. */
const CONTROL = ["\u0001", "\u0002", "\u0007", "\u0008", "\u000b", "\u001f"];
const mutated = (registered: Set<string>): fc.Arbitrary<FrameMaker> =>
  fc
    .record({
      base: fc.oneof(validBump, validEcho, unknownFunction(registered)),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      how: fc.constantFrom("truncate", "control", "prefix"),
      control: fc.constantFrom(...CONTROL),
    })
    .map(({ base, cut, how, control }) => (id) => {
      const { frame } = base(id);
      const at = Math.min(frame.length - 1, Math.max(1, Math.floor(cut * frame.length)));
      const broken =
        how === "truncate"
          ? frame.slice(0, at)
          : how === "control"
            ? frame.slice(0, at) + control + frame.slice(at)
            : "x" + frame;
      return { frame: broken, outcome: outcome({ codes: ["bad_frame"] }) };
    });

/** Random text that is not JSON at all. */
const garbage: fc.Arbitrary<FrameMaker> = fc
  .string({ unit: "binary", minLength: 1, maxLength: 300 })
  .filter((text) => notJson(text) && brackets(text) <= MAX_DEPTH)
  .map((frame) => () => ({ frame, outcome: outcome({ codes: ["bad_frame"] }) }));

/** Nested deeper than allowed: in a valid message's data, or brackets that never close. */
const tooDeep: fc.Arbitrary<FrameMaker> = fc
  .record({
    depth: fc.integer({ min: MAX_DEPTH + 1, max: DEEPEST }),
    open: fc.boolean(),
    kind: fc.constantFrom("[", '{"a":'),
  })
  .map(({ depth, open, kind }) => (id) => {
    const close = kind === "[" ? "]" : "}";
    const deep = kind.repeat(depth) + (kind === "[" ? "" : "1") + (open ? "" : close.repeat(depth));
    const frame = open ? deep : `{"function":"${ECHO}","data":{"x":${deep}},"id":"${id}"}`;
    return { frame, outcome: outcome({ codes: ["too_deep"] }) };
  });

/** Every kind of frame, valid ones about a third of the time. */
export function frames(registered: Set<string>): fc.Arbitrary<FrameMaker> {
  return fc.oneof(
    { weight: 3, arbitrary: validBump },
    { weight: 2, arbitrary: validEcho },
    { weight: 2, arbitrary: badBump },
    { weight: 2, arbitrary: unknownFunction(registered) },
    { weight: 2, arbitrary: wrongTypes },
    { weight: 2, arbitrary: mutated(registered) },
    { weight: 1, arbitrary: garbage },
    { weight: 1, arbitrary: tooDeep },
  );
}

// Variables and filter expressions: `user.name|default:"x"|upper`, resolved as Django resolves them.

import { Context, hasKey, isMissing, MISSING, type Resolved } from "./context.ts";
import { TemplateSyntaxError, suggestion } from "./errors.ts";
import type { FilterDef } from "./library.ts";
import { isPlainObject, pyStr } from "./python.ts";
import { isSafe, markSafe, SafeString } from "./safe.ts";
import { gettext, pgettext } from "../i18n/catalogs.ts";

const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A dict's methods a template may call on a plain object or Map, as on a Python dict. */
const DICT_METHODS: Record<string, (d: Map<unknown, unknown>) => unknown[]> = {
  items: (d) => [...d.entries()],
  keys: (d) => [...d.keys()],
  values: (d) => [...d.values()],
};

export class Variable {
  private literal: unknown = MISSING;
  private lookups: string[] = [];
  private translate = false;
  messageContext: string | null = null;

  constructor(readonly source: string) {
    let text = source;
    if (text.startsWith("_(") && text.endsWith(")")) {
      this.translate = true;
      text = text.slice(2, -1);
    }
    if (NUMBER_RE.test(text)) {
      this.literal = Number(text);
    } else if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.at(-1) === text[0]) {
      this.literal = markSafe(unescapeLiteral(text));
    } else {
      if (text.split(".").some((bit) => bit.startsWith("_")) || text === "") {
        throw new TemplateSyntaxError(`Variables and attributes may not begin with underscores: '${text}'`);
      }
      this.lookups = text.split(".");
    }
  }

  isLiteral(): boolean {
    return this.literal !== MISSING;
  }

  /** Marks a string literal for translation (Django does this to the argument of {% trans %}). */
  markTranslated(): void {
    this.translate = true;
  }

  resolve(context: Context): Resolved {
    let value: Resolved;
    if (this.literal !== MISSING) {
      value = this.literal;
    } else {
      value = context.get(this.lookups[0]!);
      if (value !== MISSING) value = callIfCallable(value, undefined);
      for (let i = 1; i < this.lookups.length && value !== MISSING; i++) value = lookup(value, this.lookups[i]!);
    }
    if (this.translate && value !== MISSING) {
      // Django doubles % for the lookup: msgids are python-format strings.
      const msgid = pyStr(value).replaceAll("%", "%%");
      const text =
        this.messageContext !== null
          ? pgettext(context.language, this.messageContext, msgid)
          : gettext(context.language, msgid);
      return isSafe(value) ? markSafe(text) : text;
    }
    return value;
  }
}

function unescapeLiteral(text: string): string {
  const quote = text[0]!;
  return text.slice(1, -1).replaceAll(`\\${quote}`, quote).replaceAll("\\\\", "\\");
}

/** One step of a lookup: dict key, then attribute, then list index, as Django tries them. */
function lookup(current: unknown, bit: string): Resolved {
  if (current === null || current === undefined) return MISSING;
  let next: Resolved = MISSING;
  if (current instanceof Map) {
    if (current.has(bit)) next = current.get(bit);
    else if (Object.hasOwn(DICT_METHODS, bit)) next = DICT_METHODS[bit]!(current);
  } else if (typeof current === "string" || current instanceof SafeString) {
    const s = String(current);
    if (/^\d+$/.test(bit) && Number(bit) < s.length) next = s[Number(bit)];
  } else if (typeof current === "object" || typeof current === "function") {
    if (hasKey(current, bit)) next = (current as Record<string, unknown>)[bit];
    else if (isPlainObject(current) && Object.hasOwn(DICT_METHODS, bit))
      next = DICT_METHODS[bit]!(new Map(Object.entries(current)));
    if (next === undefined && !Object.hasOwn(current, bit)) next = MISSING;
  }
  return next === MISSING ? MISSING : callIfCallable(next, current);
}

/**
 * Callables are called with no arguments, unless marked `doNotCallInTemplates`; one marked `altersData` (a method
 * that changes something, such as `delete`) is never called and gives "" (both flags as Django names them).
 */
function callIfCallable(value: unknown, self: unknown): unknown {
  if (typeof value !== "function" || (value as { doNotCallInTemplates?: boolean }).doNotCallInTemplates) return value;
  if ((value as { altersData?: boolean }).altersData) return "";
  if (/^class\b/.test(Function.prototype.toString.call(value))) return value;
  return (value as (this: unknown) => unknown).call(self);
}

/** Django's filter expression grammar: a constant or variable, then `|name` or `|name:arg` filters. */
const STR_DQ = String.raw`"[^"\\]*(?:\\.[^"\\]*)*"`;
const STR_SQ = String.raw`'[^'\\]*(?:\\.[^'\\]*)*'`;
const CONSTANT = String.raw`(?:_\(${STR_DQ}\)|_\(${STR_SQ}\)|${STR_DQ}|${STR_SQ})`;
const NUM = String.raw`[-+.]?\d[\d.e]*`;
const VAR = String.raw`[\w.]+`;
const FILTER_SOURCE = String.raw`^(${CONSTANT})|^(${VAR}|${NUM})|(?:\s*\|\s*(\w+)(?::(?:(${CONSTANT})|(${VAR}|${NUM})))?)`;

interface AppliedFilter {
  name: string;
  def: FilterDef;
  arg: Variable | null;
}

export class FilterExpression {
  readonly variable: Variable;
  readonly filters: AppliedFilter[] = [];

  constructor(
    readonly source: string,
    filters: ReadonlyMap<string, FilterDef>,
  ) {
    let variable: Variable | null = null;
    let upto = 0;
    const re = new RegExp(FILTER_SOURCE, "g");
    for (let m = re.exec(source); m; m = re.exec(source)) {
      if (m.index !== upto) {
        throw new TemplateSyntaxError(
          `Could not parse some characters: ${source.slice(0, upto)}|${source.slice(upto, m.index)}|${source.slice(m.index)}`,
        );
      }
      if (variable === null) {
        if (m[1] === undefined && m[2] === undefined)
          throw new TemplateSyntaxError(`Could not find variable at start of ${source}.`);
        variable = new Variable(m[1] ?? m[2]!);
      } else {
        const name = m[3]!;
        const def = filters.get(name);
        if (!def) throw new TemplateSyntaxError(`Invalid filter: '${name}'${suggestion(name, filters.keys())}`);
        const argSource = m[4] ?? m[5];
        const arg = argSource === undefined ? null : new Variable(argSource);
        if (def.arg === "required" && !arg) {
          // Other languages write `default: 'x'`; Django allows no space after the colon.
          const spaced = /^\s*:/.test(source.slice(re.lastIndex))
            ? ` (write ${name}:argument, with no space after the colon)`
            : "";
          throw new TemplateSyntaxError(`${name} requires 2 arguments, 1 provided${spaced}`);
        }
        if (def.arg === "none" && arg) throw new TemplateSyntaxError(`${name} requires 1 arguments, 2 provided`);
        this.filters.push({ name, def, arg });
      }
      upto = re.lastIndex;
    }
    if (upto !== source.length)
      throw new TemplateSyntaxError(`Could not parse the remainder: '${source.slice(upto)}' from '${source}'`);
    if (!variable) throw new TemplateSyntaxError(`Empty variable tag`);
    this.variable = variable;
  }

  /**
   * The value after its filters. A name not found becomes "" before the filters run (or, with `ignoreFailures`,
   * as in {% if %}, None), as in Django.
   */
  resolve(context: Context, ignoreFailures = false): unknown {
    let value = this.variable.resolve(context);
    if (isMissing(value)) value = ignoreFailures ? null : "";
    for (const { def, arg } of this.filters) {
      let argValue: unknown;
      if (arg) {
        argValue = arg.resolve(context);
        if (isMissing(argValue)) argValue = "";
      }
      const input = def.stringFilter ? (isSafe(value) ? value : pyStr(value)) : value;
      const text = def.stringFilter && isSafe(input) ? input.value : input;
      const result = def.fn(text, argValue, { autoescape: context.autoescape, context, inputSafe: isSafe(value) });
      value = def.isSafe && isSafe(value) && !isSafe(result) && typeof result === "string" ? markSafe(result) : result;
    }
    return value;
  }
}

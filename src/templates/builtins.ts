// The built-in library: every tag and filter available without {% load %}, and the named libraries to load.

import { htmlFilters } from "./filters/html.ts";
import { listFilters } from "./filters/lists.ts";
import { numberFilters } from "./filters/numbers.ts";
import { textFilters } from "./filters/text.ts";
import { timeSinceFilters } from "./filters/time-since.ts";
import { truncateHtmlFilters } from "./filters/truncate-html.ts";
import { Library } from "./library.ts";
import {
  compileCycle,
  compileFirstOf,
  compileIfChanged,
  compileRegroup,
  compileResetCycle,
  compileWith,
} from "./tags/control.ts";
import { compileFor } from "./tags/for.ts";
import {
  compileBlockTrans,
  compileGetAvailableLanguages,
  compileGetCurrentLanguage,
  compileLanguage,
  compileTrans,
} from "./tags/i18n.ts";
import { compileIf } from "./tags/if.ts";
import { compileBlock, compileExtends, compileInclude } from "./tags/inheritance.ts";
import {
  compileCsrfToken,
  compileLiveviewRoom,
  compileLiveviewScripts,
  compileStatic,
  compileStaticPrefix,
  compileUrl,
} from "./tags/liveview.ts";
import {
  compileAutoescape,
  compileComment,
  compileFilterTag,
  compileLoad,
  compileNow,
  compileSpaceless,
  compileTemplateTag,
  compileVerbatim,
  compileWidthRatio,
} from "./tags/output.ts";

export function builtinLibrary(): Library {
  const lib = new Library()
    .tag("if", compileIf)
    .tag("for", compileFor)
    .tag("with", compileWith)
    .tag("firstof", compileFirstOf)
    .tag("cycle", compileCycle)
    .tag("resetcycle", compileResetCycle)
    .tag("ifchanged", compileIfChanged)
    .tag("regroup", compileRegroup)
    .tag("extends", compileExtends)
    .tag("block", compileBlock)
    .tag("include", compileInclude)
    .tag("load", compileLoad)
    .tag("autoescape", compileAutoescape)
    .tag("filter", compileFilterTag)
    .tag("spaceless", compileSpaceless)
    .tag("verbatim", compileVerbatim)
    .tag("comment", compileComment)
    .tag("templatetag", compileTemplateTag)
    .tag("now", compileNow)
    .tag("widthratio", compileWidthRatio)
    .tag("url", compileUrl)
    .tag("csrf_token", compileCsrfToken);
  textFilters(lib);
  htmlFilters(lib);
  listFilters(lib);
  numberFilters(lib);
  timeSinceFilters(lib);
  truncateHtmlFilters(lib);
  return lib;
}

/** Django's `static` library; its tags are built in here too, so `{% load static %}` is optional. */
export const staticLibrary = () =>
  new Library().tag("static", compileStatic).tag("get_static_prefix", compileStaticPrefix);

export const i18nLibrary = () =>
  new Library()
    .tag("trans", compileTrans)
    .tag("translate", compileTrans)
    .tag("blocktrans", compileBlockTrans)
    .tag("blocktranslate", compileBlockTrans)
    .tag("get_current_language", compileGetCurrentLanguage)
    .tag("get_available_languages", compileGetAvailableLanguages)
    .tag("language", compileLanguage);

export const liveviewLibrary = () =>
  new Library().tag("liveview_room", compileLiveviewRoom).tag("liveview_scripts", compileLiveviewScripts);

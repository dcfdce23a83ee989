// The cases the differential test renders with Django and with us: every built-in tag and filter we support,
// escaping, whitespace, errors, i18n and the demo's templates. Contexts are JSON, with {"$date"} and {"$safe"}.

export interface Case {
  name: string;
  template: string;
  context?: Record<string, unknown>;
  /** Templates the case can extend or include, by name. */
  files?: Record<string, string>;
  lang?: string;
}

const D = (iso: string) => ({ $date: iso });
const people = [
  { name: "Ann", city: "Paris", age: 31 },
  { name: "Bob", city: "Paris", age: 25 },
  { name: "Cy", city: "Rome", age: 40 },
];
const XSS = `<script>alert("x")</script> & 'q'`;

const c = (name: string, template: string, context: Record<string, unknown> = {}, more: Partial<Case> = {}): Case => ({
  name,
  template,
  context,
  ...more,
});

export const CASES: Case[] = [
  // Variables and lookups
  c("plain variable", "{{ a }}", { a: "hello" }),
  c("missing variable is empty", "[{{ nope }}][{{ nope.deeper }}]"),
  c("dict key", "{{ d.k }}", { d: { k: "v" } }),
  c("nested lookup", "{{ a.b.c }}", { a: { b: { c: 42 } } }),
  c("list index", "{{ l.1 }}|{{ l.5 }}", { l: ["x", "y"] }),
  c("string index", "{{ s.0 }}", { s: "abc" }),
  c("None True False", "{{ n }} {{ t }} {{ f }} {{ None }} {{ True }}", { n: null, t: true, f: false }),
  c("integer and negative", "{{ i }} {{ j }} {{ 5 }}", { i: 7, j: -3 }),
  c("float", "{{ x }}", { x: 2.5 }),
  c("string literal is safe", `{{ "<b>lit</b>" }}`),
  c("dict.items unpacked", "{% for k, v in d.items %}{{ k }}={{ v }};{% endfor %}", { d: { a: 1, b: 2 } }),
  c("dict.keys and values", "{% for k in d.keys %}{{ k }}{% endfor %}-{% for v in d.values %}{{ v }}{% endfor %}", {
    d: { a: 1, b: 2 },
  }),
  c("for over dict gives keys", "{% for k in d %}{{ k }}{% endfor %}", { d: { x: 1, y: 2 } }),
  c("list rendered as python list", "{{ l }}", { l: ["a", "b"] }),

  // Escaping
  c("autoescape text", "<p>{{ v }}</p>", { v: XSS }),
  c("autoescape attribute", `<a title="{{ v }}" data-x='{{ v }}'>`, { v: XSS }),
  c("safe filter", "{{ v|safe }}", { v: "<b>bold</b>" }),
  c("safe value from context", "{{ v }}", { v: { $safe: "<i>trusted</i>" } }),
  c("escape once", "{{ v|escape }}|{{ v|escape|escape }}", { v: "<&>" }),
  c("escape of safe does nothing", "{{ v|safe|escape }}", { v: "<i>" }),
  c("force_escape twice", "{{ v|force_escape|force_escape }}", { v: "<" }),
  c("autoescape off", "{% autoescape off %}{{ v }}{% endautoescape %}{{ v }}", { v: "<i>" }),
  c("autoescape off keeps escape filter", "{% autoescape off %}{{ v|escape }}{% endautoescape %}", { v: "<i>" }),
  c("safe then upper escapes again", "{{ v|safe|upper }}", { v: "<b>" }),
  c("safe then lower stays safe", "{{ v|safe|lower }}", { v: "<B>" }),
  c("escapejs", "{{ v|escapejs }}", { v: `a'b"c<d>\n=-;` }),
  c("safeseq and join", "{{ l|safeseq|join:', ' }}|{{ l|join:' & ' }}", { l: ["<a>", "<b>"] }),
  c("json_script", `{{ v|json_script:"data" }}`, { v: { a: "</script>", n: [1, 2], u: "é" } }),

  // if
  c("empty list is false", "{% if l %}yes{% else %}no{% endif %}", { l: [] }),
  c("empty dict is false", "{% if d %}yes{% else %}no{% endif %}", { d: {} }),
  c("zero, empty string and None are false", "{% if z %}1{% endif %}{% if s %}2{% endif %}{% if n %}3{% endif %}.", {
    z: 0,
    s: "",
    n: null,
  }),
  c("elif chain", "{% if a == 1 %}one{% elif a == 2 %}two{% else %}many{% endif %}", { a: 2 }),
  c("and or not precedence", "{% if a and not b or c %}T{% else %}F{% endif %}", { a: true, b: true, c: false }),
  c(
    "comparisons",
    "{% if a > 1 %}g{% endif %}{% if a <= 3 %}l{% endif %}{% if a != 2 %}n{% endif %}{% if s == 'x' %}s{% endif %}",
    { a: 3, s: "x" },
  ),
  c(
    "in and not in",
    "{% if 'b' in l %}1{% endif %}{% if 'z' not in l %}2{% endif %}{% if 'el' in s %}3{% endif %}{% if 'k' in d %}4{% endif %}",
    { l: ["a", "b"], s: "hello", d: { k: 1 } },
  ),
  c("is and is not", "{% if n is None %}1{% endif %}{% if t is not None %}2{% endif %}{% if t is True %}3{% endif %}", {
    n: null,
    t: true,
  }),
  c("comparing None to a number is false", "{% if n > 1 %}yes{% else %}no{% endif %}", { n: null }),
  c("if with filter", "{% if l|length > 2 %}long{% else %}short{% endif %}", { l: [1, 2, 3] }),
  c("missing variable in if is None", "{% if missing is None %}none{% endif %}{% if not missing %}!{% endif %}"),
  c(
    "form errors box",
    `{% if form.errors %}<div class="errors">{% for e in form.errors %}{{ e }}{% endfor %}</div>{% endif %}ok`,
    { form: { errors: [] } },
  ),

  // for
  c(
    "forloop counters",
    "{% for x in l %}{{ forloop.counter }}{{ forloop.counter0 }}{{ forloop.revcounter }}{{ forloop.revcounter0 }}{% if forloop.first %}F{% endif %}{% if forloop.last %}L{% endif %} {% endfor %}",
    { l: ["a", "b", "c"] },
  ),
  c(
    "parentloop",
    "{% for r in rows %}{% for x in r %}{{ forloop.parentloop.counter }}.{{ forloop.counter }} {% endfor %}{% endfor %}",
    { rows: [[1, 2], [3]] },
  ),
  c("for empty", "{% for x in l %}{{ x }}{% empty %}nothing{% endfor %}", { l: [] }),
  c("for reversed", "{% for x in l reversed %}{{ x }}{% endfor %}", { l: [1, 2, 3] }),
  c("for unpacking pairs", "{% for a, b in pairs %}{{ a }}-{{ b }} {% endfor %}", {
    pairs: [
      [1, "x"],
      [2, "y"],
    ],
  }),
  c("for over missing", "{% for x in missing %}{{ x }}{% empty %}none{% endfor %}"),
  c("for over string", "{% for ch in s %}[{{ ch }}]{% endfor %}", { s: "ab" }),
  c("loop variable restored", "{% for x in l %}{% endfor %}{{ x }}", { l: [1], x: "outer" }),

  // with, firstof, cycle, ifchanged, regroup, widthratio, templatetag, spaceless, verbatim, comment, filter, now
  c("with", "{% with total=l|length name='x' %}{{ total }}{{ name }}{% endwith %}[{{ total }}]", { l: [1, 2] }),
  c("with legacy as", "{% with l|length as n %}{{ n }}{% endwith %}", { l: [1, 2, 3] }),
  c("firstof", "{% firstof a b 'fallback' %}|{% firstof a b %}|{% firstof c %}", { a: "", b: 0, c: "<x>" }),
  c("firstof as", "{% firstof a 'z' as v %}[{{ v }}]", { a: null }),
  c("cycle in loop", "{% for x in l %}{% cycle 'odd' 'even' %} {% endfor %}", { l: [1, 2, 3] }),
  c("cycle with variables, escaped", "{% for x in l %}{% cycle a b %}{% endfor %}", { l: [1, 2], a: "<a>", b: "b" }),
  c("named cycle silent", "{% for x in l %}{% cycle 'r1' 'r2' as row silent %}{{ row }} {% endfor %}", {
    l: [1, 2, 3],
  }),
  c("resetcycle", "{% for r in rows %}{% for x in r %}{% cycle 'a' 'b' %}{% endfor %}{% resetcycle %}|{% endfor %}", {
    rows: [
      [1, 2, 3],
      [1, 2],
    ],
  }),
  c(
    "ifchanged body",
    "{% for p in people %}{% ifchanged %}<h2>{{ p.city }}</h2>{% endifchanged %}{{ p.name }} {% endfor %}",
    { people },
  ),
  c(
    "ifchanged value with else",
    "{% for p in people %}{% ifchanged p.city %}new{% else %}same{% endifchanged %} {% endfor %}",
    { people },
  ),
  c(
    "regroup",
    "{% regroup people by city as cities %}{% for g in cities %}{{ g.grouper }}:{% for p in g.list %}{{ p.name }},{% endfor %};{% endfor %}",
    { people },
  ),
  c(
    "regroup unpacked",
    "{% regroup people by city as cities %}{% for city, members in cities %}{{ city }}={{ members|length }} {% endfor %}",
    { people },
  ),
  c(
    "widthratio",
    "{% widthratio 175 200 100 %} {% widthratio v m 50 %} {% widthratio 1 0 10 %} {% widthratio 5 10 100 as w %}[{{ w }}]",
    { v: 3, m: 4 },
  ),
  c("widthratio rounds half to even", "{% widthratio 1 8 4 %} {% widthratio 3 8 4 %}"),
  c(
    "templatetag",
    "{% templatetag openblock %} {% templatetag closeblock %} {% templatetag openvariable %} {% templatetag closevariable %} {% templatetag openbrace %}{% templatetag closebrace %} {% templatetag opencomment %} {% templatetag closecomment %}",
  ),
  c("spaceless", "{% spaceless %}\n<p>\n  <a href='#'>x  y</a>\n</p>\n{% endspaceless %}"),
  c("verbatim", "{% verbatim %}{{ raw }} {% if %}{% endverbatim %}"),
  c("named verbatim", "{% verbatim v1 %}{% endverbatim %}{% endverbatim v1 %}"),
  c("comments", 'a{# one #}b{% comment %}two {{ x }}{% endcomment %}c{% comment "note" %}3{% endcomment %}'),
  c("filter tag", "{% filter upper|cut:' ' %}a b {{ v }}{% endfilter %}", { v: "<c>" }),
  c("now year", '{% now "Y" as year %}{% if year|length == 4 %}ok{% endif %}'),

  // Inheritance and include
  c(
    "extends with block.super over three levels",
    '{% extends "mid.html" %}{% block title %}Child {{ block.super }}{% endblock %}ignored',
    {},
    {
      files: {
        "root.html":
          "<title>{% block title %}Root{% endblock %}</title><main>{% block main %}root main{% endblock %}</main>",
        "mid.html":
          '{% extends "root.html" %}{% block title %}Mid {{ block.super }}{% endblock %}{% block main %}mid main{% endblock %}',
      },
    },
  ),
  c(
    "extends from a variable",
    "{% extends base %}{% block b %}child{% endblock %}",
    { base: "base.html" },
    { files: { "base.html": "[{% block b %}base{% endblock %}]" } },
  ),
  c(
    "block nested in block",
    '{% extends "b.html" %}{% block inner %}IN{% endblock %}',
    {},
    {
      files: { "b.html": "{% block outer %}<{% block inner %}in{% endblock %}>{% endblock %}" },
    },
  ),
  c("include", '{% include "part.html" %}', { name: "N" }, { files: { "part.html": "Hi {{ name }}" } }),
  c(
    "include with",
    '{% include "part.html" with name="Z" %}|{{ name }}',
    { name: "N" },
    { files: { "part.html": "Hi {{ name }}" } },
  ),
  c(
    "include only",
    '{% include "part.html" with greeting="Yo" only %}',
    { name: "N" },
    { files: { "part.html": "{{ greeting }} {{ name }}." } },
  ),
  c("include from a variable", "{% include which %}", { which: "part.html" }, { files: { "part.html": "P" } }),
  c(
    "include in a loop sees the loop",
    '{% for x in l %}{% include "part.html" %}{% endfor %}',
    { l: [1, 2] },
    { files: { "part.html": "{{ forloop.counter }}:{{ x }} " } },
  ),
  c(
    "cycle in include restarts",
    '{% include "c.html" %}{% include "c.html" %}',
    {},
    { files: { "c.html": "{% cycle 'a' 'b' %}" } },
  ),

  // String filters
  c("upper lower title capfirst", "{{ s|upper }}|{{ s|lower }}|{{ s|title }}|{{ s|capfirst }}", {
    s: "hELLO wOrld it's 1st",
  }),
  c(
    "default and default_if_none",
    "{{ a|default:'x' }}|{{ b|default:'x' }}|{{ n|default_if_none:'none' }}|{{ b|default_if_none:'none' }}",
    { a: "", b: 0, n: null },
  ),
  c("length", "{{ l|length }} {{ s|length }} {{ d|length }} {{ missing|length }}", {
    l: [1, 2],
    s: "abc",
    d: { a: 1 },
  }),
  c("length_is", "{{ l|length_is:2 }} {{ l|length_is:'3' }}", { l: [1, 2] }),
  c(
    "pluralize",
    "{{ 0|pluralize }} {{ 1|pluralize }} {{ 2|pluralize }} {{ 1|pluralize:'y,ies' }} {{ 3|pluralize:'y,ies' }} {{ l|pluralize }} {{ 2|pluralize:'es' }}",
    { l: [1] },
  ),
  c("pluralize of a non-number", "[{{ 'x'|pluralize }}]"),
  c("yesno", "{{ t|yesno }} {{ f|yesno }} {{ n|yesno }} {{ n|yesno:'y,n' }} {{ t|yesno:'on,off,unknown' }}", {
    t: true,
    f: false,
    n: null,
  }),
  c("truncatechars", "{{ s|truncatechars:7 }}|{{ s|truncatechars:100 }}|{{ s|truncatechars:1 }}", {
    s: "Joel is a slug",
  }),
  c("truncatewords", "{{ s|truncatewords:2 }}|{{ s|truncatewords:10 }}", { s: "Joel is a slug" }),
  c("truncatechars_html", "{{ h|truncatechars_html:9 }}|{{ h|truncatechars_html:100 }}|{{ i|truncatechars_html:4 }}", {
    h: "<p>Joel is <b>a slug</b></p>",
    i: "<p>ab<br>cd<img src='x'/>ef</p>",
  }),
  c(
    "truncatewords_html",
    "{{ h|truncatewords_html:2 }}|{{ h|truncatewords_html:0 }}|{{ h|truncatewords_html:9 }}|{{ u|truncatewords_html:3 }}",
    { h: "<p>Joel is <b>a slug</b></p>", u: "<ul><li>one two<li>three four</ul>" },
  ),
  c("wordcount", "{{ s|wordcount }}", { s: "one two  three\nfour" }),
  c("slugify", "{{ s|slugify }}", { s: " Joel is a slug! Ça va? " }),
  c("cut", "{{ s|cut:' ' }}", { s: "a b c" }),
  c("addslashes", "{{ s|addslashes }}", { s: `I'm "here"` }),
  c("center ljust rjust", "[{{ s|center:9 }}][{{ s|ljust:6 }}][{{ s|rjust:6 }}][{{ 'ab'|center:5 }}]", { s: "abc" }),
  c("linebreaksbr", "{{ s|linebreaksbr }}", { s: "a\n<b>\r\nc" }),
  c("linebreaks", "{{ s|linebreaks }}", { s: "para one\nline two\n\npara <two>" }),
  c("linenumbers", "{{ s|linenumbers }}", { s: "a\nb\n<c>" }),
  c("striptags", "{{ s|striptags }}", { s: "<p>Hello <b>world</b>!</p>" }),
  c("urlencode", "{{ s|urlencode }}|{{ s|urlencode:'' }}", { s: "a b/c?d=é&x" }),
  c("iriencode", "{{ s|iriencode }}", { s: "/a b?x=1&y=é" }),
  c("make_list", "{{ s|make_list }}", { s: "ab" }),
  c(
    "stringformat",
    "{{ n|stringformat:'03d' }} {{ f|stringformat:'.2f' }} {{ s|stringformat:'s' }} {{ n|stringformat:'x' }}",
    { n: 42, f: 3.14159, s: "x" },
  ),
  c("wordwrap", "{{ s|wordwrap:10 }}|{{ long|wordwrap:4 }}", {
    s: "Joel is a slug and\nthis line is long enough",
    long: "abcdefgh ij",
  }),
  c("phone2numeric", "{{ s|phone2numeric }}", { s: "0800-FLOWERS" }),
  c(
    "timesince and timeuntil",
    "{{ a|timesince:b }}|{{ b|timeuntil:a }}|{{ b|timesince:a }}|{{ a|timesince:c }}|{{ a|timesince:d }}",
    {
      a: D("2023-01-15T10:00:00"),
      b: D("2024-04-20T12:30:00"),
      c: D("2023-01-15T10:00:59"),
      d: D("2023-01-29T13:05:00"),
    },
  ),
  c("unordered_list", "{{ l|unordered_list }}", { l: ["States", ["Kansas", ["Lawrence", "Topeka"], "Illinois"]] }),

  // List and number filters
  c("first last", "{{ l|first }} {{ l|last }} [{{ e|first }}]", { l: ["a", "b", "c"], e: [] }),
  c("join", "{{ l|join:', ' }}", { l: ["a", "<b>"] }),
  c("slice", "{{ l|slice:':2' }} {{ l|slice:'1:' }} {{ l|slice:'-1:' }} {{ s|slice:'1:3' }} {{ l|slice:'::2' }}", {
    l: [1, 2, 3, 4],
    s: "hello",
  }),
  c(
    "dictsort",
    "{% for p in people|dictsort:'age' %}{{ p.name }}{% endfor %} {% for p in people|dictsortreversed:'name' %}{{ p.name }}{% endfor %}",
    { people },
  ),
  c("add", "{{ 4|add:'2' }} {{ s|add:'x' }} {{ l|add:m }} {{ 'a'|add:1 }}[{{ n|add:1 }}]", {
    s: "ab",
    l: [1],
    m: [2],
    n: null,
  }),
  c("divisibleby", "{{ 21|divisibleby:3 }} {{ 20|divisibleby:3 }}"),
  c(
    "floatformat",
    "{{ 34.23234|floatformat }} {{ 34.0|floatformat }} {{ 34.26|floatformat }} {{ 34.23234|floatformat:3 }} {{ 34|floatformat:3 }} {{ 34.23234|floatformat:'-3' }} {{ 34|floatformat:'-3' }} {{ 2.5|floatformat:0 }} {{ -0.001|floatformat:2 }}",
  ),
  c("floatformat grouping", "{{ 34232.34|floatformat:'2g' }}"),
  c(
    "filesizeformat",
    "{{ 1|filesizeformat }} {{ 500|filesizeformat }} {{ 2048|filesizeformat }} {{ 123456789|filesizeformat }}",
  ),
  c("get_digit", "{{ 123456|get_digit:2 }} {{ 12|get_digit:5 }} {{ 'x'|get_digit:1 }}"),

  // Dates
  c(
    "date formats",
    `{{ d|date:"Y-m-d H:i:s" }}|{{ d|date:"D, j M Y" }}|{{ d|date:"l jS F y" }}|{{ d|date:"N n/t z W o L" }}`,
    { d: D("2024-02-29T15:04:05") },
  ),
  c("date 12-hour", `{{ d|date:"g:i a A h G f P" }}|{{ m|date:"P" }}|{{ noon|date:"P f" }}`, {
    d: D("2024-03-05T09:30:00"),
    m: D("2024-03-05T00:00:00"),
    noon: D("2024-03-05T12:00:00"),
  }),
  c("date escapes and default", `{{ d|date:"\\Y\\e\\s: Y" }}|{{ d|date }}|{{ d|date:"SHORT_DATE_FORMAT" }}`, {
    d: D("2023-12-01T08:05:00"),
  }),
  c("date rendered as is", "{{ d }}", { d: D("2023-12-01T08:05:00") }),
  c("time filter", `{{ d|time }}|{{ d|time:"H:i" }}`, { d: D("2023-12-01T14:45:00") }),
  c("date ordinals", `{{ a|date:"jS" }} {{ b|date:"jS" }} {{ c|date:"jS" }} {{ e|date:"jS" }}`, {
    a: D("2024-01-01T00:00:00"),
    b: D("2024-01-02T00:00:00"),
    c: D("2024-01-11T00:00:00"),
    e: D("2024-01-23T00:00:00"),
  }),
  c("date of empty", "[{{ missing|date:'Y' }}][{{ s|date:'Y' }}]", { s: "" }),

  // Whitespace
  c("whitespace kept around tags", "  {% if t %}\n  yes\n{% endif %}  \n", { t: true }),
  c("tags are one line only", "{{ a\n}} {% if\nx %}", { a: 1 }),
  c("lone braces", "{ a } {{ b }} %} {%x", { b: 1 }),

  // Custom tags and filters, loaded by name
  c(
    "custom filter and simple tag",
    '{% load custom %}{{ "hi"|shout }} {% greet "Ann" %} {% greet who punctuation="!" %}',
    { who: "<Bob>" },
  ),

  // url and static
  c(
    "url by name",
    "{% url 'home' %} {% url 'message' 7 %} {% url 'message' id=8 %} {% url 'message' 9 as link %}[{{ link }}]",
  ),
  c("static", "{% load static %}{% static 'css/site.css' %} {% static path %} {% get_static_prefix %}", {
    path: "a b.png",
  }),
  c("csrf_token", "{% csrf_token %}", { csrf_token: "abc<" }),
  c("csrf_token without a token", "[{% csrf_token %}]"),
  c("liveview tags", "{% liveview_room %}|{% liveview_scripts %}", { room: "r<1>", csrf_token: "t0k" }),

  // i18n
  c("trans english", '{% load i18n %}{% trans "Hello" %} {% translate "Hello" %}'),
  c(
    "trans french",
    '{% load i18n %}{% trans "Hello" %} {% translate "Hello" %} {% trans "Not in catalog" %}',
    {},
    { lang: "fr" },
  ),
  c(
    "trans noop and as",
    '{% trans "Hello" noop %} {% trans "Hello" as greeting %}[{{ greeting }}]',
    {},
    { lang: "fr" },
  ),
  c("trans with context", '{% trans "May" context "month" %} {% trans "May" context "verb" %}', {}, { lang: "fr" }),
  c("trans variable", "{% trans word %}", { word: "Hello" }, { lang: "fr" }),
  c("trans percent", '{% trans "100% sure" %}', {}, { lang: "fr" }),
  c("underscore literal", '{{ _("Hello") }} {% firstof _("Hello") %}', {}, { lang: "fr" }),
  c(
    "blocktranslate with",
    "{% blocktranslate with name=user.name %}Welcome, {{ name }}!{% endblocktranslate %}",
    { user: { name: "<Ann>" } },
    { lang: "fr" },
  ),
  c(
    "blocktranslate count",
    "{% for n in counts %}{% blocktranslate count counter=n %}{{ counter }} message{% plural %}{{ counter }} messages{% endblocktranslate %}; {% endfor %}",
    { counts: [0, 1, 2] },
    { lang: "fr" },
  ),
  c(
    "blocktranslate count english",
    "{% for n in counts %}{% blocktranslate count counter=n %}{{ counter }} message{% plural %}{{ counter }} messages{% endblocktranslate %}; {% endfor %}",
    { counts: [0, 1, 2] },
  ),
  c(
    "blocktranslate count of a list length",
    "{% blocktrans count n=l|length %}one item{% plural %}{{ n }} items{% endblocktrans %}",
    { l: [1, 2, 3] },
  ),
  c(
    "blocktranslate trimmed",
    "{% blocktranslate trimmed %}\n  Welcome,\n  {{ who }}!\n{% endblocktranslate %}",
    { who: "Z" },
    { lang: "fr" },
  ),
  c(
    "blocktranslate asvar",
    "{% blocktranslate asvar msg %}Hello{% endblocktranslate %}[{{ msg }}]",
    {},
    { lang: "fr" },
  ),
  c("blocktranslate percent", "{% blocktranslate %}50% off{% endblocktranslate %}"),
  c("blocktranslate context", '{% blocktranslate context "month" %}May{% endblocktranslate %}', {}, { lang: "fr" }),
  c("get_current_language", "{% get_current_language as LANG %}{{ LANG }}", {}, { lang: "fr" }),
  c("language block", '{% language "fr" %}{% trans "Hello" %}{% endlanguage %} {% trans "Hello" %}'),
  c("trans of markup is not escaped", '{% trans "<b>Hello</b>" %}'),

  // Errors: both engines refuse these templates
  c("error: unknown tag", "{% frobnicate %}"),
  c("error: unknown filter", "{{ a|frobnicate }}"),
  c("error: unclosed if", "{% if a %}x"),
  c("error: endfor without for", "{% endfor %}"),
  c("error: filter arg with space", "{{ a|default: 'x' }}"),
  c("error: underscore attribute", "{{ a._private }}"),
  c("error: extends not first", '{{ a }}{% extends "base.html" %}', {}, { files: { "base.html": "b" } }),
  c("error: missing include", '{% include "nope.html" %}'),
  c("error: duplicate block", "{% block a %}{% endblock %}{% block a %}{% endblock %}"),
  c("error: filter escape in filter tag", "{% filter escape %}x{% endfilter %}"),
  c("error: blocktranslate with a tag inside", "{% blocktranslate %}{% if a %}x{% endif %}{% endblocktranslate %}"),
  c("error: too many unpacking names", "{% for a, b in l %}{% endfor %}", { l: [[1, 2, 3]] }),
  c("error: if ends with an operator", "{% if a and %}x{% endif %}"),
];

/** Named routes both engines know, for {% url %}. */
export const ROUTES: Record<string, string> = {
  home: "",
  message: "messages/<id>/",
  counter: "counter",
  board: "board",
  contact: "contact",
  messages: "messages",
  files: "files",
  set_language: "language/<code>",
};

const field = (value: string, errors: string[] = []) => ({ value, errors });
const signedIn = { isAuthenticated: true, username: "demo" };
const anonymous = { isAuthenticated: false };
const page = (path: string, user: object) => ({ request: { path }, user, csrf_token: "tok<en>", room: "room1" });
const contactForm = {
  name: field('Bob "B"', ["This field is required."]),
  email: field("b@example.com"),
  website: field(""),
  message: field("<b>hi</b>"),
};
const messages = [
  { id: 1, name: XSS, email: "a@example.com", website: "https://example.com/?q=<x>", message: "Hello\nthere" },
  { id: 2, name: "Zoe", email: "z@example.com", website: "", message: "" },
];

const boardTasks = [
  { id: 1, title: XSS, done: false, author: "Ada", attachment: { name: "notes.txt", size: 2100 } },
  { id: 2, title: "Review the session store", done: true, author: "", attachment: null },
];
const uploadedFiles = [
  {
    key: "k1",
    name: "meeting <notes>.txt",
    size: 71_987,
    sha256: "28f42e1a89684939c83bf81c9f0021f699937ced139593fc5c5288805cea3387",
  },
  {
    key: "k2",
    name: "todo.txt",
    size: 760,
    sha256: "8950ab8cd5dfa1b0197daa8ece6c71d2cbcf4e9e6fc911289739a4af57100051",
  },
];

/** The demo's own templates, each page signed in and out, in English and in French. */
export const DEMO_CASES: Case[] = ["en", "fr"].flatMap((lang) => [
  c(`demo home, signed out (${lang})`, '{% include "home.html" %}', page("/", anonymous), { lang }),
  c(`demo home, signed in (${lang})`, '{% include "home.html" %}', page("/", signedIn), { lang }),
  c(
    `demo counter page (${lang})`,
    '{% include "counter_page.html" %}',
    { ...page("/counter", anonymous), count: 7 },
    { lang },
  ),
  c(`demo counter fragment (${lang})`, '{% include "counter_display.html" %}', { count: 8 }, { lang }),
  c(
    `demo contact page with a draft (${lang})`,
    '{% include "contact.html" %}',
    {
      ...page("/contact", anonymous),
      form: contactForm,
      has_draft: true,
      draft_name: "<Bob>",
      form_id: "contact_form",
    },
    { lang },
  ),
  c(
    `demo contact page without a draft (${lang})`,
    '{% include "contact.html" %}',
    { ...page("/contact", anonymous), form: {}, has_draft: false, draft_name: "", form_id: "contact_form" },
    { lang },
  ),
  c(
    `demo board with tasks, people and an attachment (${lang})`,
    '{% include "board.html" %}',
    {
      ...page("/board", signedIn),
      tasks: boardTasks,
      filter: "open",
      filters: [
        { value: "all", label: "All" },
        { value: "open", label: "Open" },
        { value: "done", label: "Done" },
      ],
      form: { title: field("", ["This field is required."]), author: field('Grace "G"') },
      attachment: { name: "plan <v2>.pdf", size: 123456 },
      you: null,
      others: ["Ada", XSS],
    },
    { lang },
  ),
  c(
    `demo board, empty, signed out (${lang})`,
    '{% include "board.html" %}',
    { ...page("/board", anonymous), tasks: [], filter: "all", filters: [], form: {}, attachment: null, others: [] },
    { lang },
  ),
  c(
    `demo files (${lang})`,
    '{% include "files.html" %}',
    { ...page("/files", anonymous), files: uploadedFiles },
    { lang },
  ),
  c(`demo files, none (${lang})`, '{% include "files.html" %}', { ...page("/files", signedIn), files: [] }, { lang }),
  c(`demo not found (${lang})`, '{% include "404.html" %}', page("/no-such-page", anonymous), { lang }),
  c(
    `demo messages, signed in (${lang})`,
    '{% include "messages.html" %}',
    { ...page("/messages", signedIn), messages },
    { lang },
  ),
  c(
    `demo messages, none, signed out (${lang})`,
    '{% include "messages.html" %}',
    { ...page("/messages", anonymous), messages: [] },
    { lang },
  ),
  c(
    `demo login with an error (${lang})`,
    '{% include "login.html" %}',
    { ...page("/login", anonymous), username: XSS, error: "Wrong <password>" },
    { lang },
  ),
]);

/**
 * Where we differ from Django on purpose, with why. The test checks we render `ours` and that Django still renders
 * something else (so a case here that starts matching Django is noticed and moved back to CASES).
 */
export const DELIBERATE: (Case & { ours: string; why: string })[] = [
  {
    ...c("float with no fraction", "{{ x }}", { x: { $float: 2 } }),
    ours: "2",
    why: "JavaScript has one number type: 2.0 is the integer 2, which Python writes as 2.0",
  },
];

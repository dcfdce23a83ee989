# Renders a batch of templates with Django's own engine, for the differential test: JSON cases on stdin,
# JSON results on stdout. Contexts are JSON with markers: {"$date": iso}, {"$safe": s}, {"$float": n}.
import datetime
import json
import sys

import django
from django.conf import settings

request = json.load(sys.stdin)

urlpatterns = []


def configure():
    from django.urls import path

    def view(request, **kwargs):
        return None

    for name, route in request.get("routes", {}).items():
        urlpatterns.append(path(route, view, name=name))


settings.configure(
    DEBUG=False,
    USE_I18N=True,
    USE_L10N=False,
    USE_TZ=False,
    LANGUAGE_CODE="en-us",
    LANGUAGES=[("en", "English"), ("fr", "French")],
    LOCALE_PATHS=request.get("locale_paths", []),
    STATIC_URL="/static/",
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
)
django.setup()
configure()

from django.template import Context, Engine, Library  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.html import format_html  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402

# The framework's own tags, which Django lacks, written as a Django library so the same templates parse.
liveview = Library()


@liveview.simple_tag(takes_context=True)
def liveview_room(context):
    return context.get("room", "")


@liveview.simple_tag(takes_context=True)
def liveview_scripts(context):
    return format_html(
        '<script src="/static/liveview/liveview.js" data-liveview-csrf-token="{}" defer></script>', context.get("csrf_token", "")
    )


@liveview.filter(is_safe=True)
def shout(value):
    return str(value).upper() + "!"


@liveview.simple_tag
def greet(name, punctuation="."):
    return "Hello, %s%s" % (name, punctuation)


sys.modules["liveview_tags"] = type(sys)("liveview_tags")
sys.modules["liveview_tags"].register = liveview


def decode(value):
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return datetime.datetime.fromisoformat(value["$date"].rstrip("Z"))
        if set(value) == {"$float"}:
            return float(value["$float"])
        if set(value) == {"$safe"}:
            return mark_safe(value["$safe"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


results = []
for case in request["cases"]:
    engine = Engine(
        dirs=request.get("dirs", []),
        loaders=[
            ("django.template.loaders.locmem.Loader", case.get("files", {})),
            "django.template.loaders.filesystem.Loader",
        ],
        builtins=["django.templatetags.static", "django.templatetags.i18n", "liveview_tags"],
        libraries={"custom": "liveview_tags", "static": "django.templatetags.static", "i18n": "django.templatetags.i18n"},
    )
    try:
        with translation.override(case.get("lang", "en")):
            template = engine.from_string(case["template"])
            results.append({"html": template.render(Context(decode(case.get("context", {}))))})
    except Exception as error:  # the case expects an error, or we report what Django raised
        results.append({"error": "%s: %s" % (type(error).__name__, error)})

json.dump(results, sys.stdout)

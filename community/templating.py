"""Filters and globals the templates share."""

from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import quote

from flask import Flask
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape
from wtforms import Field, Form

from community.messages import has_messages, message_places, take_messages
from community.permissions import suspension_notice
from community.posts.forms import MAX_POST_LENGTH
from community.text import stored_html
from community.wording import long_date, plural


def iso_datetime(value: date | datetime) -> str:
    """Format a date or time for ``<time datetime>``, which allows at most milliseconds."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


class UrlPattern:
    """A URL built once with a slot for the one value that varies, then filled per item.

    A page that links every post to its author and its reply form would otherwise call
    ``url_for`` hundreds of times; ``build`` is called once, with a token for the slot.
    """

    _TOKEN = "8675309112358"  # nosec B105  # a placeholder replaced in built URLs, not a secret

    def __init__(self, build: Callable[[str], str]) -> None:
        self.prefix, self.suffix = build(self._TOKEN).split(self._TOKEN)

    def __call__(self, value: object) -> str:
        return f"{self.prefix}{quote(str(value), safe='')}{self.suffix}"


class MarkupPattern:
    """Markup built once with a slot for the one value that varies, then filled per item.

    A form field rendered by WTForms for each of a page's hundreds of posts costs more
    than the rest of the post; rendered once with a token in its id, it is then copied.
    """

    def __init__(self, build: Callable[[str], str]) -> None:
        # Built when first used: a page whose posts come rendered never builds it.
        self._build: Callable[[str], str] | None = build
        self.prefix = self.suffix = ""

    def __call__(self, value: object) -> Markup:
        if self._build is not None:
            self.prefix, self.suffix = str(self._build(UrlPattern._TOKEN)).split(UrlPattern._TOKEN)
            self._build = None
        html = f"{self.prefix}{escape(value)}{self.suffix}"
        return Markup(html)  # nosec B704  # markup WTForms built, the value escaped


def unfilled(field: Field, **attributes: str | bool) -> Markup:
    """A field of a form shown empty, as WTForms renders it with ``attributes``, rendered
    once per process: for fields whose markup the form's class alone decides (buttons,
    hidden inputs, fixed choices). WTForms writes every attribute through
    ``Markup.format``; the buttons and hidden inputs on every member's page cost more than
    the rest of its header. A field holding data renders itself, and so does one whose
    label or choices a view changed."""
    if field.raw_data or field.errors or field.data not in (None, "", False, field.default):
        return field(**attributes)
    markup, label, choices = _unfilled_markup(
        type(field._form), field.name, tuple(sorted(attributes.items()))
    )
    if field.label.text != label or getattr(field, "choices", None) != choices:
        return field(**attributes)
    return Markup(markup)  # nosec B704  # WTForms' own markup, kept


@lru_cache(maxsize=1024)
def _unfilled_markup(form_class: type[Form], name: str, attributes: tuple) -> tuple:
    """The field's markup as the class alone makes it, with its label text and choices."""
    form = form_class(formdata=None, meta={"csrf": False})
    field = form[name]
    return str(field(**dict(attributes))), field.label.text, getattr(field, "choices", None)


def csrf_field() -> Markup:
    """A CSRF token input without an id, so that many forms can share a page."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())


# Templates whose output is markup: every value written into them is escaped. Flask's own
# list leaves out Atom feeds, which carry members' text.
AUTOESCAPED = (".html", ".htm", ".xml", ".xhtml", ".svg", ".atom")


def autoescaped(template_name: str | None) -> bool:
    """Say whether values written into this template are escaped: in every markup file."""
    return template_name is None or template_name.endswith(AUTOESCAPED)


def register(app: Flask) -> None:
    app.jinja_env.autoescape = autoescaped
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.add_extension("jinja2.ext.do")
    app.add_template_filter(stored_html, "stored_html")
    app.add_template_filter(long_date, "long_date")
    app.add_template_filter(iso_datetime, "iso_datetime")
    app.add_template_global(plural, "plural")
    app.add_template_global(csrf_field, "csrf_field")
    app.add_template_global(unfilled, "unfilled")
    app.add_template_global(MAX_POST_LENGTH, "max_post_length")
    app.add_template_global(suspension_notice, "suspension_notice")
    app.add_template_global(message_places, "message_places")
    app.add_template_global(has_messages, "has_messages")
    app.add_template_global(take_messages, "take_messages")

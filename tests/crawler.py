"""Find a site's pages, forms and query parameters by following its links, as a visitor would.

Forms found this way are the ones the hostile-input tests feed, so a form added to any
page later is fed too, without a list to keep up to date.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from flask.testing import FlaskClient

# Links that would end the crawl's session or only serve files.
NOT_FOLLOWED = ("/static/",)
# Fields a person types free text into; the others offer choices or are filled by the page.
TEXT_KINDS = ("text", "email", "password", "search", "url", "tel", "textarea")


@dataclass
class Field:
    name: str
    kind: str  # an input's type, or "textarea" / "select"
    value: str = ""
    options: list[str] = field(default_factory=list)

    @property
    def fuzzable(self) -> bool:
        return self.name != "csrf_token" and self.kind not in ("submit", "button", "file")

    @property
    def takes_text(self) -> bool:
        return self.kind in TEXT_KINDS


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def kind(self) -> tuple[str, str, tuple[str, ...]]:
        """The same form on another post or page is one kind of form."""
        return (self.method, re.sub(r"\d+", "<n>", self.action), tuple(sorted(self.fields)))

    @property
    def writes_text(self) -> bool:
        return any(f.takes_text for f in self.fields.values())

    def defaults(self) -> dict[str, str]:
        """What a browser sends when the form is submitted as it stands."""
        values = {}
        for each in self.fields.values():
            if each.kind in ("submit", "button"):
                continue
            if each.kind in ("select", "radio"):
                values[each.name] = each.value or (each.options[0] if each.options else "")
            else:
                values[each.name] = each.value
        return values

    def clicked(self) -> dict[str, str]:
        """What a browser sends when the form's main button is clicked: its defaults and the
        button's own name and value (a form may tell its buttons apart by them)."""
        buttons = [f for f in self.fields.values() if f.kind == "submit"]
        main = next((f for f in buttons if f.name == "submit"), buttons[0] if buttons else None)
        return {**self.defaults(), **({main.name: main.value} if main else {})}


class _Parser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "option" and self._select is not None:
            self._select.options.append(attributes.get("value", ""))
        elif tag == "a" and "href" in attributes:
            self.links.append(urljoin(self.page, attributes["href"]))
        elif tag == "form":
            action = urljoin(self.page, attributes.get("action") or self.page)
            self._form = Form(self.page, action, attributes.get("method", "get").upper())
            self.forms.append(self._form)
        elif self._form is not None and "name" in attributes:
            self._add_field(tag, attributes)

    def _add_field(self, tag: str, attributes: dict[str, str]) -> None:
        name = attributes["name"]
        if tag == "textarea":
            self._textarea = self._form.fields[name] = Field(name, "textarea")
        elif tag == "select":
            self._select = self._form.fields[name] = Field(name, "select")
        elif tag in ("input", "button"):
            kind = attributes.get("type", "text" if tag == "input" else "submit")
            existing = self._form.fields.get(name)
            if kind == "radio" and existing is not None:
                existing.options.append(attributes.get("value", "on"))
                return
            value = attributes.get("value", "on" if kind in ("radio", "checkbox") else "")
            options = [value] if kind == "radio" else []
            self._form.fields[name] = Field(name, kind, "" if kind == "radio" else value, options)

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            # As a browser does, drop one line break opening the textarea: it is markup.
            if not self._textarea.value and data[:1] in ("\r", "\n"):
                data = data[2:] if data.startswith("\r\n") else data[1:]
            self._textarea.value += data


def parse_page(page: str, html: str) -> tuple[list[str], list[Form]]:
    """Return the links and the forms of one page."""
    parser = _Parser(page)
    parser.feed(html)
    parser.close()
    return parser.links, parser.forms


@dataclass
class Site:
    pages: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    # (path, parameter name) pairs seen in links and GET forms.
    query_parameters: set[tuple[str, str]] = field(default_factory=set)


def _local_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "localhost"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(NOT_FOLLOWED):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client: FlaskClient, start: str = "/", limit: int = 60) -> Site:
    """Follow the site's links from ``start``; collect pages, kinds of forms and parameters."""
    site = Site()
    seen_forms: set = set()
    queue, queued = [start], {start}
    while queue and len(site.pages) < limit:
        page = queue.pop(0)
        response = client.get(page)
        if response.mimetype != "text/html":
            continue
        site.pages.append(page)
        links, forms = parse_page(page, response.text)
        for form in forms:
            if form.kind not in seen_forms:
                seen_forms.add(form.kind)
                site.forms.append(form)
            if form.method == "GET":
                path = urlsplit(form.action).path
                site.query_parameters.update((path, name) for name in form.fields)
        for link in links:
            path = _local_path(link)
            if path is None:
                continue
            parts = urlsplit(path)
            site.query_parameters.update(
                (parts.path, name) for name, _ in parse_qsl(parts.query, keep_blank_values=True)
            )
            if path not in queued:
                queued.add(path)
                queue.append(path)
    return site


def rotated(values: list[str], names: list[str]) -> Iterator[dict[str, str]]:
    """Give every name every value once, each request a different value per name.

    Without names there is nothing to vary: one request, with nothing set.
    """
    if not names:
        yield {}
        return
    for offset in range(len(values)):
        yield {name: values[(offset + i) % len(values)] for i, name in enumerate(names)}

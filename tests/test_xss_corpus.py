"""Every XSS vector becomes allowlisted HTML: the test a sanitizer swap must pass."""

import html
import re
from html.parser import HTMLParser

import pytest

from community.text import render_markdown
from tests.xss_vectors import XSS_VECTORS

MEMBER_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre", "a"}
EDITORIAL_TAGS = MEMBER_TAGS | {"h2", "h3", "h4"}
LINK_ATTRIBUTES = {"href", "title", "rel"}
SAFE_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

# What a browser ignores when it reads a URL's scheme: ASCII whitespace and control
# characters, leading and trailing, and tab and newline anywhere.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


class MarkupCollector(HTMLParser):
    """Collect every tag, attribute and comment-like construct in a piece of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self.tags.append((tag, {}))

    def handle_comment(self, data):
        self.other.append(f"comment {data!r}")

    def handle_decl(self, decl):
        self.other.append(f"declaration {decl!r}")

    def handle_pi(self, data):
        self.other.append(f"processing instruction {data!r}")

    def unknown_decl(self, data):
        self.other.append(f"declaration {data!r}")


def parse(markup: str) -> MarkupCollector:
    collector = MarkupCollector()
    collector.feed(markup)
    collector.close()
    return collector


def href_scheme(href: str) -> str | None:
    """Return the scheme of ``href`` as a browser would read it, decoding entities hard."""
    # The parser decoded the attribute once, as a browser does; decoding until nothing
    # changes also catches entities that a second decoder somewhere might resolve.
    for _ in range(5):
        decoded = html.unescape(href)
        if decoded == href:
            break
        href = decoded
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", href).lower())
    return match.group(1) if match else None


def assert_only_allowlisted_markup(markup: str, allowed_tags: set[str]) -> None:
    collected = parse(markup)
    assert collected.other == [], markup
    for tag, attributes in collected.tags:
        assert tag in allowed_tags, markup
        if tag != "a":
            assert attributes == {}, markup
            continue
        if not attributes:  # the closing tag
            continue
        assert set(attributes) <= LINK_ATTRIBUTES, markup
        assert attributes.get("rel") == LINK_REL, markup
        href = attributes.get("href")
        if href is not None:
            assert href_scheme(href) in SAFE_SCHEMES | {None}, markup


def test_corpus_covers_at_least_sixty_vectors():
    assert len(XSS_VECTORS) >= 60
    labels = [label for label, _ in XSS_VECTORS]
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize(("label", "payload"), XSS_VECTORS, ids=[v[0] for v in XSS_VECTORS])
def test_member_text_renders_only_allowlisted_markup(label, payload):
    assert_only_allowlisted_markup(render_markdown(payload), MEMBER_TAGS)


@pytest.mark.parametrize(("label", "payload"), XSS_VECTORS, ids=[v[0] for v in XSS_VECTORS])
def test_editorial_text_renders_only_allowlisted_markup(label, payload):
    assert_only_allowlisted_markup(render_markdown(payload, editorial=True), EDITORIAL_TAGS)


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " \x0e javascript:alert(1)",
        "jav\tascript:alert(1)",
        "&#106avascript:alert(1)",
        "&amp;#x6A;avascript:alert(1)",
        "data:text/html,x",
        "vbscript:msgbox(1)",
    ],
)
def test_the_checker_itself_sees_through_disguised_schemes(href):
    assert href_scheme(href) not in SAFE_SCHEMES | {None}


def test_the_checker_itself_rejects_live_markup():
    with pytest.raises(AssertionError):
        assert_only_allowlisted_markup('<p><img src=x onerror="alert(1)"></p>', MEMBER_TAGS)
    with pytest.raises(AssertionError):
        assert_only_allowlisted_markup('<a href="https://example.org">x</a>', MEMBER_TAGS)
    with pytest.raises(AssertionError):
        assert_only_allowlisted_markup("<p><!-- x --></p>", MEMBER_TAGS)

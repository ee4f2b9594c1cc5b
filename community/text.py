"""The one place where member text becomes HTML.

Markdown is rendered with raw HTML disabled, then cleaned by bleach with a small
allowlist; links get ``rel="nofollow ugc noopener"``. The result is stored when text is
written, never computed per page view. Nothing else imports bleach or markdown-it, so a
swap of either library touches this file only.
"""

from functools import lru_cache

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt
from markupsafe import Markup

MEMBER_TAGS = frozenset(
    {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre", "a"}
)
EDITORIAL_TAGS = MEMBER_TAGS | {"h2", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"


def _set_link_rel(attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = LINK_REL
    return attrs


@lru_cache(maxsize=2)
def _markdown(breaks: bool) -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "breaks": breaks})


@lru_cache(maxsize=2)
def _cleaner(tags: frozenset[str]) -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[_linkify_filter],
    )


def _linkify_filter(source):
    return LinkifyFilter(source, callbacks=[_set_link_rel], skip_tags=["pre", "code"])


def render_markdown(text: str, *, editorial: bool = False) -> str:
    """Turn Markdown into sanitized HTML, ready to store.

    Member posts use the small allowlist and keep the line breaks people type. Editorial
    text (summaries, condition descriptions) may also use headings, and its source files
    wrap lines freely.
    """
    html = _markdown(breaks=not editorial).render(text)
    return _cleaner(EDITORIAL_TAGS if editorial else MEMBER_TAGS).clean(html).strip()


def stored_html(html: str | None) -> Markup:
    """Mark HTML made by :func:`render_markdown` as safe for a template."""
    return Markup(html or "")

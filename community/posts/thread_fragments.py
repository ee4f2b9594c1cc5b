"""A member's question page reuses what it shares with every member like them.

Members' pages are never cached whole: each shows what its reader wrote, reported or found
helpful. But most threads on a page hold none of that, and every member who may act as
this one (the same reply control, allowed to write or not) reads them the same, forms
and all. Such a thread is rendered once per version of what it shows and kept in the page
cache's store; members' own threads are rendered for them on every request. A reader who
holds nothing on the question reads the page's whole list of experiences as every member
like them does: it is kept too, and read without reading the threads' rows at all.

What is kept is rendered with a mark in place of the CSRF token, and each page puts its
reader's token there: no token, and nothing personal, is ever kept. The experiences are
kept as the bytes sent, and the page is rendered around a mark where they go: a list of
hundreds of posts is then copied once into the answer, not again at every step of
rendering.

Versions are read before the threads' rows, as the page cache reads them before
rendering: a thread read after a change is never kept under the version before it.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup
from werkzeug.wrappers import Response

from community.extensions import db
from community.messages import message_places
from community.page_cache import keep_many, kept_many, release
from community.page_versions import SITE, condition_scope, question_scope, read_versions
from community.posts.threads import ExperiencePage, ThreadNode

KEY_PREFIX = "community-thread:"
LIST_KEY_PREFIX = "community-experiences:"
CSRF_MARK = Markup("<!--community:csrf-->")
_CSRF_MARK_BYTES = CSRF_MARK.encode()
# Where the page's template writes the experiences; sanitized text keeps no comment, and
# the rest of the page is escaped, so nothing else on the page can hold it.
EXPERIENCES_MARK = Markup("<!--community:experiences-->")


@dataclass(frozen=True)
class ThreadKeeping:
    """What a member's page keeps its threads under.

    ``versions`` are :func:`read_thread_versions`'; ``alike`` says what makes members read
    a thread alike (their reply control, whether they may write, the page's own address);
    ``listing`` what makes them read the same list (the page number and the reading);
    ``context`` is what posts/_thread.html reads besides the thread and the token, and
    follows from ``alike``.
    """

    versions: tuple
    alike: tuple
    listing: tuple
    context: dict

    @property
    def material(self) -> str:
        return repr((release(), self.versions, self.alike))


@dataclass(frozen=True)
class RenderedExperiences:
    """A page of experiences and its HTML, encoded, with the reader's token in it. Read
    from the store, ``experiences.experiences`` is empty: only its page and counts are
    kept."""

    experiences: ExperiencePage
    html: bytes

    def page(self, rendered: str) -> Response:
        """The page ``rendered`` around :data:`EXPERIENCES_MARK`, with the experiences."""
        before, _, after = rendered.partition(EXPERIENCES_MARK)
        body = b"".join((before.encode(), self.html, after.encode()))
        return current_app.response_class(body, mimetype="text/html")


def read_thread_versions(question_id: int, condition_id: int, signed_in: bool) -> tuple | None:
    """The versions of what the question's threads show, read before their rows; None when
    the page keeps no thread: a visitor's (kept whole instead), a page showing a message at
    a post, or with the page cache switched off."""
    if not signed_in or message_places() or not current_app.config["COMMUNITY_PAGE_CACHE"]:
        return None
    scopes = (SITE, condition_scope(condition_id), question_scope(question_id))
    return read_versions(db.session, scopes)


def is_personal(thread: ThreadNode) -> bool:
    """Whether the thread shows its reader something others do not see."""
    return (
        thread.own
        or thread.reported_by_viewer
        or thread.helped_by_viewer
        or any(is_personal(child) for child in thread.children)
    )


def rendered_experiences(
    load: Callable[[], ExperiencePage], keeping: ThreadKeeping, involved: bool, csrf: Markup
) -> RenderedExperiences:
    """Render a member's page of experiences from what is kept, keeping what is not.

    ``load`` reads the page's threads; it is not called when the whole list is kept, which
    is only for a reader not ``involved`` in the question (who wrote, reported or found
    helpful none of its posts). Whether the list may be kept is decided again on the rows
    read: the reader may have written since.
    """
    whole_key = None if involved else _key(LIST_KEY_PREFIX, keeping.material, repr(keeping.listing))
    token = csrf.encode()
    if whole_key is not None:
        found = kept_many([whole_key])[0]
        if isinstance(found, tuple):
            html, page, pages, total = found
            experiences = ExperiencePage([], page, pages, total)
            return RenderedExperiences(experiences, html.replace(_CSRF_MARK_BYTES, token))
    experiences = load()
    threads = experiences.experiences
    html = (
        current_app.jinja_env.get_template("posts/_post.html")
        .render(
            experiences=experiences,
            shared_threads=shared_threads(threads, keeping),
            post_csrf_field=CSRF_MARK,
            **keeping.context,
        )
        .encode()
    )
    if whole_key is not None and not any(is_personal(thread) for thread in threads):
        keep_many({whole_key: (html, experiences.page, experiences.pages, experiences.total)})
    return RenderedExperiences(experiences, html.replace(_CSRF_MARK_BYTES, token))


def shared_threads(threads: list[ThreadNode], keeping: ThreadKeeping) -> dict[int, Markup]:
    """Return the HTML of each thread of ``threads`` that is not personal, by its id, with
    the mark where the token goes."""
    shared = [thread for thread in threads if not is_personal(thread)]
    if not shared:
        return {}
    keys = [_key(KEY_PREFIX, keeping.material, thread.id) for thread in shared]
    found = kept_many(keys)
    template = current_app.jinja_env.get_template("posts/_thread.html")
    rendered: dict[int, Markup] = {}
    new: dict[str, str] = {}
    for thread, key, html in zip(shared, keys, found, strict=True):
        if not isinstance(html, str):
            # The template alone, without the page's context processors: it reads only
            # what it is given.
            html = template.render(
                thread=thread, placed=frozenset(), post_csrf_field=CSRF_MARK, **keeping.context
            )
            new[key] = html
        # The autoescaped template's own output.
        rendered[thread.id] = Markup(html)  # nosec B704
    if new:
        keep_many(new)
    return rendered


def _key(prefix: str, material: str, part: int | str) -> str:
    digest = hashlib.sha256(f"{material}:{part}".encode()).hexdigest()
    return f"{prefix}{digest}"

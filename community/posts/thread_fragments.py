"""A member's question page reuses the threads it shares with every member like them.

Members' pages are never cached whole: each shows what its reader wrote, reported or found
helpful. But most threads on a page hold none of that, and every member who may act as
this one (the same reply control, allowed to write or not) reads them the same, forms
and all. Such a thread is rendered once per version of what it shows and kept in the page
cache's store; members' own threads are rendered for them on every request.

A kept thread is rendered with a mark in place of the CSRF token, and each page puts its
reader's token there: no token, and nothing personal, is ever kept.

Versions are read before the thread's rows, as the page cache reads them before
rendering: a thread read after a change is never kept under the version before it.
"""

import hashlib

from flask import current_app
from markupsafe import Markup

from community.extensions import cache, db
from community.messages import message_places
from community.page_cache import release
from community.page_versions import SITE, condition_scope, question_scope, read_versions
from community.posts.threads import ThreadNode

KEY_PREFIX = "community-thread:"
CSRF_MARK = Markup("<!--community:csrf-->")


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


def shared_threads(
    threads: list[ThreadNode], versions: tuple | None, alike: tuple, context: dict, csrf: Markup
) -> dict[int, Markup]:
    """Return the HTML of each thread of ``threads`` that is not personal, by its id.

    ``versions`` are :func:`read_thread_versions`' (None: nothing is kept). ``alike`` says
    what makes members read a thread alike (their reply control, whether they may write,
    the page's own address); ``context`` is what posts/_thread.html reads besides the
    thread, the places of messages and the token, and follows from it.
    """
    if versions is None:
        return {}
    shared = [thread for thread in threads if not is_personal(thread)]
    if not shared:
        return {}
    material = repr((release(), versions, alike))
    keys = [_key(material, thread.id) for thread in shared]
    try:
        found = cache.get_many(*keys)
    except Exception as error:  # a store out of reach: render the threads instead
        current_app.logger.warning("Page cache unreachable: %s", error)
        found = [None] * len(keys)
    template = current_app.jinja_env.get_template("posts/_thread.html")
    rendered: dict[int, Markup] = {}
    new: dict[str, str] = {}
    for thread, key, html in zip(shared, keys, found, strict=True):
        if not isinstance(html, str):
            # The template alone, without the page's context processors: it reads only
            # what it is given.
            html = template.render(
                thread=thread, placed=frozenset(), post_csrf_field=CSRF_MARK, **context
            )
            new[key] = html
        # The autoescaped template's own output, and the token's input it was made for.
        rendered[thread.id] = Markup(html.replace(CSRF_MARK, csrf))  # nosec B704
    if new:
        try:
            cache.set_many(new)
        except Exception as error:  # the page was rendered all the same
            current_app.logger.warning("Page cache unreachable: %s", error)
    return rendered


def _key(material: str, thread_id: int) -> str:
    digest = hashlib.sha256(f"{material}:{thread_id}".encode()).hexdigest()
    return f"{KEY_PREFIX}{digest}"

"""HTTP caching: visitors' pages may be kept and revalidated; members' pages never are.

A page served to a visitor with nothing personal in it (no account, no flashed message,
no cookie set) gets an ETag, ``Cache-Control: public, max-age=0, s-maxage=N,
stale-while-revalidate=M`` (``COMMUNITY_VISITOR_MAX_AGE``, ``COMMUNITY_SHARED_MAX_AGE``,
``COMMUNITY_STALE_WHILE_REVALIDATE``), and a 304 when the browser or proxy already holds
those bytes. Every response to a signed-in member says ``private, no-store``, and every
page varies on the cookie, so that no cache hands one person's view to another.

Pages marked :func:`community.page_cache.visitor_page` are also kept whole by the app
and carry a ``Surrogate-Key`` naming what they show.

There is no Last-Modified: a page shows posts, counts, usernames and badges that change
independently, and no single date covers them all; the ETag, computed from the bytes
sent, is exact.
"""

from flask import Flask, current_app, request, session
from flask_login import current_user
from werkzeug.wrappers import Response

PRIVATE = "private, no-store"


def with_visitor_headers(response: Response) -> Response:
    """Mark a page shared caches may keep, if it shows nothing personal; answer 304s."""
    response.vary.add("Cookie")
    if not shows_nothing_personal(response):
        response.headers["Cache-Control"] = PRIVATE
        return response
    set_visitor_cache_control(response)
    response.add_etag()
    return response.make_conditional(request)


def set_visitor_cache_control(response: Response) -> None:
    config = current_app.config
    response.vary.add("Cookie")
    response.headers["Cache-Control"] = (
        f"public, max-age={config['COMMUNITY_VISITOR_MAX_AGE']}, "
        f"s-maxage={config['COMMUNITY_SHARED_MAX_AGE']}, "
        f"stale-while-revalidate={config['COMMUNITY_STALE_WHILE_REVALIDATE']}"
    )


def shows_nothing_personal(response: Response) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not current_user.is_authenticated
        # Showing a flashed message removes it from the session: such a page is personal.
        and not session.modified
        and "Set-Cookie" not in response.headers
    )


def _mark_private(response: Response) -> Response:
    if current_user.is_authenticated:
        response.headers.setdefault("Cache-Control", PRIVATE)
        response.vary.add("Cookie")
    return response


def register(app: Flask) -> None:
    app.after_request(_mark_private)

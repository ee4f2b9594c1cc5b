"""HTTP caching: visitors' pages may be kept and revalidated; members' pages never are.

A page marked :func:`public_page` and served to a visitor with nothing personal in it
(no account, no flashed message, no cookie set) gets an ETag, ``Cache-Control: public``
with ``COMMUNITY_VISITOR_MAX_AGE``, and a 304 when the browser or proxy already holds
those bytes. Every response to a signed-in member says ``private, no-store``, and every
page varies on the cookie, so that no cache hands one person's view to another.

There is no Last-Modified: a page shows posts, counts, usernames and badges that change
independently, and no single date covers them all; the ETag, computed from the bytes
sent, is exact.
"""

from collections.abc import Callable
from functools import wraps

from flask import Flask, current_app, make_response, request, session
from flask_login import current_user
from werkzeug.wrappers import Response

PRIVATE = "private, no-store"


def public_page(view: Callable) -> Callable:
    """Let caches keep the visitor's version of this GET page."""

    @wraps(view)
    def cached_for_visitors(*args, **kwargs) -> Response:
        response = make_response(view(*args, **kwargs))
        response.vary.add("Cookie")
        if not _shows_nothing_personal(response):
            response.headers["Cache-Control"] = PRIVATE
            return response
        max_age = current_app.config["COMMUNITY_VISITOR_MAX_AGE"]
        response.cache_control.public = True
        response.cache_control.max_age = max_age
        if not max_age:
            response.cache_control.no_cache = True
        response.add_etag()
        return response.make_conditional(request)

    return cached_for_visitors


def _shows_nothing_personal(response: Response) -> bool:
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

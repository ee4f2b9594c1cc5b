"""Whole pages for visitors, rendered once per version of what they show and served to all.

Most readers arrive from a search engine, signed out, and all see the same page. A view
marked :func:`visitor_page` is looked up, for such a reader, under its address and the
versions of the scopes it shows (community/page_versions.py: one SELECT), and the finished
response is served from the cache: its body kept as it is and gzipped, each under a key of
its own and made when a client first asks for it (from the other when that is kept), so
that either kind of client is sent its bytes as stored, with its ETag (a 304 when the
client holds it).
A member's request, a page showing a flashed message, a query argument the page does not
declare, anything but a 200: rendered as before, never stored.

The versions move in the transaction of every change that alters what a visitor sees, so
an entry is never served after its content changed: a new version makes a new key, and the
old entry is left to expire. Text an author deletes is erased at once: that commit empties
the cache (:func:`erase_cached_pages`), so no stored page still holds it.

The store is Flask-Caching's: files under ``instance/cache`` by default, shared by every
worker on the host; Redis when ``COMMUNITY_CACHE_URL=redis://...``, shared by every host.
"""

import gzip
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

from flask import Flask, current_app, make_response, request, session
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from community import http_caching
from community.extensions import cache, db
from community.page_versions import ERASE_CACHED_PAGES, read_versions

PACKAGE = Path(__file__).resolve().parent
KEY_PREFIX = "community-page:"
# Headers a cached entry never keeps: they are the request's, the response's framing, or
# set again when the entry is served.
_NOT_STORED = {
    "content-length",
    "content-encoding",
    "set-cookie",
    "etag",
    "cache-control",
    "vary",
    "surrogate-key",
}


@dataclass(frozen=True)
class CachedPage:
    """A finished visitor's response, as stored in one encoding."""

    body: bytes
    gzipped: bool
    etag: str
    headers: tuple[tuple[str, str], ...]
    surrogate_key: str


Scopes = Callable[..., Iterable]


def visitor_page(scopes: Scopes, query: Iterable[str] = ()) -> Callable:
    """Serve this GET page to visitors from the whole-page cache.

    ``scopes(**view_args)`` names what the page shows (community/page_versions.py);
    ``query`` lists the query arguments that change the page (others bypass the cache).
    """
    declared = frozenset(query)

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def cached_for_visitors(*args, **kwargs) -> Response:
            if not _cacheable_request(declared):
                return http_caching.with_visitor_headers(make_response(view(*args, **kwargs)))
            versions = read_versions(db.session, scopes(**kwargs))
            if any(scope is None for scope, _ in versions):
                # An address naming nothing: the view says so (404); nothing is stored.
                return http_caching.with_visitor_headers(make_response(view(*args, **kwargs)))
            key = page_key(request.path, _declared_arguments(declared), versions)
            gzipped = request.accept_encodings["gzip"] > 0
            entry = _get(key, gzipped)
            if entry is None:
                response = make_response(view(*args, **kwargs))
                if not http_caching.shows_nothing_personal(response):
                    return http_caching.with_visitor_headers(response)
                entry = _entry(response, versions, gzipped)
                _set(key, entry)
            return serve(entry)

        cached_for_visitors.visitor_page_scopes = scopes
        return cached_for_visitors

    return decorate


def _cacheable_request(declared: frozenset[str]) -> bool:
    return (
        current_app.config["COMMUNITY_PAGE_CACHE"]
        and request.method in ("GET", "HEAD")
        and declared.issuperset(request.args.keys())
        and "_flashes" not in session
        and not current_user.is_authenticated
    )


def _declared_arguments(declared: frozenset[str]) -> tuple:
    return tuple(sorted((name, tuple(request.args.getlist(name))) for name in declared))


def page_key(path: str, arguments: tuple, versions: tuple) -> str:
    """The cache key: the release, the address and the version of every scope shown."""
    material = repr((release(), path, arguments, versions)).encode()
    return hashlib.sha256(material).hexdigest()


@lru_cache(maxsize=1)
def release() -> str:
    """A digest of the code and templates: a new release never serves the old one's pages."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".txt", ".xml", ".json"}:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _entry(response: Response, versions: tuple, gzipped: bool) -> CachedPage:
    """The response as stored, as it is or gzipped."""
    body = response.get_data()
    headers = tuple(
        (name, value) for name, value in response.headers.items() if name.lower() not in _NOT_STORED
    )
    surrogate_key = " ".join(scope.replace(":", "-") for scope, _ in versions)
    etag = hashlib.sha256(body).hexdigest()[:32]
    return _encoded(CachedPage(body, False, etag, headers, surrogate_key), gzipped)


def _encoded(entry: CachedPage, gzipped: bool) -> CachedPage:
    """The same page in the encoding asked for; its ETag is the page's, either way."""
    if entry.gzipped == gzipped:
        return entry
    body = (
        gzip.compress(entry.body, compresslevel=6, mtime=0)
        if gzipped
        else gzip.decompress(entry.body)
    )
    return replace(entry, body=body, gzipped=gzipped)


def serve(entry: CachedPage) -> Response:
    """Build the response from a stored entry, in the encoding it was stored in."""
    response = current_app.response_class(entry.body, headers=list(entry.headers))
    if entry.gzipped:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    # One ETag for both encodings: the same page, so a weak validator.
    response.set_etag(entry.etag, weak=True)
    response.headers["Surrogate-Key"] = entry.surrogate_key
    http_caching.set_visitor_cache_control(response)
    return response.make_conditional(request)


def _get(key: str, gzipped: bool) -> CachedPage | None:
    """The page in the encoding asked for; when only the other one is kept (each is made
    when a client first asks for it, not both whenever a page is rendered), from it."""
    found = kept_many([_stored_key(key, gzipped)])[0]
    if isinstance(found, CachedPage):
        return found
    other = kept_many([_stored_key(key, not gzipped)])[0]
    if not isinstance(other, CachedPage):
        return None
    entry = _encoded(other, gzipped)
    _set(key, entry)
    return entry


def _set(key: str, entry: CachedPage) -> None:
    keep_many({_stored_key(key, entry.gzipped): entry})


def kept_many(keys: list[str]) -> list:
    """What the store holds under each of ``keys`` (None for what it does not hold, and
    for all of them when it is out of reach: the caller renders instead)."""
    try:
        return cache.get_many(*keys)
    except Exception as error:  # a store out of reach is a miss, not an error page
        current_app.logger.warning("Page cache unreachable: %s", error)
        return [None] * len(keys)


def keep_many(entries: dict[str, Any]) -> None:
    """Store ``entries`` by key; a store out of reach keeps nothing, and says so in the log."""
    try:
        cache.set_many(entries)
    except Exception as error:  # what was rendered is served all the same
        current_app.logger.warning("Page cache unreachable: %s", error)


def _stored_key(key: str, gzipped: bool) -> str:
    return f"{KEY_PREFIX}{key}{'.gz' if gzipped else ''}"


# --- Erasing ---------------------------------------------------------------------------


def erase_cached_pages() -> None:
    """Empty the page cache once this transaction commits: text in it is being erased."""
    db.session.info[ERASE_CACHED_PAGES] = True


def _after_commit(db_session: Session) -> None:
    if db_session.info.pop(ERASE_CACHED_PAGES, False):
        clear()


def clear(app: Flask | None = None) -> None:
    """Drop every stored page (of every release), of ``app`` or the current app."""
    store = cache.cache if app is None else app.extensions["cache"][cache]
    store.clear()


# --- Setting up ------------------------------------------------------------------------


def cache_settings(app: Flask) -> dict[str, Any]:
    """Flask-Caching's settings from ``COMMUNITY_CACHE_URL``.

    "" (default): files under instance/cache; ``file:///path``: files there;
    ``redis://host:6379/0``: Redis; ``memory://``: this process only (tests);
    ``null://``: nothing stored.
    """
    url = app.config["COMMUNITY_CACHE_URL"] or ""
    settings: dict[str, Any] = {
        "CACHE_DEFAULT_TIMEOUT": app.config["COMMUNITY_PAGE_CACHE_TIMEOUT"],
        "CACHE_THRESHOLD": app.config["COMMUNITY_PAGE_CACHE_ENTRIES"],
        "CACHE_KEY_PREFIX": "",
    }
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {**settings, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url}
    if url == "memory://":
        return {**settings, "CACHE_TYPE": "SimpleCache"}
    if url == "null://":
        return {**settings, "CACHE_TYPE": "NullCache", "CACHE_NO_NULL_WARNING": True}
    directory = Path(url.removeprefix("file://")) if url else Path(app.instance_path) / "cache"
    # Cached pages are public, but the folder is the instance's: its owner's only.
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return {**settings, "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(directory)}


def init_app(app: Flask) -> None:
    cache.init_app(app, config=cache_settings(app))
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)

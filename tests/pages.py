"""Look inside the page cache of an app served in the test's process."""

from flask import Flask

from community.extensions import cache
from community.page_cache import KEY_PREFIX, CachedPage


def stored_page_keys(app: Flask) -> list[str]:
    """The keys of every page the app's cache holds, in either encoding."""
    with app.app_context():
        return [
            key for key in list(getattr(cache.cache, "_cache", {})) if key.startswith(KEY_PREFIX)
        ]


def cached_pages(app: Flask) -> dict[str, str]:
    """Every page the app's cache holds, by key, as the text it would send (the gzipped
    ones, kept under keys of their own once a client asks for one, are left out here)."""
    with app.app_context():
        found = {key: cache.cache.get(key) for key in stored_page_keys(app)}
    return {
        key: entry.body.decode()
        for key, entry in found.items()
        if isinstance(entry, CachedPage) and not entry.gzipped
    }

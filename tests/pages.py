"""Look inside the page cache of an app served in the test's process."""

from flask import Flask

from community.extensions import cache
from community.page_cache import CachedPage


def cached_pages(app: Flask) -> dict[str, str]:
    """Every page the app's cache holds, by key, as the text it would send (the gzipped
    ones, kept under keys of their own once a client asks for one, are left out here)."""
    with app.app_context():
        store = cache.cache
        found = {key: store.get(key) for key in list(getattr(store, "_cache", {}))}
    return {
        key: entry.body.decode()
        for key, entry in found.items()
        if isinstance(entry, CachedPage) and not entry.gzipped
    }

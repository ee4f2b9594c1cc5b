"""The site's public addresses, and the ids that stay the same wherever it is reached from.

Feeds, the sitemap, canonical links and links in mail name pages by
``COMMUNITY_CANONICAL_URL``, not by the Host of the request, which anyone can forge: a
site reached by its IP address, a second name or a proxy still names each page once.
Feed entries are identified by ``tag:`` URIs (RFC 4151) made of that host and a record's
id, which no edit, rename or move changes.
"""

from contextlib import contextmanager
from urllib.parse import urlsplit

from flask import current_app, has_request_context

# The date in tag: URIs: fixed, as the scheme requires of an id minted once.
TAG_DATE = "2026"


def canonical_url(path: str) -> str:
    """Return the public address of ``path`` (a path on this site, such as url_for gives)."""
    return current_app.config["COMMUNITY_CANONICAL_URL"].rstrip("/") + path


def tag_uri(specific: str) -> str:
    """Return a ``tag:`` URI naming ``specific`` (such as ``post:42``) on this site, forever."""
    host = urlsplit(current_app.config["COMMUNITY_CANONICAL_URL"]).hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:{specific}"


@contextmanager
def site_links():
    """Let ``url_for`` build this site's links where no request is served (CLI, mail loop).

    Outside a request Flask has no host to build on; this lends it the public address,
    so links built by the delivery loop read as those built while serving a page.
    """
    if has_request_context():
        yield
        return
    with current_app.test_request_context(base_url=current_app.config["COMMUNITY_CANONICAL_URL"]):
        yield

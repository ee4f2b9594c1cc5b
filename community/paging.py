"""The page of a listing that a request asks for."""

from flask import request

# Far beyond any real listing, and small enough for every database's OFFSET.
MAX_PAGE = 100_000


def requested_page() -> int:
    """Return ``?page=`` as a number from 1 to MAX_PAGE; anything that is not a number is 1."""
    page = request.args.get("page", 1, type=int)
    return min(max(page, 1), MAX_PAGE)

"""Links that carry a signed, dated payload: verify an address, reset a password, unsubscribe.

Each purpose signs with a salt of its own, so a link made for one purpose is refused by
every other. Payloads are readable by whoever holds the link (signed, not encrypted):
they name ids and fingerprints, never secrets.
"""

import hashlib
from datetime import datetime
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from community.models import utcnow


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"community-{purpose}")


def make_token(purpose: str, payload: dict[str, Any]) -> str:
    """Sign ``payload`` for ``purpose``, dated now."""
    return _serializer(purpose).dumps(payload)


def read_token(
    purpose: str, token: str, max_age_seconds: int | None, now: datetime | None = None
) -> dict[str, Any] | None:
    """Return the payload of a token signed for ``purpose`` no longer ago than allowed.

    None for anything else: forged, altered, made for another purpose, or too old as of
    ``now`` (the current time unless given; tests pass it to move the clock).
    """
    try:
        payload, signed_at = _serializer(purpose).loads(token, return_timestamp=True)
    except (BadSignature, UnicodeError, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    if max_age_seconds is not None:
        age = ((now or utcnow()) - signed_at).total_seconds()
        if age > max_age_seconds or age < -60:
            return None
    return payload


def fingerprint(secret: str) -> str:
    """A short digest of ``secret`` that tells whether it changed, and reveals nothing of it."""
    return hashlib.sha256(secret.encode()).hexdigest()[:24]

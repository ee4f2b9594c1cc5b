"""Daily digests: sent by the mail delivery loop once the day's digest hour has come."""

from datetime import datetime

from flask import current_app

from community.accounts.notifications_page import sentence_of
from community.extensions import db
from community.models import utcnow
from community.notifications.services import send_digests


def send_due_digests(now: datetime | None = None) -> int:
    """Send today's digests, from ``COMMUNITY_DIGEST_HOUR`` (UTC) on; return how many.

    Run by every delivery loop every few seconds: each member's digest is claimed for the
    day, so whichever loop comes first sends it and the others find it sent.
    """
    now = now or utcnow()
    if now.hour < current_app.config["COMMUNITY_DIGEST_HOUR"]:
        return 0
    sent = send_digests(sentence_of, now)
    db.session.commit()
    return sent


def send_digests_now() -> int:
    """Send today's digests whatever the hour (``send-digests``, from cron)."""
    sent = send_digests(sentence_of)
    db.session.commit()
    return sent

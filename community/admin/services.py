"""Canned reasons: admins keep them; every change is in the audit log.

Services flush; the request commits once.
"""

from sqlalchemy import select

from community.extensions import db
from community.models import CannedReason, User
from community.posts.audit import record_event


def list_reasons() -> list[CannedReason]:
    """Every canned reason, by title."""
    return list(
        db.session.scalars(select(CannedReason).order_by(CannedReason.title, CannedReason.id))
    )


def get_reason(reason_id: int) -> CannedReason | None:
    return db.session.get(CannedReason, reason_id)


def _as_logged(reason: CannedReason) -> str:
    return f"{reason.title}\n\n{reason.text}"


def add_reason(admin: User, title: str, text: str) -> CannedReason:
    """Keep a new reason ready for moderators."""
    reason = CannedReason(title=title, text=text)
    db.session.add(reason)
    db.session.flush()
    record_event("reason_added", actor=admin, subject=None, text_after=_as_logged(reason))
    db.session.flush()
    return reason


def change_reason(admin: User, reason: CannedReason, title: str, text: str) -> None:
    """Change a reason's title or text; decisions already taken keep the text they gave."""
    before = _as_logged(reason)
    reason.title, reason.text = title, text
    record_event("reason_changed", actor=admin, text_before=before, text_after=_as_logged(reason))
    db.session.flush()


def delete_reason(admin: User, reason: CannedReason) -> None:
    """Stop offering a reason; decisions already taken keep the text they gave."""
    record_event("reason_deleted", actor=admin, text_before=_as_logged(reason))
    db.session.delete(reason)
    db.session.flush()

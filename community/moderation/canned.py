"""The canned reasons admins keep (community.admin), as moderators' forms offer them."""

from sqlalchemy import select

from community.extensions import db
from community.models import CannedReason


def canned_reasons() -> list[CannedReason]:
    """Every canned reason, by title: one query, for every Reason field of a page."""
    return list(
        db.session.scalars(select(CannedReason).order_by(CannedReason.title, CannedReason.id))
    )

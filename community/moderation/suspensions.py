"""Suspending members: they keep reading and logging in, but cannot share, reply or report."""

from datetime import datetime

from community.extensions import db
from community.models import User, utcnow
from community.permissions import can_suspend, is_suspended
from community.posts.audit import record_event


class SuspensionRefused(Exception):
    """The suspension cannot be changed that way; the message says why."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


def suspend(moderator: User, member: User, reason: str, until: datetime | None) -> None:
    """Suspend ``member`` until ``until`` (None: until lifted), or change their suspension."""
    if not can_suspend(moderator, member):
        raise SuspensionRefused(
            "Moderators cannot suspend themselves or each other; an admin can take away a "
            "moderator's role first.",
            403,
        )
    now = utcnow()
    if until is not None and until <= now:
        raise SuspensionRefused("The end of a suspension must be a day still to come.", 400)
    member.suspended_at = now
    member.suspended_until = until
    member.suspension_reason = reason
    record_event("suspend", actor=moderator, subject=member, reason=reason, ends_at=until)
    db.session.flush()


def lift_suspension(moderator: User, member: User) -> None:
    """End ``member``'s suspension now."""
    if not is_suspended(member):
        raise SuspensionRefused(f"{member.username} is not suspended.")
    member.suspended_at = None
    member.suspended_until = None
    member.suspension_reason = None
    record_event("lift_suspension", actor=moderator, subject=member)
    db.session.flush()

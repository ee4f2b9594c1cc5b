"""Suspending members: they keep reading and logging in, but cannot share, reply or report."""

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from community.extensions import db
from community.models import User, utcnow
from community.permissions import can_suspend, is_suspended
from community.posts.audit import record_event


class SuspensionRefused(Exception):
    """The suspension cannot be changed that way; the message says why."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


class SuspensionLength(StrEnum):
    """How long a moderator suspends for: a quick choice, a day of their own, or until lifted."""

    SEVEN_DAYS = "7-days"
    THIRTY_DAYS = "30-days"
    UNTIL_DATE = "until-date"
    UNTIL_LIFTED = "until-lifted"


QUICK_LENGTHS = {
    SuspensionLength.SEVEN_DAYS: timedelta(days=7),
    SuspensionLength.THIRTY_DAYS: timedelta(days=30),
}
LENGTH_LABELS = {
    SuspensionLength.SEVEN_DAYS: "7 days",
    SuspensionLength.THIRTY_DAYS: "30 days",
    SuspensionLength.UNTIL_DATE: "Until the day below",
    SuspensionLength.UNTIL_LIFTED: "Until a moderator lifts it",
}


def suspension_end(length: str | None, day: date | None, now: datetime) -> datetime | None:
    """When a suspension chosen as ``length`` and ``day`` ends; None: when a moderator lifts it.

    A quick length counts from ``now``; a day ends it at the start of that day (UTC). With
    no length picked, a day given is the end, and no day means until lifted. A length that
    contradicts the day given (or needs one that is missing) is refused, not guessed at.
    """
    if not length:
        return _start_of(day) if day else None
    try:
        chosen = SuspensionLength(length)
    except ValueError:
        raise SuspensionRefused(
            "Choose how long: 7 days, 30 days, until a day, or until a moderator lifts it.", 400
        ) from None
    if chosen is SuspensionLength.UNTIL_DATE:
        if day is None:
            raise SuspensionRefused("Give the day the suspension ends.", 400)
        return _start_of(day)
    if day is not None:
        raise SuspensionRefused(
            f"You chose “{LENGTH_LABELS[chosen]}” and also gave a day: keep one of them.", 400
        )
    quick = QUICK_LENGTHS.get(chosen)
    return now + quick if quick else None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, UTC)


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

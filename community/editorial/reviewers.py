"""Reviewer profiles: who a reviewer is, as their sign-offs name them.

The admin pages (community.admin.reviewers) and the command line call these; a reviewer
signs off only with a profile, because a sign-off names the reviewer's full name and
credentials.
"""

from sqlalchemy import select

from community.database import insert_unless_duplicate
from community.extensions import db
from community.models import ReviewerProfile, Role, User, UserRole

_LENGTHS = {
    column.name: getattr(column.type, "length", None) for column in ReviewerProfile.__table__.c
}


class ProfileRefused(ValueError):
    """The profile could not be saved; the message says why."""


def reviewer_profile(user: User) -> ReviewerProfile | None:
    if not user.is_authenticated:
        return None
    return db.session.get(ReviewerProfile, user.id)


def save_reviewer_profile(
    user: User,
    *,
    full_name: str,
    credentials: str,
    specialty: str,
    registration_number: str | None = None,
) -> ReviewerProfile:
    """Create or update ``user``'s reviewer profile; raise ProfileRefused on bad input."""
    values = {
        "full_name": (full_name or "").strip(),
        "credentials": (credentials or "").strip(),
        "specialty": (specialty or "").strip(),
        "registration_number": (registration_number or "").strip() or None,
    }
    for name, value in values.items():
        label = name.replace("_", " ").capitalize()
        if not value and name != "registration_number":
            raise ProfileRefused(f"{label} is required for a reviewer profile.")
        if value and len(value) > _LENGTHS[name]:
            raise ProfileRefused(f"{label} must be at most {_LENGTHS[name]} characters.")
    profile = db.session.get(ReviewerProfile, user.id)
    if profile is None:
        profile = ReviewerProfile(user_id=user.id, **values)
        if insert_unless_duplicate(profile):
            return profile
        # Stored a moment ago by another request: this save is the latest.
        profile = db.session.get(ReviewerProfile, user.id)
    for name, value in values.items():
        setattr(profile, name, value)
    db.session.flush()
    return profile


def list_reviewers() -> list[tuple[User, ReviewerProfile | None]]:
    """Every account with the reviewer role, with its profile when it has one."""
    rows = db.session.execute(
        select(User, ReviewerProfile)
        .join(UserRole, UserRole.user_id == User.id)
        .outerjoin(ReviewerProfile, ReviewerProfile.user_id == User.id)
        .where(UserRole.role == Role.REVIEWER)
        .order_by(User.username_key)
    )
    return [(row[0], row[1]) for row in rows]

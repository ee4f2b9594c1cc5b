"""Reviewer profiles as admins keep them: every change is in the audit log.

The profile itself, and what makes it valid, belong to community.editorial.reviewers.
"""

from community.editorial.reviewers import (
    ProfileRefused,
    list_reviewers,
    reviewer_profile,
    save_reviewer_profile,
)
from community.extensions import db
from community.models import ReviewerProfile, Role, User
from community.posts.audit import record_event

__all__ = ["ProfileRefused", "list_reviewers", "reviewer_profile", "save_profile"]

FIELDS = (
    ("full_name", "Full name"),
    ("credentials", "Credentials"),
    ("specialty", "Specialty"),
    ("registration_number", "Registration number"),
)


def is_reviewer(user: User) -> bool:
    return user.has_role(Role.REVIEWER)


def _as_logged(profile: ReviewerProfile | None) -> str | None:
    if profile is None:
        return None
    return "\n".join(f"{label}: {getattr(profile, name) or ''}" for name, label in FIELDS)


def save_profile(
    admin: User,
    reviewer: User,
    *,
    full_name: str,
    credentials: str,
    specialty: str,
    registration_number: str | None,
    reason: str | None = None,
) -> ReviewerProfile:
    """Create or change ``reviewer``'s profile and log it; raise ProfileRefused on bad input."""
    before = _as_logged(reviewer_profile(reviewer))
    profile = save_reviewer_profile(
        reviewer,
        full_name=full_name,
        credentials=credentials,
        specialty=specialty,
        registration_number=registration_number,
    )
    after = _as_logged(profile)
    if after != before:
        record_event(
            "reviewer_profile_saved",
            actor=admin,
            subject=reviewer,
            reason=reason or None,
            text_before=before,
            text_after=after,
        )
        db.session.flush()
    return profile

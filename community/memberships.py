"""Joining and leaving a condition community."""

from sqlalchemy import delete, select

from community import counts
from community.database import insert_unless_duplicate
from community.extensions import db
from community.models import Condition, Membership, Relation, User


def membership_of(user: User, condition_id: int) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.condition_id == condition_id
        )
    )


def has_joined_any(user: User) -> bool:
    """Whether the member belongs to at least one condition community."""
    return (
        db.session.scalar(select(Membership.id).where(Membership.user_id == user.id).limit(1))
        is not None
    )


def join(user: User, condition: Condition, relation: Relation) -> Membership:
    """Make ``user`` a member, or update how an existing member relates to the condition."""
    existing = membership_of(user, condition.id)
    if existing is not None:
        existing.relation = relation
        db.session.flush()
        return existing
    membership = Membership(user_id=user.id, condition_id=condition.id, relation=relation)
    if not insert_unless_duplicate(membership):
        # A concurrent request joined first: the member is in, count it once.
        return membership_of(user, condition.id)
    counts.record_membership_change(condition.id, +1)
    return membership


def leave(user: User, condition: Condition) -> bool:
    """End the membership; return whether there was one. Posts stay as they are."""
    removed = db.session.execute(
        delete(Membership).where(
            Membership.user_id == user.id, Membership.condition_id == condition.id
        )
    ).rowcount
    if removed:
        counts.record_membership_change(condition.id, -removed)
    return bool(removed)

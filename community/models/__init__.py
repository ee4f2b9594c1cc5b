"""Every model, imported in one place so that Alembic sees the whole schema."""

from community.models.accounts import Role, User, UserRole
from community.models.conditions import Condition, Membership, Question, Relation
from community.models.moderation import (
    CannedReason,
    ModerationEvent,
    Report,
    ReportReason,
    ReportStatus,
)
from community.models.posts import Post, PostKind, PostState, path_segment
from community.models.summaries import SummaryRevision
from community.models.types import utcnow

__all__ = [
    "CannedReason",
    "Condition",
    "Membership",
    "ModerationEvent",
    "Post",
    "PostKind",
    "PostState",
    "Question",
    "Relation",
    "Report",
    "ReportReason",
    "ReportStatus",
    "Role",
    "SummaryRevision",
    "User",
    "UserRole",
    "path_segment",
    "utcnow",
]

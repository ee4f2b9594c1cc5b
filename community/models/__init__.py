"""Every model, imported in one place so that Alembic sees the whole schema."""

from community.models.accounts import Role, User, UserRole
from community.models.conditions import Condition, Membership, Question, Relation
from community.models.moderation import ModerationEvent, Report, ReportReason, ReportStatus
from community.models.posts import Post, PostKind, PostState, path_segment
from community.models.safety import Appeal, AppealStatus, SiteText, WatchedWord, WordAction
from community.models.summaries import SummaryRevision
from community.models.types import utcnow

__all__ = [
    "Appeal",
    "AppealStatus",
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
    "SiteText",
    "SummaryRevision",
    "User",
    "UserRole",
    "WatchedWord",
    "WordAction",
    "path_segment",
    "utcnow",
]

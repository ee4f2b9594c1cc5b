"""Every model, imported in one place so that Alembic sees the whole schema."""

from community.models.accounts import Role, User, UserRole
from community.models.conditions import Condition, Membership, Question, Relation
from community.models.mail import MailChoice, MailPreference, OutboxMessage
from community.models.moderation import ModerationEvent, Report, ReportReason, ReportStatus
from community.models.posts import Post, PostKind, PostState, path_segment
from community.models.summaries import SummaryRevision
from community.models.types import utcnow

__all__ = [
    "Condition",
    "MailChoice",
    "MailPreference",
    "Membership",
    "ModerationEvent",
    "OutboxMessage",
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

"""Every model, imported in one place so that Alembic sees the whole schema."""

from community.models.accounts import Role, User, UserRole
from community.models.conditions import Condition, Membership, Question, Relation
from community.models.mail import MailChoice, MailPreference, OutboxMessage
from community.models.moderation import (
    CannedReason,
    ModerationEvent,
    Report,
    ReportReason,
    ReportStatus,
)
from community.models.notifications import Notification, QuestionFollow
from community.models.page_versions import PageVersion
from community.models.posts import HelpedMark, Post, PostKind, PostState, path_segment
from community.models.safety import Appeal, AppealStatus, SiteText, WatchedWord, WordAction
from community.models.search import SearchDocument
from community.models.summaries import ReviewerProfile, RevisionState, SummaryRevision
from community.models.types import utcnow

__all__ = [
    "CannedReason",
    "Appeal",
    "AppealStatus",
    "Condition",
    "HelpedMark",
    "MailChoice",
    "MailPreference",
    "Membership",
    "ModerationEvent",
    "Notification",
    "PageVersion",
    "OutboxMessage",
    "Post",
    "PostKind",
    "PostState",
    "Question",
    "QuestionFollow",
    "Relation",
    "Report",
    "ReportReason",
    "ReportStatus",
    "ReviewerProfile",
    "RevisionState",
    "Role",
    "SearchDocument",
    "SiteText",
    "SummaryRevision",
    "User",
    "UserRole",
    "WatchedWord",
    "WordAction",
    "path_segment",
    "utcnow",
]

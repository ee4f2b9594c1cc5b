"""Every model, imported in one place so that Alembic sees the whole schema."""

from community.models.accounts import Role, User, UserRole
from community.models.conditions import (
    Condition,
    ConditionSlugAlias,
    Membership,
    Question,
    Relation,
)
from community.models.mail import MailChoice, MailPreference, OutboxMessage
from community.models.moderation import (
    CannedReason,
    ModerationEvent,
    Report,
    ReportReason,
    ReportStatus,
)
from community.models.notifications import DigestDay, Notification, QuestionFollow
from community.models.page_versions import PageVersion
from community.models.posts import HelpedMark, Post, PostKind, PostState, path_segment
from community.models.safety import Appeal, AppealStatus, SiteText, WatchedWord, WordAction
from community.models.search import SearchDocument
from community.models.suggestions import QuestionSuggestion, SuggestionState
from community.models.summaries import ReviewerProfile, RevisionState, SummaryRevision
from community.models.types import utcnow

__all__ = [
    "CannedReason",
    "Appeal",
    "AppealStatus",
    "Condition",
    "ConditionSlugAlias",
    "DigestDay",
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
    "QuestionSuggestion",
    "Relation",
    "Report",
    "ReportReason",
    "ReportStatus",
    "ReviewerProfile",
    "RevisionState",
    "Role",
    "SearchDocument",
    "SiteText",
    "SuggestionState",
    "SummaryRevision",
    "User",
    "UserRole",
    "WatchedWord",
    "WordAction",
    "path_segment",
    "utcnow",
]

"""What moderators decide (the audit log) and what members report."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.models.accounts import User
from community.models.conditions import Condition, Question
from community.models.posts import Post
from community.models.summaries import SummaryRevision
from community.models.types import UTCDateTime, enum_column, utcnow


class ModerationEvent(db.Model):
    """One moderation or admin action: who, what, when, why, and edited text."""

    __tablename__ = "moderation_events"
    __table_args__ = (
        Index("ix_moderation_events_created_at", "created_at"),
        Index("ix_moderation_events_actor_id_created_at", "actor_id", "created_at"),
        Index("ix_moderation_events_post_id", "post_id"),
        Index("ix_moderation_events_summary_revision_id", "summary_revision_id"),
        # A member's notifications are the events about them, newest first.
        Index("ix_moderation_events_subject_user_id_created_at", "subject_user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    condition_id: Mapped[int | None] = mapped_column(
        ForeignKey("conditions.id", ondelete="SET NULL")
    )
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Editorial actions: the question, and the summary revision acted on.
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"))
    summary_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("summary_revisions.id", ondelete="SET NULL")
    )
    reason: Mapped[str | None] = mapped_column(Text)
    text_before: Mapped[str | None] = mapped_column(Text)
    text_after: Mapped[str | None] = mapped_column(Text)
    # When what the action set ends, such as a suspension; None when it has no end.
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    subject: Mapped[User | None] = relationship(foreign_keys=[subject_user_id])
    post: Mapped[Post | None] = relationship()
    condition: Mapped[Condition | None] = relationship()
    question: Mapped[Question | None] = relationship()
    summary_revision: Mapped[SummaryRevision | None] = relationship()


class ReportReason(enum.Enum):
    MISINFORMATION = "misinformation"
    PERSONAL_INFORMATION = "personal_information"
    SPAM = "spam"
    ABUSE = "abuse"
    OTHER = "other"

    @property
    def label(self) -> str:
        return REPORT_REASON_LABELS[self]


REPORT_REASON_LABELS = {
    ReportReason.MISINFORMATION: "Medical misinformation",
    ReportReason.PERSONAL_INFORMATION: "Personal information",
    ReportReason.SPAM: "Spam",
    ReportReason.ABUSE: "Abuse",
    ReportReason.OTHER: "Other",
}


class ReportStatus(enum.Enum):
    OPEN = "open"
    UPHELD = "upheld"
    DISMISSED = "dismissed"


class Report(db.Model):
    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("post_id", "reporter_id"),
        Index("ix_reports_status_created_at", "status", "created_at"),
        # A member's reports: on every question page they read (is it theirs?), and in
        # their own data.
        Index("ix_reports_reporter_id", "reporter_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[ReportReason] = mapped_column(enum_column(ReportReason, "report_reason"))
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ReportStatus] = mapped_column(
        enum_column(ReportStatus, "report_status"), default=ReportStatus.OPEN
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    post: Mapped[Post] = relationship()
    reporter: Mapped[User | None] = relationship(foreign_keys=[reporter_id])


class CannedReason(db.Model):
    """A reason admins keep ready for moderators: a title to pick it by, the text authors read."""

    __tablename__ = "canned_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

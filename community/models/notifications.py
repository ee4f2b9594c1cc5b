"""What members are told in the site (notifications), and the questions they follow."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.models.types import UTCDateTime, utcnow


class Notification(db.Model):
    """One thing a member is told: a reply to their post, a moderator's decision about it,
    a new experience on a question they follow, or an editor's answer to their suggestion.
    Written in the event's transaction."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_recipient", "recipient_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # A kind of mail (community.mail.services.KINDS): the member chooses how each is mailed.
    kind: Mapped[str] = mapped_column(String(40))
    # The moderator's decision, for the "moderation" kind (a PostAction's value).
    action: Mapped[str | None] = mapped_column(String(40))
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    # The question it is about; none for a suggested question an editor declined.
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    # The member's suggested question an editor answered, for the "suggestion" kind.
    suggestion_id: Mapped[int | None] = mapped_column(
        ForeignKey("question_suggestions.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When it went by mail, or was settled not to (the member chose never): a digest
    # takes only the ones still open.
    mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    post = relationship("Post", lazy="raise")
    question = relationship("Question", lazy="raise")
    suggestion = relationship("QuestionSuggestion", lazy="raise")


class QuestionFollow(db.Model):
    """A member follows a question: they are told of each new published experience on it."""

    __tablename__ = "question_follows"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DigestDay(db.Model):
    """The last day a member was sent their daily digest.

    Whoever sends a digest first moves this date to today, in the transaction that queues
    the digest, and only if it was earlier: of several senders, one wins for the day.
    """

    __tablename__ = "digest_days"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    sent_on: Mapped[date] = mapped_column(Date)

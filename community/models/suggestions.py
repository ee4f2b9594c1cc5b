"""Questions members suggest for a condition, and what an editor answered."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.models.accounts import User
from community.models.conditions import Condition, Question
from community.models.types import UTCDateTime, enum_column, utcnow


class SuggestionState(enum.Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class QuestionSuggestion(db.Model):
    """A question a member asked an editor to add; its states are in
    community.suggestions.lifecycle."""

    __tablename__ = "question_suggestions"
    __table_args__ = (
        # The dashboard reads the pending ones; a member's page reads their own.
        Index("ix_question_suggestions_state_condition_id", "state", "condition_id"),
        Index("ix_question_suggestions_author_id", "author_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    condition_id: Mapped[int] = mapped_column(ForeignKey("conditions.id", ondelete="CASCADE"))
    # The suggestion goes with its author's account.
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    state: Mapped[SuggestionState] = mapped_column(
        enum_column(SuggestionState, "suggestion_state"),
        default=SuggestionState.PENDING,
        server_default=SuggestionState.PENDING.value,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The editor's reason for declining, which the member reads.
    decline_reason: Mapped[str | None] = mapped_column(Text)
    # The question an accepted suggestion became.
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"))

    condition: Mapped[Condition] = relationship(lazy="raise")
    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="raise")
    question: Mapped[Question | None] = relationship(lazy="raise")

"""Medically reviewed summaries, kept as revisions, and the reviewers who sign them off.

A revision moves through the states of community.editorial.lifecycle; visitors only ever
see the newest *published* revision, and a revision is published only by a sign-off.
"""

import enum
import hashlib
import json
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.models.accounts import User
from community.models.conditions import Question
from community.models.types import UTCDateTime, enum_column, utcnow


class RevisionState(enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    # Signed off by a reviewer, or recorded as signed off before reviewer accounts existed.
    PUBLISHED = "published"


class SummaryRevision(db.Model):
    __tablename__ = "summary_revisions"
    __table_args__ = (
        Index("ix_summary_revisions_question_id_id", "question_id", "id"),
        Index("ix_summary_revisions_state_question_id", "state", "question_id"),
        # A published revision always names who reviewed it and when: nothing unsigned
        # can be published, whatever code writes the row.
        CheckConstraint(
            "state <> 'published' OR (reviewer_name IS NOT NULL AND reviewed_on IS NOT NULL)",
            name="published_is_signed",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    state: Mapped[RevisionState] = mapped_column(
        enum_column(RevisionState, "revision_state"),
        default=RevisionState.DRAFT,
        server_default=RevisionState.DRAFT.value,
    )
    short_answer: Mapped[str] = mapped_column(Text)
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    # What changed and why, in the editor's words; shown in the public review history.
    change_note: Mapped[str | None] = mapped_column(Text)
    # The sign-off as the page shows it: the reviewer's name and credentials when they
    # signed (kept even if their profile changes later), and on which day.
    reviewer_name: Mapped[str | None] = mapped_column(String(200))
    reviewer_credentials: Mapped[str | None] = mapped_column(String(200))
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    updated_on: Mapped[date] = mapped_column(Date)
    next_review_due: Mapped[date | None] = mapped_column(Date)
    # A list of {"title", "url"} with optional "publisher", "year" and "accessed".
    sources: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # The author: who last wrote the text of this revision.
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The reviewer account that signed off; None for sign-offs recorded before accounts.
    signed_off_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    signed_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why a reviewer sent the revision back; the editor reads it.
    return_reason: Mapped[str | None] = mapped_column(Text)

    question: Mapped[Question] = relationship()
    editor: Mapped[User | None] = relationship(foreign_keys=[editor_id])
    signed_off_by: Mapped[User | None] = relationship(foreign_keys=[signed_off_by_id])

    @property
    def fingerprint(self) -> str:
        """Identify exactly the text a reviewer reads: any change to it changes this."""
        return content_fingerprint(
            self.short_answer, self.body_markdown, self.sources or [], self.change_note
        )

    @property
    def is_legacy_sign_off(self) -> bool:
        return self.state is RevisionState.PUBLISHED and self.signed_off_by_id is None

    def is_overdue_on(self, today: date) -> bool:
        """Whether its next medical review date has passed by ``today``."""
        return self.next_review_due is not None and self.next_review_due < today


def content_fingerprint(
    short_answer: str, body_markdown: str, sources: list[dict[str, str]], change_note: str | None
) -> str:
    canonical = json.dumps(
        [short_answer, body_markdown, sources, change_note or ""],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class ReviewerProfile(db.Model):
    """Who a reviewer is, as their sign-offs name them; a reviewer signs off only with one."""

    __tablename__ = "reviewer_profiles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    full_name: Mapped[str] = mapped_column(String(200))
    credentials: Mapped[str] = mapped_column(String(200))
    specialty: Mapped[str] = mapped_column(String(200))
    registration_number: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()

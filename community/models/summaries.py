"""Medically reviewed summaries, kept as revisions: the newest revision is the one shown."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.models.conditions import Question
from community.models.types import UTCDateTime, utcnow


class SummaryRevision(db.Model):
    __tablename__ = "summary_revisions"
    __table_args__ = (Index("ix_summary_revisions_question_id_id", "question_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    short_answer: Mapped[str] = mapped_column(Text)
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    reviewer_name: Mapped[str | None] = mapped_column(String(200))
    reviewer_credentials: Mapped[str | None] = mapped_column(String(200))
    reviewed_on: Mapped[date | None] = mapped_column(Date)
    updated_on: Mapped[date] = mapped_column(Date)
    next_review_due: Mapped[date | None] = mapped_column(Date)
    # A list of {"title": ..., "url": ...}.
    sources: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    question: Mapped[Question] = relationship()

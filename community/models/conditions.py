"""Conditions, the memberships of their communities, and the questions asked about them."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.models.types import UTCDateTime, enum_column, utcnow


class Relation(enum.Enum):
    """How a member relates to a condition; shown as a badge beside what they write."""

    PATIENT = "patient"
    CAREGIVER = "caregiver"
    PROFESSIONAL = "professional"
    RESEARCHER = "researcher"

    @property
    def joining_label(self) -> str:
        return RELATION_JOINING_LABELS[self]

    @property
    def badge(self) -> str:
        return RELATION_BADGES[self]


RELATION_JOINING_LABELS = {
    Relation.PATIENT: "I have this condition",
    Relation.CAREGIVER: "Family member or caregiver",
    Relation.PROFESSIONAL: "Healthcare professional",
    Relation.RESEARCHER: "Researcher",
}
RELATION_BADGES = {
    Relation.PATIENT: "Has this condition",
    Relation.CAREGIVER: "Family member or caregiver",
    Relation.PROFESSIONAL: "Healthcare professional",
    Relation.RESEARCHER: "Researcher",
}


class Condition(db.Model):
    __tablename__ = "conditions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    about_markdown: Mapped[str] = mapped_column(Text, default="")
    about_html: Mapped[str] = mapped_column(Text, default="")
    # Other names people search by ("PID", "inborn errors of immunity"): they find it.
    synonyms: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Counters, moved by atomic SQL increments in community.counts.
    member_count: Mapped[int] = mapped_column(default=0, server_default="0")
    contribution_count: Mapped[int] = mapped_column(default=0, server_default="0")

    # Questions added at once may share a position: the earlier added comes first.
    questions: Mapped[list["Question"]] = relationship(
        back_populates="condition", order_by=lambda: (Question.position, Question.id)
    )

    def __repr__(self) -> str:
        return f"<Condition {self.slug}>"


class ConditionSlugAlias(db.Model):
    """An address a condition had before its slug changed: it still leads there (a 301).

    A slug is either some condition's current slug or an alias, never both: taking a slug
    back removes its alias, and no condition may take another's alias.
    """

    __tablename__ = "condition_slug_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    old_slug: Mapped[str] = mapped_column(String(120), unique=True)
    condition_id: Mapped[int] = mapped_column(
        ForeignKey("conditions.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "condition_id"),
        Index("ix_memberships_condition_created", "condition_id", "created_at"),
        # Covers the badge beside each post: PostgreSQL reads it from the index alone.
        Index("ix_memberships_user_condition_relation", "user_id", "condition_id", "relation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    condition_id: Mapped[int] = mapped_column(ForeignKey("conditions.id", ondelete="CASCADE"))
    relation: Mapped[Relation] = mapped_column(enum_column(Relation, "relation"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    condition: Mapped[Condition] = relationship()


class Question(db.Model):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("condition_id", "slug"),
        Index("ix_questions_condition_position", "condition_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    condition_id: Mapped[int] = mapped_column(ForeignKey("conditions.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(160))
    title: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Approved experiences, i.e. distinct people who shared; see community.counts.
    sharer_count: Mapped[int] = mapped_column(default=0, server_default="0")

    condition: Mapped[Condition] = relationship(back_populates="questions")

    def __repr__(self) -> str:
        return f"<Question {self.slug}>"

"""Posts: experiences (top level, one per member per question) and replies, as a tree.

The tree is a materialized path: every post stores the ids from its experience down to
itself, zero-padded so that ordering by ``path`` within one ``root_id`` returns a whole
thread depth-first, replies in the order they were written, in one query.
"""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.models.accounts import User
from community.models.conditions import Condition, Question
from community.models.types import UTCDateTime, enum_column, utcnow

PATH_SEGMENT_WIDTH = 10


def path_segment(post_id: int) -> str:
    return str(post_id).zfill(PATH_SEGMENT_WIDTH)


class PostKind(enum.Enum):
    EXPERIENCE = "experience"
    REPLY = "reply"


class PostState(enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    REMOVED = "removed"
    # Taken out of view by members' reports until a moderator restores or removes it.
    HIDDEN = "hidden"
    DELETED = "deleted"


class Post(db.Model):
    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_question_kind_state_id", "question_id", "kind", "state", "id"),
        Index("ix_posts_root_id_path", "root_id", "path"),
        Index("ix_posts_state_created_at", "state", "created_at"),
        Index("ix_posts_author_id_created_at", "author_id", "created_at"),
        Index("ix_posts_condition_state_approved_at", "condition_id", "state", "approved_at"),
        Index("ix_posts_parent_id", "parent_id"),
        # Edits of published posts waiting for a moderator: the queue reads them oldest first.
        Index(
            "ix_posts_pending_edits",
            "updated_at",
            sqlite_where=text("pending_markdown IS NOT NULL"),
            postgresql_where=text("pending_markdown IS NOT NULL"),
        ),
        # One experience per member per question; a deleted one frees the place.
        Index(
            "uq_posts_one_experience_per_member",
            "question_id",
            "author_id",
            unique=True,
            sqlite_where=text("kind = 'experience' AND state != 'deleted'"),
            postgresql_where=text("kind = 'experience' AND state != 'deleted'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    condition_id: Mapped[int] = mapped_column(ForeignKey("conditions.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    # Null once the author's account is deleted and the post kept as "former member".
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    root_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(Text, default="")
    depth: Mapped[int] = mapped_column(default=0)
    kind: Mapped[PostKind] = mapped_column(enum_column(PostKind, "post_kind"))
    state: Mapped[PostState] = mapped_column(
        enum_column(PostState, "post_state"), default=PostState.PENDING
    )
    # The public text: the last approved version (or the first draft while pending).
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    # An edit of an approved post waits here until a moderator approves it.
    pending_markdown: Mapped[str | None] = mapped_column(Text)
    pending_html: Mapped[str | None] = mapped_column(Text)
    # Personal information found when the text was written, for moderators.
    personal_information: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Watched words and crisis phrases found when the text was written, for moderators:
    # [{"action": "crisis" | "flag" | "require_approval", "word": "..."}].
    watched_words: Mapped[list[dict[str, str]]] = mapped_column(
        JSON, default=list, server_default=text("'[]'")
    )
    # Written in words of self-harm or suicide intent: first in the moderators' queue.
    possible_crisis: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # How many members marked this experience "This helped me": kept with each mark and
    # undo (community/counts.py), shown from HELPED_SHOWN_FROM up, never an order.
    helped_count: Mapped[int] = mapped_column(default=0, server_default=text("0"))

    author: Mapped[User | None] = relationship()
    question: Mapped[Question] = relationship()
    condition: Mapped[Condition] = relationship()
    # The post a reply answers: read only where a query loads it with the reply (the queue
    # quotes it), never one query per reply.
    parent: Mapped["Post | None"] = relationship(
        remote_side=[id], foreign_keys=[parent_id], viewonly=True, lazy="raise"
    )

    def __repr__(self) -> str:
        return f"<Post {self.id} {self.kind.value} {self.state.value}>"


class HelpedMark(db.Model):
    """A member found an experience helpful: once per member and post, seen by nobody else."""

    __tablename__ = "helped_marks"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    post_id: Mapped[int] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

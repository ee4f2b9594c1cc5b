"""What the site watches for in members' writing, its guidelines, and members' appeals."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.models.accounts import User
from community.models.moderation import ModerationEvent
from community.models.posts import Post
from community.models.types import UTCDateTime, enum_column, utcnow


class WordAction(enum.Enum):
    """What a post containing a watched word or phrase gets."""

    # Refused: nothing is stored, and the author is told which word.
    BLOCK = "block"
    # Kept for a moderator even when its author's posts are otherwise published at once.
    REQUIRE_APPROVAL = "require_approval"
    # Highlighted in the moderation queue.
    FLAG = "flag"
    # Self-harm or suicide intent: the author sees where to find help, moderators see it first.
    CRISIS = "crisis"


class WatchedWord(db.Model):
    """A word or phrase admins watch for, matched as whole words whatever the case."""

    __tablename__ = "watched_words"

    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(String(200))
    # The word as matched (case-folded, its words joined by single spaces): one entry each.
    word_key: Mapped[str] = mapped_column(String(200), unique=True)
    action: Mapped[WordAction] = mapped_column(enum_column(WordAction, "word_action"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SiteText(db.Model):
    """A page of text admins write, such as the community guidelines."""

    __tablename__ = "site_texts"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class AppealStatus(enum.Enum):
    OPEN = "open"
    # The decision stands.
    UPHELD = "upheld"
    # The post is published again.
    REVERSED = "reversed"
    # The author deleted the post: nothing is left to hear.
    WITHDRAWN = "withdrawn"


class Appeal(db.Model):
    """An author's request that another moderator look again at a rejection or removal."""

    __tablename__ = "appeals"
    __table_args__ = (
        Index(
            "ix_appeals_open_created_at",
            "created_at",
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
        Index("ix_appeals_post_id", "post_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    # The decision appealed; each is appealed once.
    event_id: Mapped[int] = mapped_column(
        ForeignKey("moderation_events.id", ondelete="CASCADE"), unique=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[AppealStatus] = mapped_column(
        enum_column(AppealStatus, "appeal_status"), default=AppealStatus.OPEN
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    post: Mapped[Post] = relationship()
    event: Mapped[ModerationEvent] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])

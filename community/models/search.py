"""What search finds: one row per published summary revision or approved post.

Rows are written by the database itself for posts (triggers on ``posts``, so that no
way of changing a post can leave a stale row) and by :mod:`community.search.indexing`
for summaries (whose shown revision is decided in Python). The full-text index over
``text`` belongs to each engine and lives outside the models: see
:mod:`community.models.search_index`.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.models.types import UTCDateTime


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (
        Index("ix_search_documents_post_id", "post_id", unique=True),
        Index("ix_search_documents_summary_revision_id", "summary_revision_id", unique=True),
        Index("ix_search_documents_question_id", "question_id"),
        Index("ix_search_documents_condition_id", "condition_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # "summary", "experience" or "reply".
    kind: Mapped[str] = mapped_column(String(20))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    summary_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("summary_revisions.id", ondelete="CASCADE")
    )
    condition_id: Mapped[int] = mapped_column(ForeignKey("conditions.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)


# Imported last: the engines' index is created and dropped with the table.
from community.models.search_index import attach  # noqa: E402

attach(SearchDocument.__table__)

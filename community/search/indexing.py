"""Keep the summaries search finds the ones their pages show, in the same transaction.

Posts are indexed by the database (see community.models.search_index). Which revision of a
summary a question shows is decided in Python (``current_summary``), so every flush
that writes, changes or deletes a summary revision re-indexes its question's summary
from that one function: a superseded revision leaves the results with the flush that
supersedes it.
"""

from itertools import chain

from sqlalchemy import delete, event, insert, select
from sqlalchemy.orm import Session

from community.conditions.services import current_summary
from community.models import Question, SearchDocument, SummaryRevision


def summary_text(revision: SummaryRevision) -> str:
    """What search reads of a summary: its short answer, then its body."""
    return f"{revision.short_answer}\n\n{revision.body_markdown}"


def index_summary(session: Session, question_id: int) -> None:
    """Make the question's shown summary revision, and only that one, findable."""
    connection = session.connection()
    connection.execute(
        delete(SearchDocument).where(
            SearchDocument.question_id == question_id, SearchDocument.kind == "summary"
        )
    )
    question = session.get(Question, question_id)
    shown = current_summary(question) if question is not None else None
    if shown is None:
        return
    connection.execute(
        insert(SearchDocument).values(
            kind="summary",
            summary_revision_id=shown.id,
            condition_id=question.condition_id,
            question_id=question.id,
            text=summary_text(shown),
            published_at=shown.created_at,
        )
    )


def index_all_summaries(session: Session) -> int:
    """Index every question's shown summary: for revisions written around the session."""
    question_ids = session.scalars(select(Question.id).order_by(Question.id)).all()
    for question_id in question_ids:
        index_summary(session, question_id)
    return len(question_ids)


def _reindex_changed_summaries(session: Session, _flush_context) -> None:
    changed = chain(session.new, session.dirty, session.deleted)
    question_ids = {item.question_id for item in changed if isinstance(item, SummaryRevision)}
    if not question_ids:
        return
    with session.no_autoflush:
        for question_id in sorted(question_ids):
            index_summary(session, question_id)


def register() -> None:
    """Re-index summaries after every flush that touches a revision (once per process)."""
    if not event.contains(Session, "after_flush", _reindex_changed_summaries):
        event.listen(Session, "after_flush", _reindex_changed_summaries)

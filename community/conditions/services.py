"""Read what the condition and question pages show."""

from functools import cache

from sqlalchemy import Row, Select, bindparam, func, select
from sqlalchemy.orm import aliased, contains_eager, defer

from community.extensions import db
from community.models import Condition, Question, RevisionState, SummaryRevision


def list_conditions() -> list[Row]:
    """Return every condition's slug, name and counts, by name: all the directory shows."""
    return list(
        db.session.execute(
            select(
                Condition.slug, Condition.name, Condition.member_count, Condition.contribution_count
            ).order_by(Condition.name)
        )
    )


def get_condition(slug: str) -> Condition | None:
    return db.session.scalar(select(Condition).where(Condition.slug == slug))


def list_questions(condition: Condition) -> list[Row]:
    """Return the slug, title and sharer count of the condition's questions, in order."""
    return list(
        db.session.execute(
            select(Question.slug, Question.title, Question.sharer_count)
            .where(Question.condition_id == condition.id)
            .order_by(Question.position, Question.id)
        )
    )


def get_question(condition_slug: str, question_slug: str) -> Question | None:
    """Return the question with its condition loaded, in one query."""
    return db.session.scalar(
        select(Question)
        .join(Question.condition)
        .options(contains_eager(Question.condition))
        .where(Condition.slug == condition_slug, Question.slug == question_slug)
    )


def get_question_with_summary(
    condition_slug: str, question_slug: str
) -> tuple[Question, SummaryRevision | None] | None:
    """Return the question with its condition and its published summary, in one query."""
    row = db.session.execute(
        _question_with_summary(), {"condition_slug": condition_slug, "question_slug": question_slug}
    ).first()
    return None if row is None else (row[0], row[1])


@cache
def _question_with_summary() -> Select:
    # Built once: building it (an alias, a subquery) costs more than running it.
    newer = aliased(SummaryRevision)
    # Only a signed-off revision is ever shown: drafts and submissions stay with editors.
    newest_id = (
        select(func.max(newer.id))
        .where(newer.question_id == Question.id, newer.state == RevisionState.PUBLISHED)
        .scalar_subquery()
    )
    return (
        select(Question, SummaryRevision)
        .join(Question.condition)
        .outerjoin(SummaryRevision, SummaryRevision.id == newest_id)
        # The question page shows neither the condition's about text nor the summary's source.
        .options(
            contains_eager(Question.condition).defer(Condition.about_markdown),
            contains_eager(Question.condition).defer(Condition.about_html),
            defer(SummaryRevision.body_markdown),
        )
        .where(
            Condition.slug == bindparam("condition_slug"),
            Question.slug == bindparam("question_slug"),
        )
    )


def published_history(question_id: int) -> list[SummaryRevision]:
    """The published revisions of a question's summary, newest first: its review history."""
    return list(
        db.session.scalars(
            select(SummaryRevision)
            .where(
                SummaryRevision.question_id == question_id,
                SummaryRevision.state == RevisionState.PUBLISHED,
            )
            .order_by(SummaryRevision.id.desc())
        )
    )


def current_summary(question: Question) -> SummaryRevision | None:
    """Return the question's published summary: its newest signed-off revision."""
    return db.session.scalar(
        select(SummaryRevision)
        .where(
            SummaryRevision.question_id == question.id,
            SummaryRevision.state == RevisionState.PUBLISHED,
        )
        .order_by(SummaryRevision.id.desc())
        .limit(1)
    )

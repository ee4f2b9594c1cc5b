"""Read what the condition and question pages show."""

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from community.extensions import db
from community.models import Condition, Question, SummaryRevision


def list_conditions() -> list[Condition]:
    """Return every condition, by name, with its counts."""
    return list(db.session.scalars(select(Condition).order_by(Condition.name)))


def get_condition(slug: str) -> Condition | None:
    return db.session.scalar(select(Condition).where(Condition.slug == slug))


def list_questions(condition: Condition) -> list[Question]:
    return list(
        db.session.scalars(
            select(Question)
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


def current_summary(question: Question) -> SummaryRevision | None:
    """Return the newest revision of the question's summary."""
    return db.session.scalar(
        select(SummaryRevision)
        .where(SummaryRevision.question_id == question.id)
        .order_by(SummaryRevision.id.desc())
        .limit(1)
    )

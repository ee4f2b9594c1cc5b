"""What the editorial dashboard shows: revisions in each state, reviews falling due, and
questions members suggested."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from community.editorial.lifecycle import OPEN_STATES
from community.extensions import db
from community.models import (
    Condition,
    Question,
    QuestionSuggestion,
    RevisionState,
    SummaryRevision,
)
from community.suggestions.services import pending_suggestions

DUE_SOON_DAYS = 30


@dataclass
class Dashboard:
    drafts: list[SummaryRevision] = field(default_factory=list)
    awaiting_review: list[SummaryRevision] = field(default_factory=list)
    returned: list[SummaryRevision] = field(default_factory=list)
    overdue: list[SummaryRevision] = field(default_factory=list)
    due_soon: list[SummaryRevision] = field(default_factory=list)
    # Questions members suggested, waiting for an editor's answer.
    suggested: list[QuestionSuggestion] = field(default_factory=list)

    def sections(self) -> list[tuple[str, str, list[SummaryRevision]]]:
        """Each section's id, heading and revisions, in the order the page shows them."""
        return [
            ("drafts", "Drafts", self.drafts),
            ("awaiting-review", "Awaiting review", self.awaiting_review),
            ("returned", "Returned", self.returned),
            ("overdue", "Overdue for review", self.overdue),
            ("due-soon", f"Review due within {DUE_SOON_DAYS} days", self.due_soon),
        ]


def _by_condition(query):
    return (
        query.join(SummaryRevision.question)
        .join(Question.condition)
        .options(
            contains_eager(SummaryRevision.question).contains_eager(Question.condition),
            joinedload(SummaryRevision.editor),
        )
        .order_by(Condition.name, Question.position, Question.id, SummaryRevision.id)
    )


def load_dashboard(today: date) -> Dashboard:
    """Read every open revision, every published summary whose review falls due soon, and
    every suggested question waiting for an editor."""
    board = Dashboard(suggested=pending_suggestions())
    open_revisions = db.session.scalars(
        _by_condition(select(SummaryRevision).where(SummaryRevision.state.in_(OPEN_STATES)))
    ).all()
    lists = {
        RevisionState.DRAFT: board.drafts,
        RevisionState.SUBMITTED: board.awaiting_review,
        RevisionState.RETURNED: board.returned,
    }
    for revision in open_revisions:
        lists[revision.state].append(revision)

    newest_published = (
        select(func.max(SummaryRevision.id))
        .where(SummaryRevision.state == RevisionState.PUBLISHED)
        .group_by(SummaryRevision.question_id)
    )
    soon = today + timedelta(days=DUE_SOON_DAYS)
    falling_due = db.session.scalars(
        _by_condition(
            select(SummaryRevision).where(
                SummaryRevision.id.in_(newest_published),
                SummaryRevision.next_review_due <= soon,
            )
        )
    ).all()
    for revision in falling_due:
        (board.overdue if revision.is_overdue_on(today) else board.due_soon).append(revision)
    return board

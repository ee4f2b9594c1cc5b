"""Suggested questions: a member sends one, an editor's answer is stored once.

The editor's side (accepting creates a question) is community.editorial.suggestions; both
go through the lifecycle table (community.suggestions.lifecycle). Services flush, the
caller commits once.
"""

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import joinedload

from community.database import lock_row
from community.extensions import db
from community.models import Condition, Question, QuestionSuggestion, SuggestionState, User, utcnow
from community.permissions import can_write, is_suspended, must_verify_email
from community.suggestions.lifecycle import (
    LIFECYCLE,
    SuggestionAction,
    SuggestionRefused,
    refused_for_state,
)

MIN_LENGTH = 10
MAX_LENGTH = QuestionSuggestion.__table__.c.title.type.length
MAX_REASON = 1_000
ANSWER_COLUMNS = ("state", "decided_at", "decided_by_id", "decline_reason", "question_id")


def normal(title: str | None) -> str:
    """The question as stored: its words separated by single spaces."""
    return " ".join((title or "").split())


def suggest(member: User, condition: Condition, title: str) -> QuestionSuggestion:
    """Store the member's suggested question for the condition, pending an editor's answer."""
    if not can_write(member):
        raise SuggestionRefused(not_allowed_notice(member), 403)
    title = check_title(title)
    lowered = title.lower()
    # One member's suggestions are filed one at a time: the same question sent twice at
    # once (a second click) finds the first waiting.
    lock_row(User, member.id)
    asked = db.session.scalar(
        select(Question.title).where(
            Question.condition_id == condition.id, func.lower(Question.title) == lowered
        )
    )
    if asked is not None:
        raise SuggestionRefused(
            f"{condition.name} already has this question: “{asked}”. "
            "Share your experience on it instead.",
            400,
            "title",
        )
    waiting = db.session.scalar(
        select(QuestionSuggestion.id).where(
            QuestionSuggestion.author_id == member.id,
            QuestionSuggestion.condition_id == condition.id,
            QuestionSuggestion.state == SuggestionState.PENDING,
            func.lower(QuestionSuggestion.title) == lowered,
        )
    )
    if waiting is not None:
        raise SuggestionRefused(
            "You have already suggested this question; an editor will answer it.", 400, "title"
        )
    suggestion = QuestionSuggestion(condition_id=condition.id, author_id=member.id, title=title)
    db.session.add(suggestion)
    db.session.flush()
    return suggestion


def not_allowed_notice(member: User) -> str:
    """Tell a member who may not suggest questions why, in their words."""
    if is_suspended(member):
        return "Your account is suspended: you cannot suggest questions meanwhile."
    if must_verify_email(member):
        return (
            "Confirm your email address to suggest a question: follow the link we sent "
            f"to {member.email}."
        )
    return "You cannot suggest questions."


def check_title(title: str | None) -> str:
    """Return the question as stored, or raise SuggestionRefused saying what is wrong."""
    title = normal(title)
    if not title:
        raise SuggestionRefused("Write the question you would like answered.", 400, "title")
    if len(title) < MIN_LENGTH:
        raise SuggestionRefused(
            f"Write the whole question: at least {MIN_LENGTH} characters.", 400, "title"
        )
    if len(title) > MAX_LENGTH:
        raise SuggestionRefused(f"At most {MAX_LENGTH} characters.", 400, "title")
    return title


def check_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise SuggestionRefused("Say why; the member reads your reason.", 400, "reason")
    if len(reason) > MAX_REASON:
        raise SuggestionRefused(f"At most {MAX_REASON:,} characters.", 400, "reason")
    return reason


def get_suggestion(suggestion_id: int) -> QuestionSuggestion | None:
    """The suggestion with its condition and author: all the dashboard shows of them."""
    return db.session.scalar(
        select(QuestionSuggestion)
        .options(joinedload(QuestionSuggestion.condition), joinedload(QuestionSuggestion.author))
        .where(QuestionSuggestion.id == suggestion_id)
    )


def answer(
    suggestion: QuestionSuggestion, action: SuggestionAction, editor: User, **values
) -> None:
    """Move the suggestion to the action's state only if it is still where the action applies.

    Compare-and-set in one UPDATE: of two editors answering the same suggestion at once,
    the second changes nothing and is told another editor answered first (409).
    """
    step = LIFECYCLE[action]
    moved = db.session.execute(
        update(QuestionSuggestion)
        .where(
            QuestionSuggestion.id == suggestion.id,
            QuestionSuggestion.state.in_(step.from_states),
        )
        .values(state=step.to_state, decided_at=utcnow(), decided_by_id=editor.id, **values)
        .execution_options(synchronize_session=False)
    )
    # Read back what was stored; the relationships loaded with it stay.
    db.session.refresh(suggestion, list(ANSWER_COLUMNS))
    if moved.rowcount != 1:
        raise refused_for_state(action, suggestion.state)


# Reading


def pending_suggestions() -> list[QuestionSuggestion]:
    """Every suggestion waiting for an editor, by condition, oldest first."""
    return list(
        db.session.scalars(
            select(QuestionSuggestion)
            .join(QuestionSuggestion.condition)
            .options(
                joinedload(QuestionSuggestion.condition), joinedload(QuestionSuggestion.author)
            )
            .where(QuestionSuggestion.state == SuggestionState.PENDING)
            .order_by(Condition.name, QuestionSuggestion.created_at, QuestionSuggestion.id)
        )
    )


def suggestions_of(member: User) -> list[QuestionSuggestion]:
    """The member's suggestions, newest first, with their conditions and created questions."""
    return list(
        db.session.scalars(
            select(QuestionSuggestion)
            .options(
                joinedload(QuestionSuggestion.condition),
                joinedload(QuestionSuggestion.question).joinedload(Question.condition),
            )
            .where(QuestionSuggestion.author_id == member.id)
            .order_by(QuestionSuggestion.created_at.desc(), QuestionSuggestion.id.desc())
        )
    )


def forget_suggestions_of(member: User) -> None:
    """Remove the member's suggestions (their account is going)."""
    db.session.execute(delete(QuestionSuggestion).where(QuestionSuggestion.author_id == member.id))
    db.session.flush()

"""Editors answer suggested questions: accepting creates the question, declining gives a reason.

Each answer is taken once (community.suggestions.services.answer compares and sets), goes
into the audit log, and tells the member who suggested it.
"""

from community.editorial.services import QuestionRefused, create_question
from community.extensions import db
from community.models import Question, QuestionSuggestion, User
from community.notifications.services import suggestion_answered
from community.posts.audit import record_event
from community.suggestions import services as suggestions
from community.suggestions.lifecycle import (
    SuggestionAction,
    SuggestionRefused,
    check,
    member_sentence,
)


def accept(editor: User, suggestion: QuestionSuggestion, title: str | None) -> Question:
    """Create the question, in the editor's wording (the member's if they kept it)."""
    check(SuggestionAction.ACCEPT, editor, suggestion)
    wording = suggestions.normal(title) or suggestion.title
    # The answer is taken first: of two editors accepting at once, the second waits here
    # and is refused, before it writes a question of its own.
    suggestions.answer(suggestion, SuggestionAction.ACCEPT, editor)
    try:
        question = create_question(editor, suggestion.condition.slug, wording)
    except QuestionRefused as refused:
        raise SuggestionRefused(refused.message, 400, "title") from None
    suggestion.question_id = question.id
    db.session.flush()
    record_event(
        SuggestionAction.ACCEPT.value,
        actor=editor,
        subject=suggestion.author,
        question=question,
        text_before=suggestion.title,
        text_after=wording if wording != suggestion.title else None,
    )
    _tell_member(suggestion, SuggestionAction.ACCEPT, editor)
    return question


def decline(editor: User, suggestion: QuestionSuggestion, reason: str | None) -> None:
    """Decline the suggestion with the reason the member reads."""
    check(SuggestionAction.DECLINE, editor, suggestion)
    reason = suggestions.check_reason(reason)
    suggestions.answer(suggestion, SuggestionAction.DECLINE, editor, decline_reason=reason)
    record_event(
        SuggestionAction.DECLINE.value,
        actor=editor,
        subject=suggestion.author,
        condition=suggestion.condition,
        reason=reason,
        text_before=suggestion.title,
    )
    _tell_member(suggestion, SuggestionAction.DECLINE, editor)


def _tell_member(suggestion: QuestionSuggestion, action: SuggestionAction, editor: User) -> None:
    sentence = member_sentence(suggestion, action.value)
    suggestion_answered(suggestion, action.value, editor, sentence)

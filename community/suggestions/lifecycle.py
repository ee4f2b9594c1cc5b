"""The suggested-question lifecycle, as one table: the pages, services and notices read it.

A member suggests a question (pending); an editor accepts it, which creates the question,
or declines it with a reason the member reads. Either answer is final.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass

from community.models import QuestionSuggestion, SuggestionState
from community.permissions import AnyUser, can_write_summaries


class SuggestionAction(enum.Enum):
    ACCEPT = "accept_question_suggestion"
    DECLINE = "decline_question_suggestion"


Allowed = Callable[[AnyUser, QuestionSuggestion], bool]


@dataclass(frozen=True)
class Step:
    """One action: its button, where it applies, who takes it, and its record."""

    label: str
    from_states: frozenset[SuggestionState]
    to_state: SuggestionState
    allowed: Allowed
    who: str
    reason_required: bool
    # How a refusal names the action: "it cannot be <done>".
    done: str
    # What the audit log calls it, what the editor is told, and what the member reads.
    audit_label: str
    notice: str
    member_notice: str


LIFECYCLE: dict[SuggestionAction, Step] = {
    SuggestionAction.ACCEPT: Step(
        label="Accept",
        done="accepted",
        from_states=frozenset({SuggestionState.PENDING}),
        to_state=SuggestionState.ACCEPTED,
        allowed=lambda user, suggestion: can_write_summaries(user),
        who="editor",
        reason_required=False,
        audit_label="Accepted a suggested question",
        notice="Accepted: the question is open for experiences. Now write its summary.",
        member_notice="An editor accepted the question you suggested, “{title}”",
    ),
    SuggestionAction.DECLINE: Step(
        label="Decline",
        done="declined",
        from_states=frozenset({SuggestionState.PENDING}),
        to_state=SuggestionState.DECLINED,
        allowed=lambda user, suggestion: can_write_summaries(user),
        who="editor",
        reason_required=True,
        audit_label="Declined a suggested question",
        notice="Declined: the member will read your reason.",
        member_notice="An editor declined the question you suggested, “{title}”",
    ),
}

# How the member and the editors read each state.
STATE_LABELS = {
    SuggestionState.PENDING: "Waiting for an editor",
    SuggestionState.ACCEPTED: "Accepted",
    SuggestionState.DECLINED: "Declined",
}
# The audit log's names for these actions.
AUDIT_LABELS = {action.value: step.audit_label for action, step in LIFECYCLE.items()}


class SuggestionRefused(Exception):
    """The action cannot be taken: ``message`` says why, ``status`` is the HTTP answer,
    ``field`` the form field it belongs to, if any."""

    def __init__(self, message: str, status: int = 409, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field


def check(action: SuggestionAction, user: AnyUser, suggestion: QuestionSuggestion) -> Step:
    """Return the step for ``action`` or raise SuggestionRefused."""
    step = LIFECYCLE[action]
    if not step.allowed(user, suggestion):
        raise SuggestionRefused(f"Only an {step.who} may {step.label.lower()} a suggestion.", 403)
    if suggestion.state not in step.from_states:
        raise refused_for_state(action, suggestion.state)
    return step


def refused_for_state(action: SuggestionAction, state: SuggestionState) -> SuggestionRefused:
    label = STATE_LABELS[state].lower()
    return SuggestionRefused(
        f"This suggestion is already {label}: it cannot be {LIFECYCLE[action].done}. "
        "Another editor answered it first."
        if state is not SuggestionState.PENDING
        else f"This suggestion cannot be {LIFECYCLE[action].done}."
    )


def member_sentence(suggestion: QuestionSuggestion, action: str) -> str:
    """How the member reads an editor's answer, in the site and in mail: with the reason."""
    text = LIFECYCLE[SuggestionAction(action)].member_notice.format(title=suggestion.title)
    if action == SuggestionAction.DECLINE.value and suggestion.decline_reason:
        return f"{text}: {suggestion.decline_reason}"
    return f"{text}."


def available_actions(user: AnyUser, suggestion: QuestionSuggestion) -> list[SuggestionAction]:
    """The actions ``user`` may take on ``suggestion`` now: the buttons the dashboard offers."""
    return [
        action
        for action, step in LIFECYCLE.items()
        if suggestion.state in step.from_states and step.allowed(user, suggestion)
    ]

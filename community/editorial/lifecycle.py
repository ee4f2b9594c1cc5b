"""The summary revision lifecycle, as one table: every page, service and notice reads it.

A revision is written and saved as a draft, submitted for review, then either signed off
by a reviewer (which publishes exactly that text) or returned with a reason. Saving a
submitted revision sends it back to draft: a reviewer only ever signs what they read.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass

from community.models import RevisionState, SummaryRevision
from community.permissions import AnyUser, can_review_revision, can_write_summaries
from community.suggestions.lifecycle import AUDIT_LABELS as SUGGESTION_AUDIT_LABELS


class RevisionAction(enum.Enum):
    SAVE_DRAFT = "save_summary_draft"
    SUBMIT = "submit_summary"
    SIGN_OFF = "sign_off_summary"
    REQUEST_CHANGES = "request_summary_changes"


# Who may take an action on a revision; None is a revision not written yet.
Allowed = Callable[[AnyUser, SummaryRevision | None], bool]


@dataclass(frozen=True)
class Step:
    """One action of the lifecycle: its button, where it applies, who takes it, its record."""

    label: str
    from_states: frozenset[RevisionState | None]
    to_state: RevisionState
    allowed: Allowed
    who: str
    reason_required: bool
    # How a refusal names the action: "it cannot be <done>".
    done: str
    # What the audit log calls it, and what the actor is told once it is done.
    audit_label: str
    notice: str


OPEN_STATES = frozenset({RevisionState.DRAFT, RevisionState.SUBMITTED, RevisionState.RETURNED})
# A question with no revision being written starts a new one from its published text.
WRITABLE = OPEN_STATES | {None}

LIFECYCLE: dict[RevisionAction, Step] = {
    RevisionAction.SAVE_DRAFT: Step(
        label="Save draft",
        done="saved",
        from_states=WRITABLE,
        to_state=RevisionState.DRAFT,
        allowed=lambda user, revision: can_write_summaries(user),
        who="editor",
        reason_required=False,
        audit_label="Saved a summary draft",
        notice="Draft saved. It is not published until a reviewer signs it off.",
    ),
    RevisionAction.SUBMIT: Step(
        label="Submit for review",
        done="submitted",
        from_states=WRITABLE,
        to_state=RevisionState.SUBMITTED,
        allowed=lambda user, revision: can_write_summaries(user),
        who="editor",
        reason_required=False,
        audit_label="Submitted a summary for review",
        notice="Submitted for review. A reviewer will sign it off or return it to you.",
    ),
    RevisionAction.SIGN_OFF: Step(
        label="Sign off",
        done="signed off",
        from_states=frozenset({RevisionState.SUBMITTED}),
        to_state=RevisionState.PUBLISHED,
        allowed=can_review_revision,
        who="reviewer who did not write it, with a reviewer profile",
        reason_required=False,
        audit_label="Signed off and published a summary",
        notice="Signed off: this revision is now the published summary.",
    ),
    RevisionAction.REQUEST_CHANGES: Step(
        label="Request changes",
        done="returned",
        from_states=frozenset({RevisionState.SUBMITTED}),
        to_state=RevisionState.RETURNED,
        allowed=can_review_revision,
        who="reviewer who did not write it",
        reason_required=True,
        audit_label="Requested changes to a summary",
        notice="Returned to the editor with your reason.",
    ),
}

STATE_LABELS = {
    RevisionState.DRAFT: "Draft",
    RevisionState.SUBMITTED: "Awaiting review",
    RevisionState.RETURNED: "Returned",
    RevisionState.PUBLISHED: "Published",
}

# What the audit log calls each editorial action, including those outside the lifecycle.
AUDIT_LABELS = {action.value: step.audit_label for action, step in LIFECYCLE.items()} | {
    "create_question": "Created a question",
    "import_summary": "Imported a summary draft",
    "import_signed_off_summary": "Imported a signed-off summary",
    **SUGGESTION_AUDIT_LABELS,
}


def audit_label(action: str) -> str | None:
    """What the audit log calls an editorial action; None for the actions of other features."""
    return AUDIT_LABELS.get(action)


class RevisionRefused(Exception):
    """The action cannot be taken: the message says why, ``status`` is the HTTP answer."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def state_of(revision: SummaryRevision | None) -> RevisionState | None:
    return None if revision is None else revision.state


def check(action: RevisionAction, user: AnyUser | None, revision: SummaryRevision | None) -> Step:
    """Return the step for ``action`` or raise RevisionRefused; ``user`` None is the site."""
    step = LIFECYCLE[action]
    state = state_of(revision)
    if state not in step.from_states:
        label = STATE_LABELS[state].lower() if state else "not written"
        raise RevisionRefused(f"This revision is {label}: it cannot be {step.done}.")
    if user is not None and not step.allowed(user, revision):
        raise RevisionRefused(f"Only a {step.who} may {step.label.lower()} this revision.", 403)
    return step


def available_actions(user: AnyUser, revision: SummaryRevision | None) -> list[RevisionAction]:
    """The actions ``user`` may take on ``revision`` now: the buttons a page offers."""
    state = state_of(revision)
    return [
        action
        for action, step in LIFECYCLE.items()
        if state in step.from_states and step.allowed(user, revision)
    ]

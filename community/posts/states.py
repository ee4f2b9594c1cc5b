"""The post state machine, as a table."""

import enum

from community.models import PostState


class PostAction(enum.Enum):
    APPROVE = "approve"
    REJECT = "reject"
    # A moderator's edit of the text, published at once (also sanitizing a published post).
    EDIT_AND_APPROVE = "edit_and_approve"
    # The decisions on an author's edit of a published post.
    APPROVE_EDIT = "approve_edit"
    REJECT_EDIT = "reject_edit"
    REMOVE = "remove"
    RESTORE = "restore"
    # Open reports from enough members take a published post out of view.
    HIDE = "hide"
    DELETE = "delete"

    @property
    def refusal(self) -> str:
        """Say that the action cannot be taken, to follow "This post is <state>: "."""
        return REFUSALS[self]


REFUSALS = {
    PostAction.APPROVE: "it cannot be approved",
    PostAction.REJECT: "it cannot be rejected",
    PostAction.EDIT_AND_APPROVE: "it cannot be edited and approved",
    PostAction.APPROVE_EDIT: "it has no edit to approve",
    PostAction.REJECT_EDIT: "it has no edit to reject",
    PostAction.REMOVE: "it cannot be removed",
    PostAction.RESTORE: "it cannot be restored",
    PostAction.HIDE: "it cannot be hidden",
    PostAction.DELETE: "it cannot be deleted",
}

# The edit decisions also need an edit waiting; see community.moderation.services.
EDIT_DECISIONS = (PostAction.APPROVE_EDIT, PostAction.REJECT_EDIT)

TRANSITIONS: dict[tuple[PostState, PostAction], PostState] = {
    (PostState.PENDING, PostAction.APPROVE): PostState.APPROVED,
    (PostState.PENDING, PostAction.REJECT): PostState.REJECTED,
    (PostState.PENDING, PostAction.EDIT_AND_APPROVE): PostState.APPROVED,
    (PostState.APPROVED, PostAction.EDIT_AND_APPROVE): PostState.APPROVED,
    (PostState.HIDDEN, PostAction.EDIT_AND_APPROVE): PostState.APPROVED,
    (PostState.APPROVED, PostAction.APPROVE_EDIT): PostState.APPROVED,
    (PostState.APPROVED, PostAction.REJECT_EDIT): PostState.APPROVED,
    (PostState.APPROVED, PostAction.REMOVE): PostState.REMOVED,
    (PostState.HIDDEN, PostAction.REMOVE): PostState.REMOVED,
    (PostState.APPROVED, PostAction.HIDE): PostState.HIDDEN,
    (PostState.REMOVED, PostAction.RESTORE): PostState.APPROVED,
    (PostState.HIDDEN, PostAction.RESTORE): PostState.APPROVED,
    (PostState.PENDING, PostAction.DELETE): PostState.DELETED,
    (PostState.APPROVED, PostAction.DELETE): PostState.DELETED,
    (PostState.REJECTED, PostAction.DELETE): PostState.DELETED,
    (PostState.REMOVED, PostAction.DELETE): PostState.DELETED,
    (PostState.HIDDEN, PostAction.DELETE): PostState.DELETED,
}


class TransitionRefused(Exception):
    """The action is not allowed from the post's current state."""

    def __init__(self, state: PostState, action: PostAction, message: str | None = None) -> None:
        super().__init__(message or f"This post is {state.value}: {action.refusal}.")
        self.state = state
        self.action = action


def next_state(state: PostState, action: PostAction) -> PostState:
    """Return the state ``action`` leads to from ``state``, or raise TransitionRefused."""
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise TransitionRefused(state, action) from None

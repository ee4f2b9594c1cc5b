"""The post state machine, as a table."""

import enum

from community.models import PostState


class PostAction(enum.Enum):
    APPROVE = "approve"
    REJECT = "reject"
    REMOVE = "remove"
    RESTORE = "restore"
    DELETE = "delete"


TRANSITIONS: dict[tuple[PostState, PostAction], PostState] = {
    (PostState.PENDING, PostAction.APPROVE): PostState.APPROVED,
    (PostState.PENDING, PostAction.REJECT): PostState.REJECTED,
    (PostState.APPROVED, PostAction.REMOVE): PostState.REMOVED,
    (PostState.REMOVED, PostAction.RESTORE): PostState.APPROVED,
    (PostState.PENDING, PostAction.DELETE): PostState.DELETED,
    (PostState.APPROVED, PostAction.DELETE): PostState.DELETED,
    (PostState.REJECTED, PostAction.DELETE): PostState.DELETED,
    (PostState.REMOVED, PostAction.DELETE): PostState.DELETED,
}


class TransitionRefused(Exception):
    """The action is not allowed from the post's current state."""

    def __init__(self, state: PostState, action: PostAction) -> None:
        past = f"{action.value.removesuffix('e')}ed"
        super().__init__(f"This post is {state.value}: it cannot be {past}.")
        self.state = state
        self.action = action


def next_state(state: PostState, action: PostAction) -> PostState:
    """Return the state ``action`` leads to from ``state``, or raise TransitionRefused."""
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise TransitionRefused(state, action) from None

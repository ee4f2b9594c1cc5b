"""A post's life, as one table: every action, the states it moves a post between, and its words.

Each entry of ``ACTIONS`` says, for one action: its label (the review page's button and the
audit log's wording), the states it goes from and to, whether the moderator must give a
reason, what becomes of the post's open reports, and the notice its author reads on
/account. The state machine (``TRANSITIONS``), the review page's decisions and forms, the
queue, the audit log, the account page and the services all read it. Counts follow the
states (``community.counts``): an action that moves a post into or out of "approved" moves
the condition's contribution count and, for an experience, the question's sharer count.

Adding an action: an entry here, its service function (community.moderation.services for a
moderator's decision) and its tests; tests/moderation/test_own_posts.py already covers it.
"""

import enum
from dataclasses import dataclass

from community.models import AppealStatus, PostState, ReportStatus


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
    # A moderator keeps a reported post as it is and closes its reports.
    DISMISS_REPORTS = "dismiss_reports"
    # A second moderator hears the author's appeal of a rejection or removal.
    UPHOLD_ON_APPEAL = "uphold_on_appeal"
    REVERSE_ON_APPEAL = "reverse_on_appeal"
    DELETE = "delete"
    # The author rewrites a rejected post and sends it to moderation again, once.
    RESUBMIT = "resubmit"

    @property
    def rule(self) -> "ActionRule":
        return ACTIONS[self]

    @property
    def refusal(self) -> str:
        """Say that the action cannot be taken, to follow "This post is <state>: "."""
        return ACTIONS[self].refusal


class Needs(enum.Enum):
    """What an action needs of a post besides its state."""

    NO_PENDING_EDIT = "no pending edit"
    PENDING_EDIT = "an edit waiting for approval"
    OPEN_REPORTS = "open reports"
    # An appeal from the author, heard by a moderator other than the one who decided.
    OPEN_APPEAL = "an open appeal"
    # A post is rewritten and sent again once: a second rejection is final.
    NOT_RESUBMITTED = "no earlier rewrite"


@dataclass(frozen=True)
class Reason:
    """The moderator's reason: asked for on the review page, read by the author."""

    # None: optional on the page (the form may still ask for it, see ``required``).
    required_message: str | None
    hint: str
    required: bool = True


@dataclass(frozen=True)
class ActionRule:
    label: str
    # From each state the action applies to, the state it leads to.
    moves: dict[PostState, PostState]
    refusal: str
    # A moderator's decision, taken on the review page. No moderator ever takes one on their
    # own post (community.permissions.can_decide, checked by every decision's service).
    by_moderator: bool = False
    # The review page's address for it, /moderation/posts/<id>/<verb>, and its button.
    verb: str | None = None
    button: str | None = None
    danger: bool = False
    # Where its button sits among the review page's decisions, first to last.
    place: int = 0
    # What the review page says the button does; the second when the post has open reports.
    hint: str | None = None
    hint_with_reports: str | None = None
    reason: Reason | None = None
    needs: Needs | None = None
    # What becomes of the post's open reports.
    reports: ReportStatus | None = None
    # What becomes of the author's open appeal, when an action answers it without hearing it.
    appeal: AppealStatus | None = None
    # Kept in the audit log (a deletion erases the post's text, see delete_own_post).
    logged: bool = True
    # What the author reads on /account, and whether the moderator's reason follows it.
    notice: str | None = None
    notice_with_reason: bool = False

    def counted(self, old: PostState) -> int:
        """How the action moves a post's published counts from ``old``: +1, -1 or 0."""
        new = self.moves[old]
        return (new is PostState.APPROVED) - (old is PostState.APPROVED)


P, A, R, X, H, D = (
    PostState.PENDING,
    PostState.APPROVED,
    PostState.REJECTED,
    PostState.REMOVED,
    PostState.HIDDEN,
    PostState.DELETED,
)
TOLD_AUTHOR = "Shown to the author."

# In the order the audit log's filter lists them.
ACTIONS: dict[PostAction, ActionRule] = {
    PostAction.APPROVE: ActionRule(
        label="Approved",
        moves={P: A},
        refusal="it cannot be approved",
        by_moderator=True,
        verb="approve",
        place=1,
        button="Approve",
        hint="Publish the post as it is.",
        needs=Needs.NO_PENDING_EDIT,
        notice="Your {kind} on “{question}” was approved",
    ),
    PostAction.REJECT: ActionRule(
        label="Rejected",
        moves={P: R},
        refusal="it cannot be rejected",
        by_moderator=True,
        verb="reject",
        place=2,
        button="Reject",
        danger=True,
        hint="Do not publish the post.",
        reason=Reason("Say why the post is not published; its author reads this.", TOLD_AUTHOR),
        needs=Needs.NO_PENDING_EDIT,
        notice="Your {kind} on “{question}” was not published",
        notice_with_reason=True,
    ),
    PostAction.EDIT_AND_APPROVE: ActionRule(
        label="Edited and approved",
        moves={P: A, A: A, H: A},
        refusal="it cannot be edited and approved",
        by_moderator=True,
        verb="edit",
        button="Save and approve",
        reason=Reason(None, "Say what you changed and why; the author reads this."),
        reports=ReportStatus.UPHELD,
        notice="A moderator edited your {kind} on “{question}” and published it",
        notice_with_reason=True,
    ),
    PostAction.APPROVE_EDIT: ActionRule(
        label="Approved an edit",
        moves={A: A},
        refusal="it has no edit to approve",
        by_moderator=True,
        verb="approve",
        place=1,
        button="Approve",
        hint="Publish the edit as the author wrote it.",
        needs=Needs.PENDING_EDIT,
        notice="Your edit of your {kind} on “{question}” was approved",
    ),
    PostAction.REJECT_EDIT: ActionRule(
        label="Rejected an edit",
        moves={A: A},
        refusal="it has no edit to reject",
        by_moderator=True,
        verb="reject",
        place=2,
        button="Reject",
        danger=True,
        hint="Keep the published text; the edit is dropped.",
        reason=Reason("Say why the post is not published; its author reads this.", TOLD_AUTHOR),
        needs=Needs.PENDING_EDIT,
        notice="Your edit of your {kind} on “{question}” was not published",
        notice_with_reason=True,
    ),
    PostAction.REMOVE: ActionRule(
        label="Removed",
        moves={A: X, H: X},
        refusal="it cannot be removed",
        by_moderator=True,
        verb="remove",
        place=5,
        button="Remove",
        danger=True,
        hint="Take the post down.",
        hint_with_reports="Take the post down; its reports are upheld.",
        reason=Reason("Say why the post is removed; its author reads this.", TOLD_AUTHOR),
        reports=ReportStatus.UPHELD,
        notice="Your {kind} on “{question}” was removed",
        notice_with_reason=True,
    ),
    PostAction.RESTORE: ActionRule(
        label="Restored",
        moves={X: A, H: A},
        refusal="it cannot be restored",
        by_moderator=True,
        verb="restore",
        place=3,
        button="Restore",
        hint="Publish the post again.",
        hint_with_reports="Publish the post again; its reports are dismissed.",
        reports=ReportStatus.DISMISSED,
        # Publishing a removed post again grants what its author's appeal asked.
        appeal=AppealStatus.REVERSED,
        notice="Your {kind} on “{question}” was restored",
    ),
    PostAction.HIDE: ActionRule(
        label="Hidden by reports",
        moves={A: H},
        refusal="it cannot be hidden",
        notice=(
            "Your {kind} on “{question}” was hidden after reports from members, "
            "until a moderator reviews it"
        ),
    ),
    PostAction.DISMISS_REPORTS: ActionRule(
        label="Dismissed reports",
        moves={A: A},
        refusal="it has no open reports to dismiss",
        by_moderator=True,
        verb="dismiss-reports",
        place=4,
        button="Dismiss reports",
        hint="Keep the post published and close its reports.",
        needs=Needs.OPEN_REPORTS,
        reports=ReportStatus.DISMISSED,
    ),
    PostAction.UPHOLD_ON_APPEAL: ActionRule(
        label="Upheld a decision on appeal",
        moves={R: R, X: X},
        refusal="it has no decision to uphold",
        by_moderator=True,
        verb="uphold-appeal",
        place=6,
        button="Uphold the decision",
        hint="The decision stands; the author reads why.",
        reason=Reason("Say why the decision stands; its author reads this.", TOLD_AUTHOR),
        needs=Needs.OPEN_APPEAL,
        notice="Your appeal about your {kind} on “{question}” was heard: the decision stands",
        notice_with_reason=True,
    ),
    PostAction.REVERSE_ON_APPEAL: ActionRule(
        label="Reversed a decision on appeal",
        moves={R: A, X: A},
        refusal="it has no decision to reverse",
        by_moderator=True,
        verb="reverse-appeal",
        place=7,
        button="Reverse the decision",
        hint="Publish the post: the decision was wrong.",
        reason=Reason(None, "Optional; the author reads this.", required=False),
        needs=Needs.OPEN_APPEAL,
        notice="Your appeal about your {kind} on “{question}” was upheld: it is published",
        notice_with_reason=True,
    ),
    PostAction.DELETE: ActionRule(
        label="Deleted by its author",
        moves={P: D, A: D, R: D, X: D, H: D},
        refusal="it cannot be deleted",
        logged=False,
        # A deleted post cannot be published again: its appeal is not left to be heard.
        appeal=AppealStatus.WITHDRAWN,
    ),
    PostAction.RESUBMIT: ActionRule(
        label="Rewritten and sent again by its author",
        # Back in the queue; counted only once a moderator approves it.
        moves={R: P},
        refusal="it cannot be rewritten and sent again",
        needs=Needs.NOT_RESUBMITTED,
    ),
}

# Actions the audit log keeps about members rather than posts: their label, their notice.
MEMBER_ACTIONS = {
    "suspend": ("Suspended a member", "Your account was suspended{until}", True),
    "lift_suspension": ("Lifted a suspension", "Your suspension was lifted", False),
}

# How each state reads: to moderators, and to the author of the post (None: not shown).
STATE_LABELS: dict[PostState, tuple[str, str | None]] = {
    P: ("Pending", "Awaiting moderation"),
    A: ("Published", "Published"),
    R: ("Rejected", "Not published"),
    X: ("Removed", "Removed by a moderator"),
    H: ("Hidden by reports", "Hidden after reports"),
    D: ("Deleted by its author", None),
}
MODERATOR_STATE_LABELS = {state: labels[0] for state, labels in STATE_LABELS.items()}
AUTHOR_STATE_LABELS = {state: labels[1] for state, labels in STATE_LABELS.items() if labels[1]}

# The actions a moderator takes on the review page, by the address they post to.
MODERATOR_ACTIONS = {action: rule for action, rule in ACTIONS.items() if rule.by_moderator}
VERBS = tuple(dict.fromkeys(rule.verb for rule in MODERATOR_ACTIONS.values()))
# The moderator's edit, published at once: a form of its own, with the text to publish.
EDIT_VERB = "edit"

# What the author does to a rejected post, once (community.posts.rewrite), from /account.
REWRITE_BUTTON = "Rewrite and send again"

# Decisions that did not publish a post, which its author may appeal once.
APPEALABLE = (PostAction.REJECT, PostAction.REMOVE)

# The edit decisions also need an edit waiting; see community.moderation.services.
EDIT_DECISIONS = tuple(a for a, rule in ACTIONS.items() if rule.needs is Needs.PENDING_EDIT)

TRANSITIONS: dict[tuple[PostState, PostAction], PostState] = {
    (old, action): new for action, rule in ACTIONS.items() for old, new in rule.moves.items()
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


def allowed(state: PostState, action: PostAction) -> bool:
    return state in ACTIONS[action].moves

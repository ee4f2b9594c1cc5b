"""The audit log: every moderation and editorial action, who took it, when, why, and edited text.

Editorial actions are named by community.editorial.lifecycle, which the log pages read too.
"""

from datetime import datetime

from community.extensions import db
from community.models import Condition, ModerationEvent, Post, Question, SummaryRevision, User
from community.posts.states import ACTIONS, MEMBER_ACTIONS
from community.safety.services import ADMIN_ACTION_LABELS

# Admins' changes (community.admin): to what moderators work from, to members' roles and
# reviewer profiles (about that member), and to conditions (about that condition).
ADMIN_ACTIONS = {
    "reason_added": "Reason added",
    "reason_changed": "Reason changed",
    "reason_deleted": "Reason deleted",
    "roles_changed": "Roles changed",
    "reviewer_profile_saved": "Reviewer profile saved",
    "condition_added": "Condition added",
    "condition_changed": "Condition changed",
}

# What each action is called in the log, in the order its filter lists them; actions of
# other features show as they are stored.
ACTION_LABELS = {
    **{action.value: rule.label for action, rule in ACTIONS.items() if rule.logged},
    **{action: label for action, (label, _, _) in MEMBER_ACTIONS.items()},
    **{action: label for action, label in ADMIN_ACTIONS.items()},
    **ADMIN_ACTION_LABELS,
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action.replace("_", " ").capitalize())


def record_event(
    action: str,
    *,
    actor: User | None,
    post: Post | None = None,
    subject: User | None = None,
    reason: str | None = None,
    text_before: str | None = None,
    text_after: str | None = None,
    ends_at: datetime | None = None,
    question: Question | None = None,
    revision: SummaryRevision | None = None,
    condition: Condition | None = None,
) -> ModerationEvent:
    """Add one entry to the audit log, in the caller's transaction.

    ``actor`` None means the site itself acted (a post hidden by members' reports, an
    import from the command line). Editorial actions name the question and the revision,
    or the condition alone (a suggested question declined).
    """
    if revision is not None and question is None:
        question = revision.question
    event = ModerationEvent(
        actor_id=actor.id if actor else None,
        action=action,
        post_id=post.id if post else None,
        condition_id=(
            post.condition_id
            if post
            else question.condition_id
            if question
            else condition.id
            if condition
            else None
        ),
        question_id=question.id if question else None,
        summary_revision_id=revision.id if revision else None,
        subject_user_id=subject.id if subject else (post.author_id if post else None),
        reason=reason,
        text_before=text_before,
        text_after=text_after,
        ends_at=ends_at,
    )
    db.session.add(event)
    return event

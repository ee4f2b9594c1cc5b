"""What a member's own account page shows: their posts with their states, what
moderators decided about them (notifications, read from the audit log), and the
questions they suggested with the editors' answers."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.appeals.services import appeal_states
from community.extensions import db
from community.models import ModerationEvent, Post, PostKind, QuestionSuggestion, User
from community.posts.states import ACTIONS, AUTHOR_STATE_LABELS, MEMBER_ACTIONS, PostAction
from community.suggestions.lifecycle import STATE_LABELS
from community.suggestions.services import suggestions_of
from community.wording import long_date

NOTIFICATIONS_SHOWN = 30
# How the member reads each state of a question they suggested.
SUGGESTION_STATE_LABELS = STATE_LABELS

# How the author reads each state of their post.
STATE_LABELS = AUTHOR_STATE_LABELS
# The author sees their posts in every state that has a label: all but deleted ones.
OWN_STATES = tuple(STATE_LABELS)

# Each notified action: the sentence, and whether the moderator's reason follows it.
NOTICES = {
    **{
        action.value: (rule.notice, rule.notice_with_reason)
        for action, rule in ACTIONS.items()
        if rule.notice
    },
    **{
        action: (notice, with_reason) for action, (_, notice, with_reason) in MEMBER_ACTIONS.items()
    },
}


# Decisions that did not publish a post: their notice links to the community guidelines.
REFUSALS = frozenset(
    action.value for action in (PostAction.REJECT, PostAction.REJECT_EDIT, PostAction.REMOVE)
)


@dataclass(frozen=True)
class Notification:
    text: str
    created_at: datetime
    post: Post | None
    action: str = ""
    event_id: int | None = None
    # For a rejection or removal: "appealable", or the state of its appeal ("appeal-open",
    # "appeal-upheld", "appeal-reversed", "appeal-withdrawn"); None otherwise.
    appeal: str | None = None

    @property
    def is_refusal(self) -> bool:
        return self.action in REFUSALS


def notifications_for(member: User) -> list[Notification]:
    """Return the latest moderation decisions about the member and their posts, newest first."""
    events = db.session.scalars(
        select(ModerationEvent)
        .options(joinedload(ModerationEvent.post).joinedload(Post.question))
        .where(ModerationEvent.subject_user_id == member.id, ModerationEvent.action.in_(NOTICES))
        .order_by(ModerationEvent.created_at.desc(), ModerationEvent.id.desc())
        .limit(NOTIFICATIONS_SHOWN)
    )
    events = list(events)
    appeals = appeal_states(member, events)
    return [
        Notification(
            _sentence(event),
            event.created_at,
            event.post,
            event.action,
            event.id,
            appeals.get(event.id),
        )
        for event in events
    ]


def _sentence(event: ModerationEvent) -> str:
    template, with_reason = NOTICES[event.action]
    post = event.post
    text = template.format(
        kind="experience" if post is None or post.kind is PostKind.EXPERIENCE else "reply",
        question=post.question.title if post else "a question",
        until=f" until {long_date(event.ends_at)}" if event.ends_at else "",
    )
    if with_reason and event.reason:
        return f"{text}: {event.reason}"
    return f"{text}."


def suggestions_for(member: User) -> list[QuestionSuggestion]:
    """The member's suggested questions, newest first: each with its state, the editor's
    reason when declined, and the question it became when accepted."""
    return suggestions_of(member)

"""Which decisions an author may appeal, and filing the appeal.

A rejection or removal is appealed once, while it is the post's latest such decision and
the post is still as it left it. Another moderator hears the appeal (see
community.moderation.services: uphold_appeal, reverse_appeal). Services flush; the request
commits once.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from community.database import insert_unless_duplicate, lock_row
from community.extensions import db
from community.models import Appeal, ModerationEvent, Post, User, utcnow
from community.posts.states import ACTIONS, APPEALABLE

APPEALABLE_ACTIONS = tuple(action.value for action in APPEALABLE)
# The state each appealable decision leaves a post in.
LEFT_IN = {action.value: next(iter(ACTIONS[action].moves.values())) for action in APPEALABLE}


class AppealRefused(Exception):
    """The decision cannot be appealed (any more); the message says why."""

    status = 409


class AlreadyAppealed(AppealRefused):
    def __init__(self) -> None:
        super().__init__("You have already appealed this decision; each decision is appealed once.")


def decision_to_appeal(event_id: int) -> ModerationEvent | None:
    """The decision with its post and question, or None."""
    return db.session.get(
        ModerationEvent,
        event_id,
        options=[joinedload(ModerationEvent.post).joinedload(Post.question)],
    )


def is_own_decision(member: User, event: ModerationEvent) -> bool:
    """A decision about the member's own post: only they may appeal it."""
    post = event.post
    return post is not None and post.author_id is not None and post.author_id == member.id


def appeal_states(member: User, events: list[ModerationEvent]) -> dict[int, str]:
    """For each of the member's appealable decisions among ``events``: "open" if it may be
    appealed now, or the state of the appeal filed ("open" appeals read "sent")."""
    candidates = [
        event
        for event in events
        if event.action in APPEALABLE_ACTIONS
        and event.post is not None
        and is_own_decision(member, event)
    ]
    if not candidates:
        return {}
    ids = [event.id for event in candidates]
    filed = dict(
        db.session.execute(
            select(Appeal.event_id, Appeal.status).where(Appeal.event_id.in_(ids))
        ).all()
    )
    latest = _latest_decisions({event.post_id for event in candidates})
    states = {}
    for event in candidates:
        if event.id in filed:
            states[event.id] = f"appeal-{filed[event.id].value}"
        elif _appealable(event, latest):
            states[event.id] = "appealable"
    return states


def _latest_decisions(post_ids: set[int]) -> dict[int, int]:
    """The latest appealable decision on each post, by post id."""
    return dict(
        db.session.execute(
            select(ModerationEvent.post_id, func.max(ModerationEvent.id))
            .where(
                ModerationEvent.post_id.in_(post_ids),
                ModerationEvent.action.in_(APPEALABLE_ACTIONS),
            )
            .group_by(ModerationEvent.post_id)
        ).all()
    )


def _appealable(event: ModerationEvent, latest: dict[int, int]) -> bool:
    post: Post = event.post
    return latest.get(post.id) == event.id and post.state is LEFT_IN[event.action]


def file_appeal(member: User, event: ModerationEvent, message: str) -> Appeal:
    """Ask that another moderator look again at a decision; once per decision."""
    # Checked on the locked post: a moderator's decision or the author's rewrite taken at
    # the same moment (each changes the post's row) waits, or is waited for.
    lock_row(Post, event.post_id)
    if db.session.scalar(select(Appeal.id).where(Appeal.event_id == event.id)) is not None:
        raise AlreadyAppealed()
    if event.action not in APPEALABLE_ACTIONS or not _appealable(
        event, _latest_decisions({event.post_id})
    ):
        raise AppealRefused("This decision can no longer be appealed.")
    appeal = Appeal(
        post_id=event.post_id,
        event_id=event.id,
        author_id=member.id,
        message=message,
        created_at=utcnow(),
    )
    if not insert_unless_duplicate(appeal):
        raise AlreadyAppealed()
    return appeal

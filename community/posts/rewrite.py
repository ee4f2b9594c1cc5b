"""Rewrite a rejected post and send it to moderation again: its author may, once.

The action is the lifecycle's RESUBMIT (community.posts.states): rejected → pending, kept in
the audit log with the text before and after. The counts move only once a moderator
approves it. Whether a post was sent again already is read from the audit log, which keeps
every action on a post; a second rejection is final (the author may still appeal it).
"""

from dataclasses import dataclass

from sqlalchemy import Row, Select, select

from community.database import lock_row
from community.extensions import db
from community.models import Appeal, AppealStatus, ModerationEvent, Post, PostState, User
from community.permissions import is_author
from community.posts.services import (
    Revision,
    apply_action,
    personal_information_of,
    screened,
)
from community.posts.states import PostAction, TransitionRefused
from community.text import member_source, render_markdown

ONCE = (
    "This post was rewritten and sent again once already: the second decision is final. "
    "You may appeal it from your account page."
)
NOT_REJECTED = "Only a post that was not published can be rewritten and sent again."
APPEALED = (
    "You appealed this decision: another moderator will look at it first. "
    "Once it is heard, you may rewrite the post if it is still not published."
)


@dataclass(frozen=True)
class EarlierRejection:
    """Why a post sent again was rejected before: what its moderator reads beside it."""

    reason: str | None
    text_before: str | None


@dataclass(frozen=True)
class Rewritable:
    """A rejected post its author may still rewrite, and why it was not published."""

    post_id: int
    reason: str | None


def rewritable(author: User, posts: list[Post]) -> dict[int, Rewritable]:
    """Of ``posts``, return the author's rejected ones that may be rewritten, by id.

    One query over the audit log: each post's rejection reason, and whether it was sent
    again already; and one for the appeals still open, which are heard first.
    """
    rejected = [
        post.id for post in posts if post.state is PostState.REJECTED and is_author(author, post)
    ]
    if not rejected:
        return {}
    events = _rejections_and_rewrites(select(Post.id).where(Post.id.in_(rejected)))
    sent_again = {event.post_id for event in events if event.action == PostAction.RESUBMIT.value}
    sent_again |= set(_appealed(rejected))
    reasons = {
        event.post_id: event.reason for event in events if event.action == PostAction.REJECT.value
    }
    return {
        post_id: Rewritable(post_id, reasons.get(post_id))
        for post_id in rejected
        if post_id not in sent_again
    }


def earlier_rejections(post_ids: list[int]) -> dict[int, EarlierRejection]:
    """Of ``post_ids``, those awaiting a decision again since their author rewrote them.

    The rejection is the one before the post was sent again.
    """
    if not post_ids:
        return {}
    pending = select(Post.id).where(Post.id.in_(post_ids), Post.state == PostState.PENDING)
    reasons: dict[int, str | None] = {}
    found: dict[int, EarlierRejection] = {}
    for event in _rejections_and_rewrites(pending):
        if event.action == PostAction.REJECT.value:
            reasons[event.post_id] = event.reason
        else:
            found[event.post_id] = EarlierRejection(reasons.get(event.post_id), event.text_before)
    return found


def _rejections_and_rewrites(posts: Select) -> list[Row]:
    """The rejections and rewrites of the ``posts`` selected, from the audit log, in order:
    one query, whatever their number."""
    return db.session.execute(
        select(
            ModerationEvent.post_id,
            ModerationEvent.action,
            ModerationEvent.reason,
            ModerationEvent.text_before,
        )
        .where(
            ModerationEvent.post_id.in_(posts.scalar_subquery()),
            ModerationEvent.action.in_((PostAction.REJECT.value, PostAction.RESUBMIT.value)),
        )
        .order_by(ModerationEvent.id)
    ).all()


def _appealed(post_ids: list[int]) -> list[int]:
    """Of ``post_ids``, those whose author's appeal is still open."""
    return list(
        db.session.scalars(
            select(Appeal.post_id).where(
                Appeal.post_id.in_(post_ids), Appeal.status == AppealStatus.OPEN
            )
        )
    )


def refusal(author: User, post: Post) -> str | None:
    """Say why ``author`` may not rewrite ``post`` now, or None when they may."""
    if post.state is not PostState.REJECTED:
        return NOT_REJECTED
    if _appealed([post.id]):
        return APPEALED
    if post.id not in rewritable(author, [post]):
        return ONCE
    return None


def rewrite_and_send(author: User, post: Post, markdown: str) -> None:
    """Replace a rejected post's text with ``markdown`` and send it to moderation again.

    Raises TransitionRefused when the post is not rejected or was sent again already, and
    WordRefused when the text holds a blocked word; nothing is changed then.
    """
    # Checked on the locked post: an appeal filed at the same moment locks it too.
    lock_row(Post, post.id)
    problem = refusal(author, post)
    if problem:
        raise TransitionRefused(post.state, PostAction.RESUBMIT, problem)
    markdown = member_source(markdown)
    screening = screened(markdown)
    revision = Revision(
        values={
            "body_markdown": markdown,
            "body_html": render_markdown(markdown),
            "personal_information": personal_information_of(markdown),
            "watched_words": screening.stored,
            "possible_crisis": screening.possible_crisis,
        },
        before=post.body_markdown,
        after=markdown,
    )
    apply_action(post, PostAction.RESUBMIT, actor=author, revision=revision)

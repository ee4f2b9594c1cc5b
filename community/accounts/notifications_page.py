"""What /account/notifications shows: each notification's sentence and its link into the thread."""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, url_for
from sqlalchemy import func, select

from community.extensions import db
from community.models import Notification, Post, PostKind, User
from community.notifications import services as notifications
from community.posts.states import ACTIONS, PostAction
from community.posts.threads import listed_experiences
from community.suggestions.lifecycle import member_sentence


@dataclass(frozen=True)
class Shown:
    text: str
    created_at: datetime
    unread: bool
    link: str


def sentence_of(notification: Notification) -> str:
    """How a notification reads, on the page and in a digest."""
    if notification.kind == notifications.SUGGESTION:
        return member_sentence(notification.suggestion, notification.action)
    question = notification.question.title
    if notification.kind != notifications.MODERATION:
        return notifications.default_sentence(notification.kind, question) + "."
    post = notification.post
    notice = ACTIONS[PostAction(notification.action)].notice or ""
    kind = "experience" if post is None or post.kind is PostKind.EXPERIENCE else "reply"
    return notice.format(kind=kind, question=question) + "."


def shown(member: User, page: int):
    """One page of notifications for the member, with their links worked out before rendering."""
    listing = notifications.notifications_page(member, page)
    listing.shown = [
        Shown(sentence_of(each), each.created_at, each.read_at is None, _link(member, each))
        for each in listing.items
    ]
    return listing


def _link(member: User, notification: Notification) -> str:
    """The post on the page of its question that shows its thread, as the member sees it;
    for an answer to a suggestion, the question it became or the member's list of them."""
    post = notification.post
    question = notification.question
    if notification.kind == notifications.SUGGESTION:
        if question is not None:
            return url_for("conditions.question", slug=question.condition.slug, qslug=question.slug)
        return url_for("accounts.account") + "#your-suggestions"
    earlier = db.session.scalar(
        select(func.count())
        .select_from(Post)
        .where(listed_experiences(post.question_id, member.id), Post.id < post.root_id)
    )
    page = earlier // current_app.config["COMMUNITY_EXPERIENCES_PER_PAGE"] + 1
    arguments = {"page": page} if page > 1 else {}
    url = url_for(
        "conditions.question", slug=question.condition.slug, qslug=question.slug, **arguments
    )
    return f"{url}#post-{post.id}"

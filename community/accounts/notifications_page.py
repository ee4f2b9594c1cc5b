"""What /account/notifications shows: each notification's sentence, and the link that opens it."""

from dataclasses import dataclass
from datetime import datetime

from flask import url_for

from community.models import Notification, PostKind, User
from community.notifications import services as notifications
from community.posts.states import ACTIONS, PostAction
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
    """One page of notifications for the member, each linking through the route that
    marks it read on its way to the post."""
    listing = notifications.notifications_page(member, page)
    listing.shown = [
        Shown(
            sentence_of(each),
            each.created_at,
            each.read_at is None,
            url_for("accounts.open_notification", notification_id=each.id),
        )
        for each in listing.items
    ]
    return listing

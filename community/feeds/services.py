"""Read what the feeds list: published experiences and published summary revisions only."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from community.conditions.services import published_revisions
from community.extensions import db
from community.models import (
    ModerationEvent,
    Post,
    PostKind,
    PostState,
    Question,
    SummaryRevision,
    User,
)
from community.posts.states import PostAction

# How many of the newest items a feed carries.
FEED_LENGTH = 50

# The decisions that make a text public; a feed entry was last updated by the latest.
PUBLISHING_ACTIONS = tuple(
    action.value
    for action in (PostAction.APPROVE, PostAction.EDIT_AND_APPROVE, PostAction.APPROVE_EDIT)
)


@dataclass(frozen=True)
class PublishedExperience:
    id: int
    author_name: str | None
    body_html: str
    question_slug: str
    question_title: str
    published: datetime
    # When its current text was approved: a later approved edit moves it.
    updated: datetime


def _last_published():
    """The time the post's current text was approved: the latest publishing decision."""
    decided = (
        select(func.max(ModerationEvent.created_at))
        .where(ModerationEvent.post_id == Post.id, ModerationEvent.action.in_(PUBLISHING_ACTIONS))
        .scalar_subquery()
    )
    # Posts of trusted members are published without a decision.
    return func.coalesce(decided, Post.approved_at)


def newest_experiences(
    *, condition_id: int | None = None, question_id: int | None = None
) -> list[PublishedExperience]:
    """Return the newest published experiences of a condition or of a question."""
    statement = (
        select(
            Post.id,
            User.username,
            Post.body_html,
            Question.slug,
            Question.title,
            Post.approved_at,
            _last_published(),
        )
        .join(Question, Question.id == Post.question_id)
        .outerjoin(User, User.id == Post.author_id)
        .where(Post.kind == PostKind.EXPERIENCE, Post.state == PostState.APPROVED)
        .order_by(Post.approved_at.desc(), Post.id.desc())
        .limit(FEED_LENGTH)
    )
    if condition_id is not None:
        statement = statement.where(Post.condition_id == condition_id)
    if question_id is not None:
        statement = statement.where(Post.question_id == question_id)
    return [PublishedExperience(*row) for row in db.session.execute(statement)]


def newest_revisions(question: Question) -> list[SummaryRevision]:
    """Return the question's newest published summary revisions."""
    return published_revisions(question, limit=FEED_LENGTH)

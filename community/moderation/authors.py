"""What moderators see of an author: how long they have been here and what they wrote."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from community.extensions import db
from community.models import Membership, ModerationEvent, Post, PostState, Relation, User, utcnow
from community.permissions import is_suspended
from community.posts.states import MODERATOR_ACTIONS

# How many of an author's latest decisions the queue shows beside their post.
RECENT_DECISIONS = 3
_DECISION_LABELS = {action.value: rule.label.lower() for action, rule in MODERATOR_ACTIONS.items()}


def account_age(created_at: datetime, now: datetime | None = None) -> str:
    """Say how long an account has existed, roughly: "less than a day", "5 days", "3 months"."""
    days = ((now or utcnow()) - created_at).days
    if days < 1:
        return "less than a day"
    if days < 60:
        return f"{days} day" if days == 1 else f"{days} days"
    if days < 730:
        return f"{days // 30} months"
    return f"{days // 365} years"


@dataclass(frozen=True)
class RecentDecision:
    """A moderator's decision on one of the author's posts: "approved 2 days ago"."""

    action: str
    at: datetime

    @property
    def label(self) -> str:
        return _DECISION_LABELS.get(self.action, self.action.replace("_", " "))

    @property
    def ago(self) -> str:
        age = account_age(self.at)
        return "today" if age == "less than a day" else f"{age} ago"


@dataclass(frozen=True)
class AuthorFacts:
    """An author as the queue shows them beside a post in one condition."""

    user: User | None
    approved_posts: int
    relation: Relation | None
    # Newest first, at most RECENT_DECISIONS.
    recent_decisions: tuple[RecentDecision, ...] = ()

    @property
    def age(self) -> str:
        return account_age(self.user.created_at) if self.user else ""

    @property
    def suspended(self) -> bool:
        return self.user is not None and is_suspended(self.user)


def facts_about(posts: Iterable[Post]) -> dict[int, AuthorFacts]:
    """Return, per post id, its author's facts: three queries whatever the number of posts."""
    posts = list(posts)
    author_ids = {post.author_id for post in posts if post.author_id is not None}
    approved: dict[int, int] = {}
    relations: dict[tuple[int, int], Relation] = {}
    recent: dict[int, tuple[RecentDecision, ...]] = {}
    if author_ids:
        recent = _recent_decisions(author_ids)
        approved = dict(
            db.session.execute(
                select(Post.author_id, func.count())
                .where(Post.author_id.in_(author_ids), Post.state == PostState.APPROVED)
                .group_by(Post.author_id)
            ).all()
        )
        relations = {
            (user_id, condition_id): relation
            for user_id, condition_id, relation in db.session.execute(
                select(Membership.user_id, Membership.condition_id, Membership.relation).where(
                    Membership.user_id.in_(author_ids)
                )
            )
        }
    return {
        post.id: AuthorFacts(
            user=post.author,
            approved_posts=approved.get(post.author_id, 0),
            relation=relations.get((post.author_id, post.condition_id)),
            recent_decisions=recent.get(post.author_id, ()),
        )
        for post in posts
    }


def _recent_decisions(author_ids: set[int]) -> dict[int, tuple[RecentDecision, ...]]:
    """Each author's latest decisions on their posts, newest first: one query for them all."""
    event = ModerationEvent
    ranked = (
        select(
            event.subject_user_id,
            event.action,
            event.created_at,
            func.row_number()
            .over(
                partition_by=event.subject_user_id,
                order_by=(event.created_at.desc(), event.id.desc()),
            )
            .label("rank"),
        )
        .where(
            event.subject_user_id.in_(author_ids),
            event.post_id.is_not(None),
            event.action.in_(_DECISION_LABELS),
        )
        .subquery()
    )
    found: dict[int, list[RecentDecision]] = {}
    for author_id, action, at in db.session.execute(
        select(ranked.c.subject_user_id, ranked.c.action, ranked.c.created_at)
        .where(ranked.c.rank <= RECENT_DECISIONS)
        .order_by(ranked.c.subject_user_id, ranked.c.rank)
    ):
        found.setdefault(author_id, []).append(RecentDecision(action, at))
    return {author_id: tuple(decisions) for author_id, decisions in found.items()}

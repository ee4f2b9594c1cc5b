"""What moderators see of an author: how long they have been here and what they wrote."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from community.extensions import db
from community.models import Membership, Post, PostState, Relation, User, utcnow
from community.permissions import is_suspended


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
class AuthorFacts:
    """An author as the queue shows them beside a post in one condition."""

    user: User | None
    approved_posts: int
    relation: Relation | None

    @property
    def age(self) -> str:
        return account_age(self.user.created_at) if self.user else ""

    @property
    def suspended(self) -> bool:
        return self.user is not None and is_suspended(self.user)


def facts_about(posts: Iterable[Post]) -> dict[int, AuthorFacts]:
    """Return, per post id, its author's facts: two queries whatever the number of posts."""
    posts = list(posts)
    author_ids = {post.author_id for post in posts if post.author_id is not None}
    approved: dict[int, int] = {}
    relations: dict[tuple[int, int], Relation] = {}
    if author_ids:
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
        )
        for post in posts
    }

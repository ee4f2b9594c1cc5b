"""What a member's public profile shows: communities joined and approved posts."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload

from community.extensions import db
from community.models import Condition, Membership, Post, PostState, User

POSTS_PER_PAGE = 20


def memberships_of(member: User) -> list[Membership]:
    return list(
        db.session.scalars(
            select(Membership)
            .join(Membership.condition)
            .options(contains_eager(Membership.condition))
            .where(Membership.user_id == member.id)
            .order_by(Condition.name)
        )
    )


def approved_posts_of(member: User, page: int) -> Pagination:
    """Return the member's approved posts, newest first, with their question and condition."""
    query = (
        select(Post)
        .options(joinedload(Post.question), joinedload(Post.condition))
        .where(Post.author_id == member.id, Post.state == PostState.APPROVED)
        .order_by(Post.created_at.desc(), Post.id.desc())
    )
    return db.paginate(query, page=page, per_page=POSTS_PER_PAGE, error_out=False, count=True)

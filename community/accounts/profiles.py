"""What a member's public profile shows: communities joined and approved posts."""

from collections.abc import Collection

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


def posts_of(
    member: User, page: int, states: Collection[PostState] = (PostState.APPROVED,)
) -> Pagination:
    """Return the member's posts in ``states``, newest first, with their question and condition.

    The public profile lists the approved ones; the member's own account page lists more.
    """
    query = (
        select(Post)
        .options(joinedload(Post.question), joinedload(Post.condition))
        .where(Post.author_id == member.id, Post.state.in_(states))
        .order_by(Post.created_at.desc(), Post.id.desc())
    )
    return db.paginate(query, page=page, per_page=POSTS_PER_PAGE, error_out=False, count=True)

"""Where a post is read: the page of its question's experiences that shows its thread.

The question page lists experiences oldest first, ``COMMUNITY_EXPERIENCES_PER_PAGE`` to a
page, each with its whole reply thread, and names each post's anchor ``post-<id>``. The
author sent back to their post, a notification in the site and the same notification by
mail all link through :func:`post_path`, so they land where the page puts the post.
"""

from functools import cache

from flask import current_app, url_for
from sqlalchemy import Select, and_, bindparam, exists, func, literal, or_, select

from community.extensions import db
from community.models import Condition, Post, PostKind, PostState, Question

# The states besides approved in which :func:`listed_experiences` may list an experience.
_LISTED_UNPUBLISHED = (PostState.DELETED, PostState.PENDING)


def listed_experiences(question_id, viewer_id=None, posts=Post):
    """Select the experiences that hold a place on a question's pages for this viewer.

    Approved ones; author-deleted ones with a published reply below them, as a placeholder
    so that their replies keep their shape (deleted before anyone replied, an experience
    leaves no trace); and the viewer's own experience awaiting moderation. ``posts`` is the
    model, or the columns of an alias of its table.
    """
    replies = Post.__table__.alias("published_reply")
    # A reply's path extends its root's: "path >" names the replies by the thread's
    # (root_id, path) index. With "id !=" instead, SQLite without statistics searched
    # every published post by state, once per deleted experience (20 s on 1,000,000 posts).
    answered = exists().where(
        replies.c.root_id == posts.id,
        replies.c.path > posts.path,
        replies.c.state == _fixed(PostState.APPROVED),
    )
    listed = or_(
        posts.state == _fixed(PostState.APPROVED),
        and_(
            posts.state == _fixed(PostState.DELETED),
            posts.approved_at.is_not(None),
            answered,
        ),
    )
    if viewer_id is not None:
        listed = or_(
            listed, and_(posts.author_id == viewer_id, posts.state == _fixed(PostState.PENDING))
        )
    return and_(posts.question_id == question_id, posts.kind == _fixed(PostKind.EXPERIENCE), listed)


def _fixed(value: PostState | PostKind):
    """A state or kind written into the statement's text rather than sent as a value.

    PostgreSQL then plans a prepared statement once for all its executions (a generic
    plan) as well as it plans it for given values: which states count is part of the
    statement, only the question, the viewer and the page vary.
    """
    column = Post.state if isinstance(value, PostState) else Post.kind
    return literal(value, column.type, literal_execute=True)


def post_anchor(post_id: int) -> str:
    """The id of a post's element on the question page."""
    return f"post-{post_id}"


def post_path(post: Post, viewer_id: int | None) -> str:
    """Link to the post on the question's page that shows its thread, as the viewer sees it.

    Their own experience awaiting moderation holds a place on the pages, another member's
    does not; a visitor (``None``) sees published ones only.
    """
    values = {"question_id": post.question_id, "root_id": post.root_id, "viewer_id": viewer_id}
    condition_slug, question_slug, earlier = db.session.execute(
        _location_statement(viewer_id is not None), values
    ).one()
    page = earlier // current_app.config["COMMUNITY_EXPERIENCES_PER_PAGE"] + 1
    arguments = {"page": page} if page > 1 else {}
    url = url_for("conditions.question", slug=condition_slug, qslug=question_slug, **arguments)
    return f"{url}#{post_anchor(post.id)}"


@cache
def _location_statement(signed_in: bool) -> Select:
    """The slugs and the number of experiences listed before the post's thread, in one
    statement built once (building it cost more than running it, on every write)."""
    question_id = bindparam("question_id")
    viewer_id = bindparam("viewer_id") if signed_in else None
    earlier = Post.id < bindparam("root_id")
    # Counted in two parts: the published experiences, of which a question may hold
    # thousands, from the index alone; then the few others the page lists (placeholders,
    # the viewer's own awaiting moderation), by the listing's own rule.
    published = select(func.count()).where(
        Post.question_id == question_id,
        Post.kind == _fixed(PostKind.EXPERIENCE),
        Post.state == _fixed(PostState.APPROVED),
        earlier,
    )
    others = select(func.count()).where(
        listed_experiences(question_id, viewer_id),
        Post.state.in_([_fixed(state) for state in _LISTED_UNPUBLISHED]),
        earlier,
    )
    earlier_roots = published.scalar_subquery() + others.scalar_subquery()
    return (
        select(Condition.slug, Question.slug, earlier_roots)
        .join(Question.condition)
        .where(Question.id == question_id)
    )

"""Rules for writing posts and moving them through their states.

Services change the session and ``flush()``; the caller (a request, a CLI command)
commits once.
"""

from flask import current_app
from sqlalchemy import func, select

from community import counts
from community.extensions import db
from community.models import (
    ModerationEvent,
    Post,
    PostKind,
    PostState,
    Question,
    User,
    path_segment,
    utcnow,
)
from community.posts.states import PostAction, next_state
from community.text import render_markdown


def _initial_state(author: User) -> PostState:
    """New posts wait for moderation unless the author has earned trust."""
    trusted_after = current_app.config["COMMUNITY_TRUSTED_AFTER"]
    if trusted_after is None:
        return PostState.PENDING
    approved = db.session.scalar(
        select(func.count())
        .select_from(Post)
        .where(Post.author_id == author.id, Post.state == PostState.APPROVED)
    )
    return PostState.APPROVED if approved >= trusted_after else PostState.PENDING


def _store_new_post(post: Post, parent: Post | None) -> Post:
    db.session.add(post)
    db.session.flush()
    post.root_id = parent.root_id if parent else post.id
    post.path = f"{parent.path}/{path_segment(post.id)}" if parent else path_segment(post.id)
    if post.state is PostState.APPROVED:
        post.approved_at = post.created_at
    counts.record_post_state_change(post, None, post.state)
    db.session.flush()
    return post


def create_experience(author: User, question: Question, markdown: str) -> Post:
    """Store a member's first-person experience on a question."""
    post = Post(
        condition_id=question.condition_id,
        question_id=question.id,
        author_id=author.id,
        kind=PostKind.EXPERIENCE,
        depth=0,
        state=_initial_state(author),
        body_markdown=markdown,
        body_html=render_markdown(markdown),
        created_at=utcnow(),
    )
    return _store_new_post(post, parent=None)


def create_reply(author: User, parent: Post, markdown: str) -> Post:
    """Store a reply to an experience or to another reply, at any depth."""
    post = Post(
        condition_id=parent.condition_id,
        question_id=parent.question_id,
        author_id=author.id,
        parent_id=parent.id,
        kind=PostKind.REPLY,
        depth=parent.depth + 1,
        state=_initial_state(author),
        body_markdown=markdown,
        body_html=render_markdown(markdown),
        created_at=utcnow(),
    )
    return _store_new_post(post, parent=parent)


def apply_action(
    post: Post, action: PostAction, *, actor: User | None, reason: str | None = None
) -> PostState:
    """Move ``post`` through the state machine, its counts and the audit log with it."""
    old = post.state
    new = next_state(old, action)
    post.state = new
    post.updated_at = utcnow()
    if new is PostState.APPROVED and post.approved_at is None:
        post.approved_at = post.updated_at
    counts.record_post_state_change(post, old, new)
    if action is not PostAction.DELETE:
        db.session.add(
            ModerationEvent(
                actor_id=actor.id if actor else None,
                action=action.value,
                post_id=post.id,
                condition_id=post.condition_id,
                subject_user_id=post.author_id,
                reason=reason,
            )
        )
    db.session.flush()
    return new

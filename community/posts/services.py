"""Rules for writing posts and moving them through their states.

Services change the session and ``flush()``; the caller (a request, a CLI command)
commits once.
"""

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from community import counts
from community.conditions.memberships import membership_of
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
from community.text import find_personal_information, render_markdown


class PostingRefused(Exception):
    """The member may not write this post; the message says why, for them."""

    status = 403


class DuplicateExperience(PostingRefused):
    """A member shares one experience per question."""

    status = 409

    def __init__(self, existing_id: int) -> None:
        super().__init__("You have already shared your experience on this question.")
        self.existing_id = existing_id


def _findings(markdown: str) -> list[dict]:
    return [
        {"kind": found.kind, "text": found.text, "start": found.start, "end": found.end}
        for found in find_personal_information(markdown)
    ]


def own_experience_id(author: User, question: Question) -> int | None:
    return db.session.scalar(
        select(Post.id).where(
            Post.question_id == question.id,
            Post.author_id == author.id,
            Post.kind == PostKind.EXPERIENCE,
            Post.state != PostState.DELETED,
        )
    )


def _require_membership(author: User, subject: Question | Post) -> None:
    if membership_of(author, subject.condition_id) is None:
        # The condition's name is loaded only to say no.
        raise PostingRefused(f"Join the {subject.condition.name} community to share and reply.")


def share_experience(author: User, question: Question, markdown: str) -> Post:
    """Share a member's experience: members only, one per member per question."""
    _require_membership(author, question)
    existing = own_experience_id(author, question)
    if existing is not None:
        raise DuplicateExperience(existing)
    try:
        with db.session.begin_nested():
            return create_experience(author, question, markdown)
    except IntegrityError:
        # A concurrent request stored this member's experience first.
        raise DuplicateExperience(own_experience_id(author, question)) from None


def reply_to(author: User, parent: Post, markdown: str) -> Post:
    """Reply to an approved post, as a member of its condition."""
    _require_membership(author, parent)
    if parent.state is not PostState.APPROVED:
        raise PostingRefused("Only published posts can be answered.")
    return create_reply(author, parent, markdown)


def edit_post(post: Post, markdown: str) -> None:
    """Change a post's text. An approved post keeps its public text until the edit is approved."""
    html = render_markdown(markdown)
    post.personal_information = _findings(markdown)
    post.updated_at = utcnow()
    if post.state is PostState.APPROVED:
        post.pending_markdown, post.pending_html = markdown, html
    else:
        post.body_markdown, post.body_html = markdown, html
    db.session.flush()


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
        personal_information=_findings(markdown),
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
        personal_information=_findings(markdown),
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

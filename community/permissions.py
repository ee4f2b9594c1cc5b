"""Who may do what, as named predicates shared by views and templates."""

from flask import current_app
from flask_login import AnonymousUserMixin

from community.models import Post, PostState, Role, User, utcnow

AnyUser = User | AnonymousUserMixin

EDITABLE_STATES = (PostState.PENDING, PostState.APPROVED)
REPLYABLE_STATES = (PostState.APPROVED,)


def is_suspended(user: AnyUser) -> bool:
    """Suspended until a date still ahead, or since a date with no end set."""
    if not user.is_authenticated:
        return False
    if user.suspended_until is not None:
        return user.suspended_until > utcnow()
    return user.suspended_at is not None


def must_verify_email(user: AnyUser) -> bool:
    """A member who has not yet followed the link mailed to their address, where the site
    asks for it (``COMMUNITY_REQUIRE_VERIFIED_EMAIL``): they read and join, but do not write."""
    return (
        user.is_authenticated
        and user.email_verified_at is None
        and current_app.config["COMMUNITY_REQUIRE_VERIFIED_EMAIL"]
    )


def can_write(user: AnyUser) -> bool:
    """Share, reply or report: a signed-in member, not suspended, whose address is confirmed."""
    return user.is_authenticated and not is_suspended(user) and not must_verify_email(user)


def can_moderate(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(Role.MODERATOR)


def can_decide(user: AnyUser, post: Post) -> bool:
    """Moderators decide on posts, except their own."""
    return can_moderate(user) and not is_author(user, post)


def can_suspend(user: AnyUser, member: User) -> bool:
    """Moderators suspend members, but not themselves or other moderators."""
    return can_moderate(user) and member.id != user.id and not member.has_role(Role.MODERATOR)


def is_author(user: AnyUser, post: Post) -> bool:
    return user.is_authenticated and post.author_id is not None and post.author_id == user.id


def can_edit(user: AnyUser, post: Post) -> bool:
    return is_author(user, post) and post.state in EDITABLE_STATES and can_write(user)


def can_delete(user: AnyUser, post: Post) -> bool:
    return is_author(user, post) and post.state is not PostState.DELETED


def can_reply_to(post: Post) -> bool:
    """Only published posts are answered."""
    return post.state in REPLYABLE_STATES

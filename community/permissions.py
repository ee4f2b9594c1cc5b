"""Who may do what, as named predicates shared by views and templates."""

from flask_login import AnonymousUserMixin

from community.models import Post, PostState, Role, User, utcnow
from community.wording import long_date

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


def can_write(user: AnyUser) -> bool:
    """Share, reply or report: any signed-in member who is not suspended."""
    return user.is_authenticated and not is_suspended(user)


def suspension_notice(member: User) -> str:
    """Tell a suspended member why and for how long, in their words: why they cannot write."""
    until = f" until {long_date(member.suspended_until)}" if member.suspended_until else ""
    reason = f": {member.suspension_reason}" if member.suspension_reason else ""
    return (
        f"Your account is suspended{until}{reason}. You can read, but not share, reply or report."
    )


def can_moderate(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_role(Role.MODERATOR)


def can_administer(user: AnyUser) -> bool:
    """Admins keep the site's settings: watched words, crisis phrases, guidelines."""
    return user.is_authenticated and user.has_role(Role.ADMIN)


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

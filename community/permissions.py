"""Who may do what, as named predicates shared by views and templates."""

from flask import current_app
from flask_login import AnonymousUserMixin

from community.models import Post, PostState, Role, SummaryRevision, User, utcnow
from community.wording import long_date, sentence

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


def suspension_notice(member: User) -> str:
    """Tell a suspended member why and for how long, in their words: why they cannot write."""
    until = f" until {long_date(member.suspended_until)}" if member.suspended_until else ""
    reason = f": {member.suspension_reason}" if member.suspension_reason else ""
    why = sentence(f"Your account is suspended{until}{reason}")
    return f"{why} You can read, but not share, reply or report."


def can_moderate(user: AnyUser) -> bool:
    """Moderators work the queue; so do admins, who answer for the whole site."""
    return user.is_authenticated and (user.has_role(Role.MODERATOR) or user.has_role(Role.ADMIN))


def can_administer(user: AnyUser) -> bool:
    """Admins keep the site's settings: members' roles, reviewer profiles, conditions, canned
    reasons, watched words, crisis phrases and guidelines."""
    return user.is_authenticated and user.has_role(Role.ADMIN)


def can_decide(user: AnyUser, post: Post) -> bool:
    """Moderators decide on posts, except their own."""
    return can_moderate(user) and not is_author(user, post)


def can_suspend(user: AnyUser, member: User) -> bool:
    """Moderators suspend members, but not themselves, other moderators or admins."""
    return can_moderate(user) and member.id != user.id and not can_moderate(member)


def is_author(user: AnyUser, post: Post) -> bool:
    return user.is_authenticated and post.author_id is not None and post.author_id == user.id


def can_edit(user: AnyUser, post: Post) -> bool:
    return is_author(user, post) and post.state in EDITABLE_STATES and can_write(user)


def can_delete(user: AnyUser, post: Post) -> bool:
    return is_author(user, post) and post.state is not PostState.DELETED


def can_reply_to(post: Post) -> bool:
    """Only published posts are answered."""
    return post.state in REPLYABLE_STATES


def can_write_summaries(user: AnyUser) -> bool:
    """Editors write questions and summary revisions."""
    return user.is_authenticated and user.has_role(Role.EDITOR)


def can_review_summaries(user: AnyUser) -> bool:
    """Reviewers read revisions awaiting review, sign them off or return them."""
    return user.is_authenticated and user.has_role(Role.REVIEWER)


def can_use_editorial(user: AnyUser) -> bool:
    """The editorial dashboard: editors, reviewers and admins."""
    return user.is_authenticated and any(
        user.has_role(role) for role in (Role.EDITOR, Role.REVIEWER, Role.ADMIN)
    )


def can_read_revisions(user: AnyUser) -> bool:
    """Unpublished revisions are read by the people who write and review them."""
    return can_write_summaries(user) or can_review_summaries(user)


def is_revision_author(user: AnyUser, revision: SummaryRevision | None) -> bool:
    return (
        user.is_authenticated
        and revision is not None
        and revision.editor_id is not None
        and revision.editor_id == user.id
    )


def can_review_revision(user: AnyUser, revision: SummaryRevision | None) -> bool:
    """Four eyes: a reviewer decides on a revision only if they did not write it."""
    return can_review_summaries(user) and not is_revision_author(user, revision)


def writing_notice(user: User) -> str:
    """Tell a member who may not share, reply or report why, in their words."""
    if is_suspended(user):
        return suspension_notice(user)
    if must_verify_email(user):
        return (
            f"Confirm your email address to share, reply or report: follow the link we sent "
            f"to {user.email}. You can read and join communities meanwhile."
        )
    return "You cannot share, reply or report."

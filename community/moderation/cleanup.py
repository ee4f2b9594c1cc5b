"""Spam clean-up: take down every post of a member and suspend them, in one step.

Each post goes through the same decision a moderator takes on the review page (a
published or hidden post is removed, a waiting one rejected), with its own audit entry
and counts; posts already down (rejected, removed, deleted) are left as they are.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from community.counts import lock_counted_rows
from community.extensions import db
from community.models import Post, PostState, User
from community.moderation import services, suspensions
from community.permissions import can_suspend
from community.posts.states import TransitionRefused
from community.wording import plural

# What becomes of a post in each state: the decision that takes it down, if any.
_TAKE_DOWN = {
    PostState.APPROVED: services.remove,
    PostState.HIDDEN: services.remove,
    PostState.PENDING: services.reject,
}


@dataclass
class CleanUp:
    removed: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    # Already down: rejected, removed or deleted before the clean-up.
    already_down: list[int] = field(default_factory=list)
    # Changed by someone else while the clean-up ran (the author deleting, a moderator).
    changed: list[int] = field(default_factory=list)

    def summary(self, member: User) -> str:
        """Say what was done: "Removed 5 posts and rejected 2 waiting. wren is suspended."."""
        parts = [
            f"Removed {plural(len(self.removed), 'published post')}",
            f"rejected {plural(len(self.rejected), 'waiting post')}",
        ]
        text = " and ".join(parts) + "."
        if self.already_down:
            text += f" {plural(len(self.already_down), 'post was', 'posts were')} already down."
        if self.changed:
            ids = ", ".join(f"#{post_id}" for post_id in self.changed)
            text += f" Skipped, changed meanwhile: {ids}."
        return f"{text} {member.username} is suspended."


def remove_all_and_suspend(moderator: User, member: User, reason: str) -> CleanUp:
    """Take down every post ``member`` wrote, then suspend them until a moderator lifts it.

    Refused as a whole (suspensions.SuspensionRefused) when the moderator may not suspend
    the member: nothing is taken down then.
    """
    if not can_suspend(moderator, member):
        raise suspensions.SuspensionRefused(
            "Moderators cannot clean up after themselves or each other; an admin can take "
            "away a moderator's role first.",
            403,
        )
    outcome = CleanUp()
    posts = db.session.scalars(
        select(Post).where(Post.author_id == member.id).order_by(Post.id)
    ).all()
    lock_counted_rows(post.id for post in posts)
    for post in posts:
        take_down = _TAKE_DOWN.get(post.state)
        if take_down is None:
            outcome.already_down.append(post.id)
            continue
        try:
            take_down(moderator, post, reason=reason, seen_version=services.post_version(post))
        except (services.StalePage, TransitionRefused):
            outcome.changed.append(post.id)
            continue
        (outcome.removed if post.state is PostState.REMOVED else outcome.rejected).append(post.id)
    suspensions.suspend(moderator, member, reason, None)
    return outcome

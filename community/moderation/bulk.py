"""Deciding many posts at once from the queue: each post on its own, as the review page would.

A bulk decision is a loop over the one-post decisions of community.moderation.services:
every post goes through the same table, the same compare-and-set on the version the
moderator saw, and gets its own audit entry. A post that cannot be decided (changed since
the page was drawn, already decided, the moderator's own) is skipped and said so; the
others are decided all the same.
"""

from dataclasses import dataclass, field

from community.counts import lock_counted_rows
from community.extensions import db
from community.models import Post, User
from community.moderation import services
from community.moderation.queue import posts_in_context
from community.permissions import can_decide
from community.posts.states import MODERATOR_ACTIONS, TransitionRefused
from community.wording import plural

# The decisions the queue takes on selected posts, and what the confirmation calls them.
BULK_VERBS = {"approve": "Approved", "reject": "Rejected"}

CHANGED = "changed since you loaded the page"
OWN = "is your own post; another moderator decides on it"
GONE = "no longer exists"


@dataclass(frozen=True)
class Selected:
    """A post ticked on the queue, with its version as the page showed it."""

    post_id: int
    version: str


@dataclass
class BulkOutcome:
    verb: str
    decided: list[int] = field(default_factory=list)
    # (post id, why it was skipped), in the order the posts were selected.
    skipped: list[tuple[int, str]] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """Say what was done: "Approved 19 posts. 1 skipped: post #123 changed since ..."."""
        done = f"{BULK_VERBS[self.verb]} {plural(len(self.decided), 'post')}."
        if not self.skipped:
            return done
        why = "; ".join(f"post #{post_id} {reason}" for post_id, reason in self.skipped)
        return f"{done} {len(self.skipped):,} skipped: {why}."


def decide_selected(
    moderator: User, verb: str, selected: list[Selected], reason: str | None
) -> BulkOutcome:
    """Take the decision ``verb`` on each selected post that is still as the moderator saw it.

    Refusals of one post (stale, already decided, own post) skip that post only; nothing is
    written for it. A reason the decision requires and lacks refuses the whole request
    before anything is decided (services.DecisionRefused).
    """
    missing = reason_required(verb)
    if missing and not (reason or "").strip():
        raise services.DecisionRefused(missing)
    run = services.DECISIONS[verb]
    lock_counted_rows(item.post_id for item in selected)
    posts = {
        post.id: post
        for post in db.session.scalars(
            posts_in_context().where(Post.id.in_({item.post_id for item in selected}))
        )
    }
    outcome = BulkOutcome(verb)
    for item in dict.fromkeys(selected):
        post = posts.get(item.post_id)
        if post is None:
            outcome.skipped.append((item.post_id, GONE))
            continue
        if not can_decide(moderator, post):
            outcome.skipped.append((post.id, OWN))
            continue
        try:
            run(moderator, post, seen_version=item.version, reason=reason)
        except (services.StalePage, TransitionRefused):
            outcome.skipped.append((post.id, CHANGED))
            continue
        outcome.decided.append(post.id)
    return outcome


def reason_required(verb: str) -> str | None:
    """What to say when ``verb`` is taken without the reason the table asks for, or None."""
    for rule in MODERATOR_ACTIONS.values():
        if rule.verb == verb and rule.reason is not None and rule.reason.required:
            return rule.reason.required_message or rule.reason.hint
    return None

"""Plan a synthetic community's shape: who joins what, where posts go, how threads branch.

Sizes follow a Zipf law, as real communities do: a few huge conditions and a long tail,
and within a condition a few busy questions. Threads grow the way conversations do:
most replies go to recent experiences, and about half answer the latest reply in their
thread, which makes chains of varied depth. About one post in ten is not approved.

Everything here is pure and seeded: the same sizes and seed give the same plan.
"""

import itertools
import random
from dataclasses import dataclass

# Post states by weight, out of 1000: 90% approved.
STATE_WEIGHTS = {"approved": 900, "pending": 50, "rejected": 20, "removed": 15, "deleted": 15}
# States a post can have while it has replies: they were published when replied to.
REPLYABLE_STATES = frozenset({"approved", "removed", "deleted"})

CONDITION_EXPONENT = 1.0
QUESTION_EXPONENT = 0.8
# How many conditions a member joins: one, two or three.
CONDITIONS_PER_MEMBER = {1: 60, 2: 30, 3: 10}
MIN_MEMBERS_PER_CONDITION = 3
RECENT_THREADS = 8
# Replies by accounts deleted since: shown as "Former member".
FORMER_MEMBER_SHARE = 0.003

# The benchmark's reference questions, planted in the largest condition when the data is
# big enough: one whose first page shows 200 approved posts in 20 threads, and one with
# 2,000 posts in all. They have the same shape at every dataset size.
REFERENCE_THREADS = 20
REFERENCE_SHOWN_POSTS = 200
REFERENCE_LARGE_POSTS = 2_000
REFERENCE_EXPERIENCE_SHARE = 0.25
REFERENCE_MIN_POSTS = 2 * (REFERENCE_LARGE_POSTS + 2 * REFERENCE_SHOWN_POSTS)


@dataclass(frozen=True)
class Sizes:
    conditions: int
    questions_per_condition: int
    members: int
    posts: int

    @property
    def plants_reference_questions(self) -> bool:
        return self.posts >= REFERENCE_MIN_POSTS and self.questions_per_condition >= 3


@dataclass(frozen=True)
class PlannedPost:
    """One post of a question, in the order written; ``parent`` indexes the same list."""

    parent: int | None
    state: str
    author: int | None  # a member's index, None for a former member


def zipf_weights(count: int, exponent: float) -> list[float]:
    return [1 / (rank + 1) ** exponent for rank in range(count)]


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights``, exactly (largest remainders)."""
    if not weights:
        return []
    scale = total / sum(weights)
    shares = [weight * scale for weight in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


def draw_state(rng: random.Random) -> str:
    return rng.choices(_STATES, cum_weights=_STATE_CUMULATIVE)[0]


_STATES = tuple(STATE_WEIGHTS)
_STATE_CUMULATIVE = tuple(itertools.accumulate(STATE_WEIGHTS.values()))


def plan_memberships(sizes: Sizes, rng: random.Random) -> list[list[int]]:
    """Return, per condition, the indexes of its members (each member joins one to three)."""
    members: list[list[int]] = [[] for _ in range(sizes.conditions)]
    if not sizes.conditions:
        return members
    cumulative = list(itertools.accumulate(zipf_weights(sizes.conditions, CONDITION_EXPONENT)))
    joins, join_weights = zip(*CONDITIONS_PER_MEMBER.items(), strict=True)
    population = range(sizes.conditions)
    for member in range(sizes.members):
        wanted = rng.choices(joins, weights=join_weights)[0]
        for condition in set(rng.choices(population, cum_weights=cumulative, k=wanted)):
            members[condition].append(member)
    # Every community has a few members, so that every question can have authors.
    for joined in members:
        missing = min(MIN_MEMBERS_PER_CONDITION, sizes.members) - len(joined)
        if missing > 0:
            others = sorted(set(range(sizes.members)) - set(joined))
            joined.extend(rng.sample(others, missing))
            joined.sort()
    return members


def plan_post_counts(sizes: Sizes, planted: list[int]) -> list[list[int]]:
    """Return, per condition, the number of posts of each of its questions.

    ``planted`` are the post counts of questions planted first in the largest condition.
    """
    spread = sizes.posts - sum(planted)
    by_condition = apportion(spread, zipf_weights(sizes.conditions, CONDITION_EXPONENT))
    counts = []
    for condition, posts in enumerate(by_condition):
        first = planted if condition == 0 else []
        rest = apportion(
            posts, zipf_weights(sizes.questions_per_condition - len(first), QUESTION_EXPONENT)
        )
        counts.append(first + rest)
    return counts


class _Threads:
    """The threads of one question as they grow, and who has shared on it."""

    def __init__(self, rng: random.Random, authors: list[int]) -> None:
        self.rng = rng
        self.authors = authors
        self.posts: list[PlannedPost] = []
        self.open: list[list[int]] = []  # per thread, the posts that can be answered
        self.sharers: set[int] = set()

    def can_share(self) -> bool:
        return len(self.sharers) < len(self.authors)

    def share(self, state: str) -> None:
        author = self.rng.choice(self.authors)
        while author in self.sharers:
            author = self.rng.choice(self.authors)
        self.sharers.add(author)
        self._add(PlannedPost(None, state, author), thread=None)

    def reply(self, thread: int, state: str) -> None:
        answerable = self.open[thread]
        # About half the replies answer the latest one, which makes chains.
        latest = self.rng.random() < 0.45
        parent = answerable[-1] if latest else self.rng.choice(answerable)
        author = None
        if self.rng.random() >= FORMER_MEMBER_SHARE:
            # A few members write most replies.
            author = self.authors[int(len(self.authors) * self.rng.random() ** 2)]
        self._add(PlannedPost(parent, state, author), thread)

    def _add(self, post: PlannedPost, thread: int | None) -> None:
        index = len(self.posts)
        self.posts.append(post)
        if post.state not in REPLYABLE_STATES:
            return
        if thread is None:
            self.open.append([index])
        else:
            self.open[thread].append(index)


def plan_question(
    rng: random.Random, count: int, authors: list[int], experience_share: float
) -> list[PlannedPost]:
    """Plan ``count`` posts: experiences by distinct authors, replies in growing threads."""
    threads = _Threads(rng, authors)
    for _ in range(count):
        if not threads.open:
            # The first post is a published experience, so that replies have a place.
            threads.share("approved")
        elif threads.can_share() and rng.random() < experience_share:
            threads.share(draw_state(rng))
        else:
            threads.reply(_pick_thread(rng, len(threads.open)), draw_state(rng))
    return threads.posts


def _pick_thread(rng: random.Random, count: int) -> int:
    # Half the replies go to a recent experience, half to any, old or new.
    if rng.random() < 0.5:
        return count - 1 - rng.randrange(min(count, RECENT_THREADS))
    return rng.randrange(count)


def plan_reference_page(rng: random.Random, authors: list[int]) -> list[PlannedPost]:
    """Plan 20 published experiences whose threads hold 200 approved posts in all."""
    threads = _Threads(rng, authors)
    for _ in range(min(REFERENCE_THREADS, len(authors))):
        threads.share("approved")
    approved = len(threads.posts)
    while approved < REFERENCE_SHOWN_POSTS:
        state = draw_state(rng)
        # Some threads draw far more replies than others.
        thread = int(len(threads.open) * rng.random() ** 1.5)
        threads.reply(thread, state)
        approved += state == "approved"
    return threads.posts

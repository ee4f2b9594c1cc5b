"""Turn planned threads into post rows: ids, materialized paths, root ids, depths and dates."""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from community.loadtest import plan, vocabulary
from community.models import path_segment

APPROVAL_DELAY = timedelta(hours=12)
# Published posts whose author's edit awaits moderation.
PENDING_EDIT_SHARE = 0.005


def post_rows(
    sizes: plan.Sizes,
    seed: int,
    pool: vocabulary.TextPool,
    now: datetime,
    members_by_condition: list[list[int]],
    question_starts: list[datetime],
) -> Iterator[dict]:
    """Yield every post of the community, question by question, ids from 1 in writing order."""
    rng = random.Random(seed + 1)  # nosec B311  # synthetic data, not a secret
    planted = _reference_plans(sizes, seed, members_by_condition)
    counts = plan.plan_post_counts(sizes, [len(planned) for planned in planted])
    next_id = 1
    for condition, per_question in enumerate(counts):
        authors = members_by_condition[condition]
        for position, count in enumerate(per_question):
            question_id = condition * sizes.questions_per_condition + position + 1
            if condition == 0 and position < len(planted):
                planned = planted[position]
            else:
                planned = plan.plan_question(rng, count, authors, rng.uniform(0.2, 0.5))
            place = _Place(condition + 1, question_id, next_id, question_starts[question_id - 1])
            yield from _question_rows(planned, place, now, pool, rng)
            next_id += len(planned)


def _reference_plans(
    sizes: plan.Sizes, seed: int, members_by_condition: list[list[int]]
) -> list[list[plan.PlannedPost]]:
    if not sizes.plants_reference_questions:
        return []
    # A generator of its own, so that these questions look the same at every size.
    rng = random.Random(seed)  # nosec B311  # synthetic data, not a secret
    authors = members_by_condition[0]
    return [
        plan.plan_reference_page(rng, authors),
        plan.plan_question(
            rng, plan.REFERENCE_LARGE_POSTS, authors, plan.REFERENCE_EXPERIENCE_SHARE
        ),
    ]


@dataclass(frozen=True)
class _Place:
    """Where a question's posts go: its condition, itself, their first id, its first day."""

    condition_id: int
    question_id: int
    first_id: int
    start: datetime


def _question_rows(
    planned: list[plan.PlannedPost],
    place: _Place,
    now: datetime,
    pool: vocabulary.TextPool,
    rng: random.Random,
) -> Iterator[dict]:
    span = now - place.start - APPROVAL_DELAY
    moments = sorted(rng.random() for _ in planned)
    paths: list[str] = []
    roots: list[int] = []
    depths: list[int] = []
    for index, post in enumerate(planned):
        post_id = place.first_id + index
        if post.parent is None:
            path, root, depth, kind = path_segment(post_id), post_id, 0, "experience"
            texts = pool.experiences
        else:
            path = f"{paths[post.parent]}/{path_segment(post_id)}"
            root, depth, kind = roots[post.parent], depths[post.parent] + 1, "reply"
            texts = pool.replies
        paths.append(path)
        roots.append(root)
        depths.append(depth)
        created = place.start + span * moments[index]
        was_published = post.state in ("approved", "removed") or (
            post.state == "deleted" and rng.random() < 0.5
        )
        approved_at = created + APPROVAL_DELAY * rng.random() if was_published else None
        body = rng.choice(texts)
        edit = rng.choice(texts) if post.state == "approved" and _edited(rng) else None
        yield {
            "id": post_id,
            "condition_id": place.condition_id,
            "question_id": place.question_id,
            "author_id": None if post.author is None else post.author + 1,
            "parent_id": None if post.parent is None else place.first_id + post.parent,
            "root_id": root,
            "path": path,
            "depth": depth,
            "kind": kind,
            "state": post.state,
            "body_markdown": body.markdown,
            "body_html": body.html,
            "pending_markdown": edit.markdown if edit else None,
            "pending_html": edit.html if edit else None,
            "personal_information": [],
            "created_at": created,
            "updated_at": approved_at or created,
            "approved_at": approved_at,
        }


def _edited(rng: random.Random) -> bool:
    return rng.random() < PENDING_EDIT_SHARE

"""Community counts: members and contributions per condition, sharers per question, and
how many members an experience helped.

Every event that moves a count calls one of these functions inside its own
transaction; they issue atomic SQL increments (``SET n = n + 1``), never a
read-modify-write in Python, so concurrent writers cannot lose an update.
``find_drift`` and ``repair_drift`` recompute everything from the rows themselves.

The rows a change locks, in the one order every writer follows: the post, then its
condition's counts, then its question's. A change of one post follows it by itself; a
change of many takes every lock first (``lock_counted_rows``), so that two writers never
wait on each other in a cycle.
"""

import sys
from collections.abc import Iterable
from dataclasses import dataclass

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import delete, func, select, update

from community.extensions import db
from community.models import (
    Condition,
    HelpedMark,
    Membership,
    Post,
    PostKind,
    PostState,
    Question,
)


def _approved(state: PostState) -> int:
    return 1 if state is PostState.APPROVED else 0


def lock_counted_rows(post_ids: Iterable[int], condition_ids: Iterable[int] = ()) -> None:
    """Lock the posts a transaction is about to change and the counts they move, in order.

    The posts by id, then their conditions and ``condition_ids`` by id, then their
    questions by id: taken before a change of many posts (a bulk decision, a clean-up, an
    account deleted), so that it never holds one condition's counts while waiting for a
    post that a change holding another condition's counts has locked.
    """
    post_ids = sorted(set(post_ids))
    rows = (
        db.session.execute(
            select(Post.condition_id, Post.question_id)
            .where(Post.id.in_(post_ids))
            .order_by(Post.id)
            .with_for_update()
        ).all()
        if post_ids
        else []
    )
    conditions = sorted({condition for condition, _ in rows} | set(condition_ids))
    questions = sorted({question for _, question in rows if question is not None})
    for table, ids in ((Condition, conditions), (Question, questions)):
        if ids:
            db.session.execute(
                select(table.id).where(table.id.in_(ids)).order_by(table.id).with_for_update()
            ).all()


def record_post_state_change(post: Post, old: PostState | None, new: PostState) -> None:
    """Move the counts for a post whose state went from ``old`` (None: new post) to ``new``."""
    delta = _approved(new) - (_approved(old) if old is not None else 0)
    if delta == 0:
        return
    db.session.execute(
        update(Condition)
        .where(Condition.id == post.condition_id)
        .values(contribution_count=Condition.contribution_count + delta)
    )
    if post.kind is PostKind.EXPERIENCE:
        db.session.execute(
            update(Question)
            .where(Question.id == post.question_id)
            .values(sharer_count=Question.sharer_count + delta)
        )


def record_membership_change(condition_id: int, delta: int) -> None:
    """Move a condition's member count by ``delta`` (+1 join, -1 leave)."""
    db.session.execute(
        update(Condition)
        .where(Condition.id == condition_id)
        .values(member_count=Condition.member_count + delta)
    )


def record_helped_change(post_id: int, delta: int) -> None:
    """Move an experience's count of members it helped by ``delta`` (+1 mark, -1 undo)."""
    db.session.execute(
        update(Post).where(Post.id == post_id).values(helped_count=Post.helped_count + delta)
    )


def forget_helped_marks_of(member_id: int) -> None:
    """Take back every mark of a member (their account goes), moving each post's count.

    Only the marks this statement deletes move a count: a mark the member takes back in
    another request at the same moment is counted once, by that request.
    """
    deleted = db.session.scalars(
        delete(HelpedMark).where(HelpedMark.user_id == member_id).returning(HelpedMark.post_id)
    ).all()
    if deleted:
        db.session.execute(
            update(Post).where(Post.id.in_(deleted)).values(helped_count=Post.helped_count - 1)
        )


@dataclass(frozen=True)
class Drift:
    counter: str
    row_id: int
    label: str
    stored: int
    actual: int

    def __str__(self) -> str:
        return (
            f"{self.counter} of {self.label} (id {self.row_id}): "
            f"stored {self.stored}, actual {self.actual}"
        )


def find_drift() -> list[Drift]:
    """Compare every stored count with the count recomputed from the rows."""
    members = dict(
        db.session.execute(
            select(Membership.condition_id, func.count()).group_by(Membership.condition_id)
        ).all()
    )
    contributions = dict(
        db.session.execute(
            select(Post.condition_id, func.count())
            .where(Post.state == PostState.APPROVED)
            .group_by(Post.condition_id)
        ).all()
    )
    sharers = dict(
        db.session.execute(
            select(Post.question_id, func.count())
            .where(Post.state == PostState.APPROVED, Post.kind == PostKind.EXPERIENCE)
            .group_by(Post.question_id)
        ).all()
    )
    drift: list[Drift] = []
    conditions = db.session.execute(
        select(Condition.id, Condition.slug, Condition.member_count, Condition.contribution_count)
    ).all()
    for condition_id, slug, member_count, contribution_count in conditions:
        if member_count != members.get(condition_id, 0):
            drift.append(
                Drift("members", condition_id, slug, member_count, members.get(condition_id, 0))
            )
        actual = contributions.get(condition_id, 0)
        if contribution_count != actual:
            drift.append(Drift("contributions", condition_id, slug, contribution_count, actual))
    for question_id, slug, sharer_count in db.session.execute(
        select(Question.id, Question.slug, Question.sharer_count)
    ).all():
        if sharer_count != sharers.get(question_id, 0):
            drift.append(
                Drift("sharers", question_id, slug, sharer_count, sharers.get(question_id, 0))
            )
    return drift + _helped_drift()


def _helped_drift() -> list[Drift]:
    """Posts whose stored count of members helped differs from their marks."""
    marks = (
        select(HelpedMark.post_id, func.count().label("marks"))
        .group_by(HelpedMark.post_id)
        .subquery()
    )
    actual = func.coalesce(marks.c.marks, 0)
    rows = db.session.execute(
        select(Post.id, Post.helped_count, actual)
        .outerjoin(marks, marks.c.post_id == Post.id)
        .where(Post.helped_count != actual)
        .order_by(Post.id)
    ).all()
    return [
        Drift("helped", post_id, f"post {post_id}", stored, marked)
        for post_id, stored, marked in rows
    ]


def repair_drift(drift: list[Drift]) -> None:
    """Write the recomputed counts over the drifted ones."""
    columns = {
        "members": (Condition, "member_count"),
        "contributions": (Condition, "contribution_count"),
        "sharers": (Question, "sharer_count"),
        "helped": (Post, "helped_count"),
    }
    for item in drift:
        model, column = columns[item.counter]
        db.session.execute(
            update(model).where(model.id == item.row_id).values({column: item.actual})
        )


@click.command("recount")
@with_appcontext
@click.option("--fix", is_flag=True, help="Repair the counts that drifted.")
def recount_command(fix: bool) -> None:
    """Verify every count (exit 1 on drift), or repair them with --fix."""
    drift = find_drift()
    for item in drift:
        click.echo(str(item))
    if not drift:
        click.echo("All counts are exact.")
        return
    if fix:
        repair_drift(drift)
        db.session.commit()
        click.echo(f"Repaired {len(drift)} counts.")
        return
    click.echo(f"{len(drift)} counts drifted; run with --fix to repair them.")
    sys.exit(1)


def register_commands(app: Flask) -> None:
    app.cli.add_command(recount_command)

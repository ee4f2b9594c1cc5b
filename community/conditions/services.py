"""Read what the condition and question pages show."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache

from flask import current_app
from sqlalchemy import Row, Select, bindparam, func, select
from sqlalchemy.orm import aliased, contains_eager, defer

from community.extensions import db
from community.models import Condition, Post, PostState, Question, RevisionState, SummaryRevision
from community.page_versions import DIRECTORY, pending_scopes, read_versions
from community.posts.services import find_question


@dataclass(frozen=True)
class ConditionEntry:
    """A condition as the directory and search list it."""

    id: int
    slug: str
    name: str
    member_count: int
    contribution_count: int
    # Other names people know it by.
    synonyms: tuple[str, ...] = ()


def list_conditions() -> list[ConditionEntry]:
    """Return every condition's names and counts, by name: all the directory shows."""
    rows = db.session.execute(
        select(
            Condition.id,
            Condition.slug,
            Condition.name,
            Condition.member_count,
            Condition.contribution_count,
            Condition.synonyms,
        ).order_by(Condition.name)
    )
    return [
        ConditionEntry(*row[:5], synonyms=tuple(str(name) for name in row.synonyms or ()))
        for row in rows
    ]


_KEPT_CONDITIONS = "community.kept_conditions"


def kept_conditions() -> tuple[ConditionEntry, ...]:
    """:func:`list_conditions`, read again only after a condition (or its counts) changed.

    Kept by each process under the directory's version (community/page_versions.py), which
    moves in the transaction of every change to a condition. The version is read first: a
    list read after it is never older than the version it is kept under.
    """
    ((_, version),) = read_versions(db.session, (DIRECTORY,))
    # Version 0 is every database's before its first change; a transaction that wrote
    # reads what it has not committed yet, and nobody else should.
    keep = bool(version) and not pending_scopes(db.session)
    kept = current_app.extensions.get(_KEPT_CONDITIONS)
    if keep and kept is not None and kept[0] == version:
        return kept[1]
    conditions = tuple(list_conditions())
    if keep:
        current_app.extensions[_KEPT_CONDITIONS] = (version, conditions)
    return conditions


_WORD = re.compile(r"[^\W_]+")
# A shorter query finds a condition only by one of its names in full ("PI").
MIN_PARTIAL_LENGTH = 3


# Condition names and their other names are few: each is folded into words once.
@lru_cache(maxsize=8192)
def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def conditions_matching(conditions: Sequence[ConditionEntry], query: str) -> list[ConditionEntry]:
    """Return the conditions that ``query`` names, by their name or another name.

    A condition matches when one of its names is in the query ("PID treatment"), or the
    query starts a word of one of its names ("immuno", "inborn errors").
    """
    wanted = _words(query)
    if not wanted:
        return []
    found = []
    for condition in conditions:
        for name in (condition.name, *condition.synonyms):
            words = _words(name)
            if not words:
                continue
            named = f" {words} " in f" {wanted} "
            started = len(wanted) >= MIN_PARTIAL_LENGTH and f" {wanted}" in f" {words}"
            if named or started:
                found.append(condition)
                break
    return found


def get_condition(slug: str) -> Condition | None:
    return db.session.scalar(select(Condition).where(Condition.slug == slug))


def next_question_position(condition_id: int) -> int:
    """Where a new question goes in its condition's list: after the others (0 if first).

    Two questions added at once may share a position; the list then orders them by id,
    the order they were added in.
    """
    last = db.session.scalar(
        select(func.max(Question.position)).where(Question.condition_id == condition_id)
    )
    return 0 if last is None else last + 1


# How a condition's questions can be listed: ?order= on its page.
QUESTION_ORDERS = {
    "shared": (Question.sharer_count.desc(), Question.position, Question.id),
    "newest": (Question.created_at.desc(), Question.id.desc()),
}
DEFAULT_QUESTION_ORDER = "shared"


def list_questions(condition_id: int, order: str = DEFAULT_QUESTION_ORDER) -> list[Row]:
    """Return the slug, title and sharer count of the condition's questions.

    ``order`` is "shared" (most sharers first) or "newest"; anything else is "shared".
    """
    order = order if order in QUESTION_ORDERS else DEFAULT_QUESTION_ORDER
    return list(db.session.execute(_questions_statement(order), {"condition_id": condition_id}))


@cache
def _questions_statement(order: str) -> Select:
    return (
        select(Question.id, Question.slug, Question.title, Question.sharer_count)
        .where(Question.condition_id == bindparam("condition_id"))
        .order_by(*QUESTION_ORDERS[order])
    )


# The question at an address: one lookup for every feature, owned by posts below.
get_question = find_question


def get_question_with_summary(
    condition_slug: str, question_slug: str
) -> tuple[Question, SummaryRevision | None] | None:
    """Return the question with its condition and its published summary, in one query."""
    row = db.session.execute(
        _question_with_summary(), {"condition_slug": condition_slug, "question_slug": question_slug}
    ).first()
    return None if row is None else (row[0], row[1])


@cache
def _question_with_summary() -> Select:
    # Built once: building it (an alias, a subquery) costs more than running it.
    newer = aliased(SummaryRevision)
    # Only a signed-off revision is ever shown: drafts and submissions stay with editors.
    newest_id = (
        select(func.max(newer.id))
        .where(newer.question_id == Question.id, newer.state == RevisionState.PUBLISHED)
        .scalar_subquery()
    )
    return (
        select(Question, SummaryRevision)
        .join(Question.condition)
        .outerjoin(SummaryRevision, SummaryRevision.id == newest_id)
        # The question page shows neither the condition's about text nor the summary's source.
        .options(
            contains_eager(Question.condition).defer(Condition.about_markdown),
            contains_eager(Question.condition).defer(Condition.about_html),
            defer(SummaryRevision.body_markdown),
        )
        .where(
            Condition.slug == bindparam("condition_slug"),
            Question.slug == bindparam("question_slug"),
        )
    )


def published_history(question_id: int) -> list[SummaryRevision]:
    """The published revisions of a question's summary, newest first: its review history."""
    return list(
        db.session.scalars(
            select(SummaryRevision)
            .where(
                SummaryRevision.question_id == question_id,
                SummaryRevision.state == RevisionState.PUBLISHED,
            )
            .order_by(SummaryRevision.id.desc())
        )
    )


def current_summary(question: Question) -> SummaryRevision | None:
    """Return the question's published summary: its newest signed-off revision.

    Search indexes this revision (community.search.indexing): a change of which revision
    is shown is made here and in ``_question_with_summary``.
    """
    return db.session.scalar(
        select(SummaryRevision)
        .where(
            SummaryRevision.question_id == question.id,
            SummaryRevision.state == RevisionState.PUBLISHED,
        )
        .order_by(SummaryRevision.id.desc())
        .limit(1)
    )


def is_published(revision=SummaryRevision):
    """Select the revisions readers see: the signed-off ones, as :func:`current_summary` does."""
    return revision.state == RevisionState.PUBLISHED


def published_revisions(question: Question, limit: int) -> list[SummaryRevision]:
    """Return the question's published summary revisions, newest first.

    By the same rule as :func:`current_summary`, whose answer is the first of these.
    """
    return list(
        db.session.scalars(
            select(SummaryRevision)
            .where(SummaryRevision.question_id == question.id, is_published())
            .order_by(SummaryRevision.id.desc())
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class SitemapQuestion:
    condition_slug: str
    slug: str
    last_modified: datetime | date


def sitemap_questions() -> list[SitemapQuestion]:
    """Return every question with the last time its page changed, by condition and position.

    The page changes with a published summary revision, and with a post published or
    edited under it; both are read in one statement, grouped per question.
    """
    posts_changed = (
        select(Post.question_id, func.max(Post.updated_at).label("changed"))
        .where(Post.state == PostState.APPROVED)
        .group_by(Post.question_id)
        .subquery()
    )
    summaries_changed = (
        select(SummaryRevision.question_id, func.max(SummaryRevision.created_at).label("changed"))
        .where(is_published())
        .group_by(SummaryRevision.question_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            Condition.slug,
            Question.slug,
            Question.created_at,
            posts_changed.c.changed,
            summaries_changed.c.changed,
        )
        .join(Question.condition)
        .outerjoin(posts_changed, posts_changed.c.question_id == Question.id)
        .outerjoin(summaries_changed, summaries_changed.c.question_id == Question.id)
        .order_by(Condition.name, Question.position, Question.id)
    )
    return [
        SitemapQuestion(condition_slug, slug, max(when for when in times if when is not None))
        for condition_slug, slug, *times in rows
    ]

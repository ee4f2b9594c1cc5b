"""Move the version of every page a change shows on, in the transaction that makes the change.

Pages that visitors see are cached whole (community/page_cache.py) under their address and
the versions of the scopes they show: "site" (every page), "directory" (the list of
conditions and their counts), "condition:<id>" (a condition page, and the name and the
members' badges on its question pages), "question:<id>" (a question page),
"condition-experiences:<id>" (the condition's published posts, as its feed lists them) and
"published" (everything published at once, for search and the sitemap: every published
post and summary, and the questions and conditions they belong to).

No service calls anything here. Session events watch every write to the tables visitors'
pages are made from, whichever way it is written:

- objects flushed by the ORM (``after_flush``): a new, changed or deleted Post, Membership,
  Condition, Question, SummaryRevision, or a User whose username changed or who is gone;
- UPDATE and DELETE statements sent through the session (``do_orm_execute``), such as the
  compare-and-set that moves a post through moderation and the counters' increments: the
  rows they are about to change are read with the statement's own WHERE clause first,
  unless it names one row by its id whose scopes are known without reading it;
- an INSERT statement on those tables, which names no rows we could read: "site" moves.

The scopes found are bumped just before the session commits, in one statement, inside the
same transaction: a page is never cached under versions that its content does not match.
Nearly every write moves the directory's version, so the version rows are the last rows a
transaction locks, once, at its very end (never when a savepoint is released midway), in
a fixed order: a writer holding them waits for nothing, and two writers never wait on each
other in a cycle.
"""

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, String, bindparam, cast, event, literal, select
from sqlalchemy import inspect as inspect_object
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import (
    BinaryExpression,
    BindParameter,
    BooleanClauseList,
    ColumnElement,
)

from community.models import (
    Condition,
    Membership,
    PageVersion,
    Post,
    PostState,
    Question,
    SummaryRevision,
    User,
)

SITE = "site"
DIRECTORY = "directory"
PUBLISHED = "published"
_PENDING_SCOPES = "page_versions.pending"
ERASE_CACHED_PAGES = "page_versions.erase"


# The scopes of one condition or one question: the prefix, then its id.
CONDITION = "condition:"
QUESTION = "question:"
CONDITION_EXPERIENCES = "condition-experiences:"


def condition_scope(condition_id: int) -> str:
    return f"{CONDITION}{condition_id}"


def question_scope(question_id: int) -> str:
    return f"{QUESTION}{question_id}"


def condition_experiences_scope(condition_id: int) -> str:
    return f"{CONDITION_EXPERIENCES}{condition_id}"


# --- Which scopes a row shows on -------------------------------------------------------


def _post_scopes(question_id: int, condition_id: int) -> set[str]:
    # Counts and sharer numbers move through Condition and Question rows, bumped there.
    return {question_scope(question_id), condition_experiences_scope(condition_id), PUBLISHED}


def _condition_scopes(condition_id: int) -> set[str]:
    return {condition_scope(condition_id), DIRECTORY, PUBLISHED}


def _question_scopes(question_id: int, condition_id: int) -> set[str]:
    # The condition page lists its questions with their sharer counts.
    return {question_scope(question_id), condition_scope(condition_id), PUBLISHED}


def _membership_scopes(condition_id: int) -> set[str]:
    # A member's badge beside their posts on every question of the condition.
    return {condition_scope(condition_id)}


def _summary_scopes(question_id: int) -> set[str]:
    return {question_scope(question_id), PUBLISHED}


# Per table: the columns a row's scopes are worked out from, and how.
_ROW_SCOPES: dict[str, tuple[tuple, Callable[..., set[str]]]] = {
    Post.__tablename__: ((Post.question_id, Post.condition_id), _post_scopes),
    Condition.__tablename__: ((Condition.id,), _condition_scopes),
    Question.__tablename__: ((Question.id, Question.condition_id), _question_scopes),
    Membership.__tablename__: ((Membership.condition_id,), _membership_scopes),
    SummaryRevision.__tablename__: ((SummaryRevision.question_id,), _summary_scopes),
}


def _object_scopes(session: Session, row: object, deleted: bool = False) -> set[str]:
    if isinstance(row, Post):
        if row.state is PostState.PENDING:
            # Changed while awaiting moderation: its author and moderators see it, no visitor.
            history = inspect_object(row).attrs.state.history
            if not history.deleted or history.deleted[0] is PostState.PENDING:
                return set()
        return _post_scopes(row.question_id, row.condition_id)
    if isinstance(row, Condition):
        return _condition_scopes(row.id)
    if isinstance(row, Question):
        return _question_scopes(row.id, row.condition_id)
    if isinstance(row, Membership):
        return _membership_scopes(row.condition_id)
    if isinstance(row, SummaryRevision):
        return _summary_scopes(row.question_id)
    if isinstance(row, User) and (deleted or _username_changed(row)):
        return _authors_pages(session, select(User.id).where(User.id == row.id))
    return set()


def _username_changed(user: User) -> bool:
    state = inspect_object(user)
    return not state.pending and state.attrs.username.history.has_changes()


def _authors_pages(session: Session, authors: Select) -> set[str]:
    """The question pages and condition feeds that name these authors beside their posts."""
    rows = session.connection().execute(
        select(Post.question_id, Post.condition_id)
        .where(Post.author_id.in_(authors.scalar_subquery()))
        .distinct()
    )
    scopes: set[str] = set()
    for question_id, condition_id in rows:
        scopes |= {question_scope(question_id), condition_experiences_scope(condition_id)}
    return scopes


# --- Collecting and bumping ---------------------------------------------------------------


def pending_scopes(session: Session) -> set[str]:
    return session.info.setdefault(_PENDING_SCOPES, set())


def touch(session: Session, scopes: Iterable[str]) -> None:
    """Move ``scopes`` when the session commits: for a change no event can see."""
    pending_scopes(session).update(scopes)


def _after_flush(session: Session, _context) -> None:
    scopes = pending_scopes(session)
    for row in session.new:
        if isinstance(row, Post) and row.state is PostState.PENDING:
            continue  # a new post awaiting moderation shows on no visitor's page
        scopes |= _object_scopes(session, row)
    for row in session.dirty:
        if session.is_modified(row, include_collections=False):
            scopes |= _object_scopes(session, row)
    for row in session.deleted:
        scopes |= _object_scopes(session, row, deleted=True)


def _before_bulk_statement(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name == User.__tablename__ and not state.is_insert:
        authors = select(User.id)
        if state.statement.whereclause is not None:
            authors = authors.where(state.statement.whereclause)
        touch(state.session, _authors_pages(state.session, authors))
        return
    if name not in _ROW_SCOPES:
        return
    if state.is_insert:
        # Rows written in bulk (generated load data, imports): no ids to read beforehand.
        touch(state.session, {SITE})
        return
    columns, scopes_of = _ROW_SCOPES[name]
    known = _known_row(state.session, state.statement, columns)
    if known is not None:
        touch(state.session, scopes_of(*known))
        return
    rows = select(*columns).distinct()
    if state.statement.whereclause is not None:
        rows = rows.where(state.statement.whereclause)
    found: set[str] = set()
    for row in state.session.connection().execute(rows):
        found |= scopes_of(*row)
    touch(state.session, found)


def _known_row(session: Session, statement, columns: tuple) -> tuple | None:
    """``columns`` of the one row the statement names by its id, when they are known without
    reading it: the id itself, or the row as the session holds it. The columns that scopes
    are worked out from never change (a post stays on its question, a question in its
    condition), so the session's copy of them is the row's."""
    row_id = _id_named(statement)
    if row_id is None:
        return None
    model = columns[0].class_
    if all(column.key == "id" for column in columns):
        return tuple(row_id for _ in columns)
    held = session.identity_map.get(inspect_object(model).identity_key_from_primary_key((row_id,)))
    loaded = inspect_object(held).dict if held is not None else {}
    if not all(column.key in loaded for column in columns):
        return None
    return tuple(loaded[column.key] for column in columns)


def _id_named(statement) -> object | None:
    """The id the statement's WHERE clause requires (``id = :value``, alone or ANDed), if any."""
    where = statement.whereclause
    id_column = statement.table.c.get("id")
    if where is None or id_column is None:
        return None
    clauses = (
        where.clauses
        if isinstance(where, BooleanClauseList) and where.operator is operators.and_
        else (where,)
    )
    for clause in clauses:
        if (
            isinstance(clause, BinaryExpression)
            and clause.operator is operators.eq
            and isinstance(clause.right, BindParameter)
            and clause.left.compare(id_column)
        ):
            return clause.right.effective_value
    return None


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        # A savepoint released: the transaction goes on, and may write more. Its versions
        # move once, at its end, after every other row it locks.
        return
    # The commit flushes after this event: flush now, so that its changes are seen here.
    session.flush()
    scopes = session.info.pop(_PENDING_SCOPES, None)
    if scopes:
        bump(session, scopes)


def bump(session: Session, scopes: Iterable[str]) -> None:
    """Give each scope a new version, creating its row, in one statement.

    A random number rather than one more: a database restored from a backup, or created
    again beside a cache that outlived it, never reaches a version it had before with
    other content, so no page cached then can be served for it.
    """
    connection = session.connection()
    insert = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
    statement = insert(PageVersion).values(
        [{"scope": scope, "version": secrets.randbits(62) + 1} for scope in sorted(scopes)]
    )
    statement = statement.on_conflict_do_update(
        index_elements=[PageVersion.scope], set_={"version": statement.excluded.version}
    )
    connection.execute(statement)


def _forget_on_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is not None:
        # A savepoint (or the failed flush inside one) rolled back: the transaction goes
        # on with what it wrote before it, and the pages that showed are still to move
        # (those of the savepoint's rows too, which costs no more than rendering them
        # again).
        return
    session.info.pop(_PENDING_SCOPES, None)
    session.info.pop(ERASE_CACHED_PAGES, None)


def register() -> None:
    """Listen to every session (once per process)."""
    if event.contains(Session, "after_flush", _after_flush):
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _before_bulk_statement)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_soft_rollback", _forget_on_rollback)


# --- Reading the versions of a page ------------------------------------------------------


@dataclass(frozen=True)
class ConditionBySlug:
    """A condition's scope (``prefix`` and its id), found from the address's slug in the
    lookup of the versions itself."""

    slug: str
    prefix: str = CONDITION


@dataclass(frozen=True)
class QuestionBySlugs:
    """A question's scope, found from the address's slugs in the lookup itself."""

    slug: str
    qslug: str


Scope = str | ConditionBySlug | QuestionBySlugs


def condition_scope_by_slug(slug: str) -> ConditionBySlug:
    return ConditionBySlug(slug)


def condition_experiences_scope_by_slug(slug: str) -> ConditionBySlug:
    return ConditionBySlug(slug, CONDITION_EXPERIENCES)


def question_scope_by_slugs(slug: str, qslug: str) -> QuestionBySlugs:
    return QuestionBySlugs(slug, qslug)


def read_versions(session: Session, scopes: Iterable[Scope]) -> tuple:
    """Return ``((scope, version), ...)`` for ``scopes``, in one statement.

    A scope that names nothing (an unknown slug) comes back as None; a scope not yet
    changed, at version 0. The statement is built once for each kind of page (the kinds
    of its scopes, in order); each request only binds the names.
    """
    scopes = tuple(scopes)
    values: dict[str, str] = {}
    for index, scope in enumerate(scopes):
        if isinstance(scope, str):
            values[f"scope_{index}"] = scope
        elif isinstance(scope, ConditionBySlug):
            values[f"prefix_{index}"] = scope.prefix
            values[f"slug_{index}"] = scope.slug
        else:
            values[f"slug_{index}"] = scope.slug
            values[f"qslug_{index}"] = scope.qslug
    statement = _versions_statement(tuple(type(scope) for scope in scopes))
    row = session.execute(statement, values).one()
    return tuple((row[i], row[i + 1] or 0) for i in range(0, len(row), 2))


@cache
def _versions_statement(kinds: tuple[type, ...]) -> Select:
    columns = []
    for index, kind in enumerate(kinds):
        expression = _scope_expression(kind, index)
        version = select(PageVersion.version).where(PageVersion.scope == expression)
        columns += [expression, version.scalar_subquery()]
    return select(*columns)


def _scope_expression(kind: type, index: int) -> ColumnElement[str]:
    if kind is str:
        return bindparam(f"scope_{index}", type_=String)
    if kind is ConditionBySlug:
        condition_id = (
            select(Condition.id)
            .where(Condition.slug == bindparam(f"slug_{index}", type_=String))
            .scalar_subquery()
        )
        return bindparam(f"prefix_{index}", type_=String) + cast(condition_id, String)
    question_id = (
        select(Question.id)
        .join(Question.condition)
        .where(
            Condition.slug == bindparam(f"slug_{index}", type_=String),
            Question.slug == bindparam(f"qslug_{index}", type_=String),
        )
        .scalar_subquery()
    )
    return literal(QUESTION) + cast(question_id, String)

"""What writing rows needs beyond the session: storing a row that may already exist,
locking a row to check it, and leaving no copy of deleted text in SQLite's files."""

from typing import TypeVar

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community.extensions import db

Row = TypeVar("Row", bound=db.Model)


# The code each driver gives a broken unique rule: PostgreSQL's SQLSTATE, SQLite's
# extended result code.
_UNIQUE_VIOLATION = "23505"
_SQLITE_UNIQUE = {"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"}


def is_unique_violation(error: IntegrityError) -> bool:
    """Whether ``error`` is a unique rule broken (the row is there already), not another
    refusal such as a row it refers to being gone (an account deleted meanwhile)."""
    driver_error = error.orig
    return (
        getattr(driver_error, "sqlstate", None) == _UNIQUE_VIOLATION
        or getattr(driver_error, "sqlite_errorname", None) in _SQLITE_UNIQUE
    )


def insert_unless_duplicate(row: db.Model) -> bool:
    """Store ``row`` in a savepoint; return False, storing nothing, if it breaks a unique rule.

    The callers check for an existing row first; this settles the race in which a
    concurrent request stores the same row between that check and this insert. Any other
    refusal (a row it refers to deleted meanwhile) is raised: the request is answered 409
    (community/site/views.py), not told the row exists.
    """
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        return False
    return True


def lock_row(model: type[Row], row_id: int) -> Row | None:
    """The row, read again as it is now and locked until the transaction ends.

    For a check that a write does not make itself: a second request at the same moment
    waits for the first to commit, then checks what it left. Read again even if this
    request had loaded the row before (that copy may predate the other's commit), and only
    this table's row is locked, whatever the model loads with it.
    """
    return db.session.scalar(
        select(model)
        .where(model.id == row_id)
        .with_for_update(of=model)
        .execution_options(populate_existing=True)
    )


def empty_write_ahead_log() -> None:
    """Copy SQLite's write-ahead log into the database file and empty it; call after commit.

    Erased text leaves no bytes in the database file (``secure_delete`` zeroes them), but
    the log still holds the pages as they were written before, until a checkpoint. Run
    after a deletion, so that the deleted text is in none of the database's files.
    PostgreSQL keeps no such file for us to empty: this does nothing there.
    """
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        # A long reader held on to an older snapshot: the next checkpoint empties it.
        current_app.logger.warning("The write-ahead log could not be emptied: a reader is busy")

"""What writing rows needs beyond the session: storing a row that may already exist, and
leaving no copy of deleted text in SQLite's files."""

from flask import current_app
from sqlalchemy.exc import IntegrityError

from community.extensions import db


def insert_unless_duplicate(row: db.Model) -> bool:
    """Store ``row`` in a savepoint; return False, storing nothing, if it breaks a unique rule.

    The callers check for an existing row first; this settles the race in which a
    concurrent request stores the same row between that check and this insert.
    """
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return False
    return True


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

"""Unbound extensions, bound to the app in :func:`community.create_app`."""

import os
import sqlite3
from contextlib import suppress

from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from psycopg.pq import TransactionStatus
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so that migrations can find and alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# Whole pages for visitors; its store is chosen by COMMUNITY_CACHE_URL (community/page_cache.py).
cache = Cache()
# Limits are declared on the views that need them; storage comes from RATELIMIT_STORAGE_URI.
limiter = Limiter(get_remote_address)


@event.listens_for(Engine, "do_connect")
def _create_sqlite_file_for_its_owner(dialect, _record, arguments, options) -> None:
    """Create a new SQLite database file readable by its owner only, before SQLite does.

    SQLite would create it readable by everyone (0644 under the usual umask), and it
    holds members' emails and password hashes; its journal and WAL files take its mode.
    """
    if dialect.name != "sqlite" or options.get("uri") or not arguments:
        return
    path = arguments[0]
    if not path or path == ":memory:":
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    # There already (the usual case), or not creatable (a missing folder): SQLite opens
    # it, or says why it cannot, as it would have without this.
    with suppress(OSError):
        os.close(os.open(path, flags, 0o600))


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record) -> None:
    """Switch on what SQLite leaves off: WAL, foreign keys, waiting on locks, secure delete."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted and overwritten content is zeroed, not left in free space: deleting a post
    # must leave none of its text in the file.
    cursor.execute("PRAGMA secure_delete=ON")
    # Read pages straight from the mapped file rather than copying them into each
    # connection's small page cache: page views read hundreds of scattered rows.
    cursor.execute("PRAGMA mmap_size=2147483648")
    cursor.close()


@event.listens_for(Engine, "savepoint")
def _begin_before_sqlite_savepoint(connection, _name) -> None:
    """Open SQLite's transaction before a savepoint, so that releasing it does not commit.

    Python's sqlite3 begins a transaction only before the first INSERT, UPDATE or DELETE.
    A SAVEPOINT issued before that starts the transaction itself, and its RELEASE then
    commits everything at once: a new membership would be stored even if the member
    count that goes with it were rolled back.

    IMMEDIATE takes the write lock at once (waiting up to busy_timeout): a transaction that
    read first and wrote later would otherwise fail with "database is locked" whenever
    another writer committed in between, whatever the busy timeout.
    """
    dbapi_connection = connection.connection.dbapi_connection
    if isinstance(dbapi_connection, sqlite3.Connection) and not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN IMMEDIATE")


# Statements that only read. Anything else (and anything it does not recognise, such as a
# WITH that may hold an INSERT) counts as a write.
_READS = ("SELECT", "SHOW")


@event.listens_for(Engine, "before_cursor_execute")
def _note_writes(connection, _cursor, statement, _parameters, _context, _executemany) -> None:
    if connection.dialect.driver == "psycopg" and not statement.lstrip()[:6].upper().startswith(
        _READS
    ):
        connection.info["wrote"] = True


@event.listens_for(Engine, "commit")
def _forget_writes(connection) -> None:
    connection.info.pop("wrote", None)


@event.listens_for(Engine, "rollback")
def _end_reads_with_commit(connection) -> None:
    """End a transaction that only read with COMMIT: the same outcome, prepared statements kept.

    psycopg prepares a statement on the server once a connection has run it a few times
    (``prepare_threshold``), so that PostgreSQL plans it once, not at every request; but it
    forgets them all at every ROLLBACK. Every page view ends its transaction by rolling it
    back, so no statement would ever be prepared: each request would plan the question
    page's statements anew, which costs PostgreSQL more than running them. A transaction
    that wrote nothing commits nothing; one that wrote, or failed, is rolled back.
    """
    wrote = connection.info.pop("wrote", False)
    if wrote or connection.dialect.driver != "psycopg":
        return
    driver_connection = connection.connection.driver_connection
    if driver_connection.info.transaction_status == TransactionStatus.INTRANS:
        # What is left to roll back then finds the connection idle and does nothing.
        driver_connection.commit()

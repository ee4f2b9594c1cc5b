"""What the migrations (migrations/versions) share; the app itself never calls it."""

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import op


@contextmanager
def sqlite_foreign_keys_off() -> Iterator[None]:
    """Let SQLite rebuild tables without the DROP of the old copy cascading to other tables.

    SQLite changes a CHECK constraint or drops a column by copying the table; with foreign
    keys on, dropping the old copy of ``posts`` would delete every report of a post, and
    dropping ``users`` every membership. PostgreSQL alters in place: nothing to switch.
    """
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        with op.get_context().autocommit_block():
            op.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        if sqlite:
            with op.get_context().autocommit_block():
                op.execute("PRAGMA foreign_keys=ON")

"""On PostgreSQL, transactions that only read end without losing prepared statements.

psycopg prepares a statement on the server once a connection has run it a few times, and
forgets every prepared statement at each ROLLBACK: a transaction that only read is
committed instead (the same outcome), one that wrote is still rolled back.
"""

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.conftest import postgres_url_or_skip

QUERY = "SELECT count(*) FROM pg_class WHERE relname = %(name)s"


@pytest.fixture
def engine() -> Iterator[sa.Engine]:
    engine = sa.create_engine(postgres_url_or_skip(), pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


def test_a_statement_run_in_many_read_only_transactions_is_prepared_once(engine):
    for _ in range(8):
        with engine.connect() as connection:
            connection.exec_driver_sql(QUERY, {"name": "posts"}).scalar()
            connection.rollback()
    with engine.connect() as connection:
        prepared = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %(query)s",
            {"query": "SELECT count(*) FROM pg_class WHERE relname = $1%"},
        ).scalar()
    assert prepared == 1


def test_a_transaction_that_wrote_is_still_rolled_back(engine):
    with engine.connect() as connection:
        connection.exec_driver_sql("CREATE TEMPORARY TABLE scratch (value integer)")
        connection.commit()
        connection.exec_driver_sql("SELECT count(*) FROM scratch").scalar()
        connection.exec_driver_sql("INSERT INTO scratch VALUES (1)")
        connection.exec_driver_sql("SELECT count(*) FROM scratch").scalar()
        connection.rollback()
        assert connection.exec_driver_sql("SELECT count(*) FROM scratch").scalar() == 0


def test_a_failed_transaction_is_rolled_back(engine):
    with engine.connect() as connection:
        with pytest.raises(sa.exc.DataError):
            connection.exec_driver_sql("SELECT 1 / 0")
        connection.rollback()
        assert connection.exec_driver_sql("SELECT 1").scalar() == 1


def test_a_session_setting_is_undone_by_the_rollback(engine):
    """A session-wide SET is undone by a rollback: such a transaction is not committed."""
    with engine.connect() as connection:
        connection.exec_driver_sql("SET statement_timeout = '123s'")
        connection.rollback()
        assert connection.exec_driver_sql("SHOW statement_timeout").scalar() != "123s"

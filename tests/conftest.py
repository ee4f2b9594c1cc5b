"""Fixtures: one app per database for the whole run, each test in a transaction rolled back.

Every test that uses ``app`` runs once per database: SQLite, and PostgreSQL where
``TEST_DATABASE_URL`` points at a reachable server (skipped with the reason elsewhere;
in CI, ``CI=true``, a server named there but unreachable fails the run instead). Both
databases are built by the migrations (``flask db upgrade``) once per run, never from
the models, so a migration that differs from the models fails the tests that use it.

A test runs inside one outer transaction on one connection, rolled back at its end. The
app's sessions join that transaction with a savepoint each (SQLAlchemy's
``join_transaction_mode="create_savepoint"``), so the app's own ``commit()`` releases a
savepoint and its ``rollback()`` goes back to one. Any app a test builds on
``database_url`` (``make_app``, ``serve_app``: other settings) joins the same transaction.
Between tests the shared app's settings, its page cache and the rate limiter's
counters are put back as they were.

Tests that need real commits are marked ``fresh_database``: a server in another thread
or process, a second connection, two sessions racing, an app changed after its first
request. They get an app of their own on a database of their own: a copy of the migrated
SQLite file, or the PostgreSQL database emptied after the test. Tests using
``live_server`` get it without the mark.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session
from limits.storage import MemoryStorage

from community import create_app, page_cache
from community.extensions import db, limiter

TEST_SETTINGS = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key",
    # A cheap hash keeps the suite fast; production's is checked in tests/test_config.py.
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
    # The suite logs in many times from one address; tests/test_ratelimits.py turns limits on.
    "RATELIMIT_ENABLED": False,
    # Each app's pages in its own process, emptied between tests: versions go back with
    # each rolled-back test. Tests of the shared stores set their own.
    "COMMUNITY_CACHE_URL": "memory://",
}

# Fixtures that serve the app to another thread or process, which cannot share the test's
# connection: a test using one of them gets a fresh database without being marked.
FRESH_DATABASE_FIXTURES = {"live_server"}


def make_app(database_url: str, **settings) -> Flask:
    return create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url, **settings})


# --- Sessions that join the running test's transaction -------------------------------------

# The connection of the test running now, by the database URL its apps are built on.
_JOINED: dict[str, sa.Connection] = {}


class _JoiningSession(Session):
    """A Flask-SQLAlchemy session that uses the test's connection for the test's database."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        chosen = super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)
        if isinstance(chosen, sa.Engine):
            return _JOINED.get(_url_key(chosen.url), chosen)
        return chosen


def _url_key(url: str | sa.URL) -> str:
    return sa.make_url(url).render_as_string(hide_password=False)


# Every db.session from now on: joined to the test's connection where there is one, and
# then committing by releasing a savepoint. With an engine (no test connection) the mode
# changes nothing.
db.session.session_factory.class_ = _JoiningSession
db.session.session_factory.configure(join_transaction_mode="create_savepoint")


# Each sequence that numbers a table's column restarts after that column's highest value.
# (The driver reads "%%" as "%": the format() placeholders are %I and %s.)
_SEQUENCES_AFTER_MIGRATED_ROWS = """
DO $$
DECLARE
    owned record;
    next_value bigint;
BEGIN
    FOR owned IN
        SELECT s.oid::regclass AS sequence_name, t.oid::regclass AS table_name,
               a.attname AS column_name
        FROM pg_class s
        JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
        JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S'
    LOOP
        EXECUTE format('SELECT coalesce(max(%%I), 0) + 1 FROM %%s', owned.column_name,
                       owned.table_name) INTO next_value;
        PERFORM setval(owned.sequence_name, next_value, false);
    END LOOP;
END $$;
"""


@contextmanager
def _rolled_back(engine: sa.Engine) -> Iterator[sa.Connection]:
    """Open the test's transaction on ``engine``'s database; roll it back on the way out."""
    connection = engine.connect()
    transaction = connection.begin()
    if engine.dialect.name == "sqlite":
        # Python's sqlite3 would begin only before the first write: begin now, so that a
        # savepoint released by a commit stays inside the test's transaction.
        connection.exec_driver_sql("BEGIN")
    else:
        # Sequences are not rolled back; start them again, as a truncated database would,
        # after the rows the migrations themselves put in (the default crisis phrases).
        connection.exec_driver_sql(
            "SELECT setval(c.oid, 1, false) FROM pg_class c WHERE c.relkind = 'S'"
        )
        connection.exec_driver_sql(_SEQUENCES_AFTER_MIGRATED_ROWS)
    key = _url_key(engine.url)
    _JOINED[key] = connection
    try:
        yield connection
    finally:
        del _JOINED[key]
        transaction.rollback()
        connection.close()


# --- Databases built by the migrations ---------------------------------------------------


# The rows the migrations themselves put in (the default crisis phrases), by table: a
# database emptied for a test gets them back, as a freshly migrated one has them.
_MIGRATED_ROWS: dict[str, list[dict[str, Any]]] = {}


def migrate_database(database_url: str) -> None:
    """Build the schema as production does: ``flask db upgrade`` on an empty database."""
    app = make_app(database_url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            for table in db.metadata.sorted_tables:
                rows = [dict(row) for row in connection.execute(sa.select(table)).mappings()]
                if rows:
                    _MIGRATED_ROWS[table.name] = rows
        db.session.remove()
        db.engine.dispose()


def _unreachable(reason: str) -> None:
    """Skip, saying why; in CI, where the environment names the server, fail the run."""
    if os.environ.get("CI", "").lower() == "true":
        what, _, why = reason.partition(" skipped: ")
        pytest.fail(
            f"{what} cannot run: {why}; with CI=true a server named in the environment must answer",
            pytrace=False,
        )
    pytest.skip(reason)


def postgres_url_or_skip_reason() -> tuple[str | None, str | None]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None, "PostgreSQL tests skipped: TEST_DATABASE_URL is not set"
    try:
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any failure to connect means: skip, and say why
        return None, f"PostgreSQL tests skipped: {url} is unreachable ({error.__class__.__name__})"
    return url, None


def postgres_url_or_skip() -> str:
    """The test server's URL; skip without one, and fail in CI if it is named but down."""
    url, reason = postgres_url_or_skip_reason()
    if url is None:
        if os.environ.get("TEST_DATABASE_URL"):
            _unreachable(reason)
        pytest.skip(reason)
    return url


def redis_url_or_skip(what: str) -> str:
    """``TEST_REDIS_URL`` if Redis answers there; skip otherwise, failing in CI if named."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip(f"{what} skipped: TEST_REDIS_URL is not set")
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        client.ping()
        client.close()
    except redis.RedisError as error:
        _unreachable(f"{what} skipped: {url} is unreachable ({error.__class__.__name__})")
    return url


@contextmanager
def scratch_postgres_database(name: str) -> Iterator[str]:
    """Create an empty database beside the test database, named after it; drop it after."""
    url = sa.make_url(postgres_url_or_skip())
    scratch = f"{url.database}_{name}_{os.getpid()}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{scratch}"'))
    try:
        yield url.set(database=scratch).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """An SQLite database file built by the migrations, copied for each fresh database."""
    path = tmp_path_factory.mktemp("template") / "community.db"
    migrate_database(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The test's PostgreSQL database, emptied and built again by the migrations."""
    url = postgres_url_or_skip()
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    migrate_database(url)
    return url


def _truncate_all(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for table in db.metadata.sorted_tables:
            if table.name in _MIGRATED_ROWS:
                connection.execute(sa.insert(table), _MIGRATED_ROWS[table.name])
        connection.exec_driver_sql(_SEQUENCES_AFTER_MIGRATED_ROWS)
    engine.dispose()


# --- The app for the whole run, per database ---------------------------------------------


@dataclass
class SharedApp:
    """One app on one migrated database, and what each test must find as it was."""

    app: Flask
    url: str
    config: dict[str, Any] = field(default_factory=dict)
    limiter_enabled: bool = False

    def reset(self) -> None:
        """Undo what a test may have changed outside the database."""
        self.app.config.clear()
        self.app.config.update(self.config)
        page_cache.clear(self.app)
        # The limiter is one object for every app: the last app built set it up.
        limiter.enabled = self.limiter_enabled
        if limiter.initialized and isinstance(limiter.storage, MemoryStorage):
            limiter.storage.reset()


@pytest.fixture(scope="session")
def _shared_apps(tmp_path_factory) -> Iterator[dict[str, SharedApp]]:
    apps: dict[str, SharedApp] = {}
    yield apps
    for shared in apps.values():
        with shared.app.app_context():
            db.engine.dispose()


def _shared_app(request, kind: str) -> SharedApp:
    apps = request.getfixturevalue("_shared_apps")
    if kind not in apps:
        if kind == "sqlite":
            path = request.getfixturevalue("tmp_path_factory").mktemp("shared") / "shared.db"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            url = f"sqlite:///{path}"
        else:
            url = request.getfixturevalue("postgres_url")
        app = make_app(url)
        apps[kind] = SharedApp(app, url, dict(app.config), limiter.enabled)
    return apps[kind]


def needs_fresh_database(request) -> bool:
    return request.node.get_closest_marker("fresh_database") is not None or bool(
        FRESH_DATABASE_FIXTURES & set(request.fixturenames)
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def database_kind(request) -> str:
    return request.param


@pytest.fixture
def database_url(request, database_kind, tmp_path) -> Iterator[str]:
    """The test's database, migrated and empty.

    Normally the shared database, inside the test's transaction (apps built on it join
    the transaction); for tests marked ``fresh_database``, a database of their own whose
    commits are real.
    """
    if needs_fresh_database(request):
        if database_kind == "sqlite":
            path = tmp_path / "community.db"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            yield f"sqlite:///{path}"
            return
        url = request.getfixturevalue("postgres_url")
        # Emptied first as well: TRUNCATE also drops the rows that rolled-back tests left
        # behind as dead tuples, which a VACUUM would otherwise have to sweep.
        _truncate_all(url)
        try:
            yield url
        finally:
            _truncate_all(url)
        return
    shared = _shared_app(request, database_kind)
    with shared.app.app_context():
        engine = db.engine
    with _rolled_back(engine):
        yield shared.url


def serve_app(database_url: str, **settings) -> Iterator[Flask]:
    """Yield an app of its own with ``settings`` on the test database; close it after."""
    app = make_app(database_url, **settings)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _pop_app_contexts_left_open() -> None:
    """A context a test pushed and left would carry its ``g`` (the logged-in member) on."""
    while (context := _cv_app.get(None)) is not None:
        context.pop()


@pytest.fixture
def app(request, database_kind, database_url: str) -> Iterator[Flask]:
    if needs_fresh_database(request):
        yield from serve_app(database_url)
        return
    shared = _shared_app(request, database_kind)
    shared.reset()
    try:
        yield shared.app
    finally:
        _pop_app_contexts_left_open()
        shared.reset()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()

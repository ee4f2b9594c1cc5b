"""Fixtures: an app on a clean database per test, on SQLite and (when configured) PostgreSQL.

Every test that uses ``app`` runs once per database. SQLite gets a fresh copy of a
template database file; PostgreSQL reuses one schema and is truncated after each test.
PostgreSQL runs where ``TEST_DATABASE_URL`` points at a reachable server and is
skipped, with the reason, elsewhere.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from community import create_app
from community.extensions import db

TEST_SETTINGS = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key",
    # A cheap hash keeps the suite fast; production uses scrypt.
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
    # The suite logs in many times from one address; tests/test_ratelimits.py turns limits on.
    "RATELIMIT_ENABLED": False,
}


def make_app(database_url: str, **settings) -> Flask:
    return create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url, **settings})


def _create_schema(database_url: str) -> None:
    app = make_app(database_url)
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "community.db"
    _create_schema(f"sqlite:///{path}")
    return path


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


@contextmanager
def scratch_postgres_database(name: str) -> Iterator[str]:
    """Create an empty database beside the test database, named after it; drop it after."""
    base_url, reason = postgres_url_or_skip_reason()
    if base_url is None:
        pytest.skip(reason)
    url = sa.make_url(base_url)
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
def postgres_url() -> str:
    url, reason = postgres_url_or_skip_reason()
    if url is None:
        pytest.skip(reason)
    _create_schema(url)
    return url


def _truncate_all(app: Flask) -> None:
    with app.app_context():
        tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "community.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    return request.getfixturevalue("postgres_url")


def serve_app(database_url: str, **settings) -> Iterator[Flask]:
    """Yield an app on the test database, then leave the database clean for the next test."""
    app = make_app(database_url, **settings)
    yield app
    with app.app_context():
        db.session.remove()
    if database_url.startswith("postgresql"):
        _truncate_all(app)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    yield from serve_app(database_url)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()

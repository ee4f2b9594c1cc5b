"""The suite's own services: unreachable ones skip locally with the reason, fail in CI."""

import pytest

from tests.conftest import postgres_url_or_skip, redis_url_or_skip

NOBODY_LISTENS = "127.0.0.1:1"


@pytest.fixture
def local(monkeypatch):
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture
def ci(monkeypatch):
    monkeypatch.setenv("CI", "true")


def test_an_unreachable_database_is_skipped_with_its_reason_locally(local, monkeypatch):
    monkeypatch.setenv("TEST_DATABASE_URL", f"postgresql+psycopg://postgres@{NOBODY_LISTENS}/x")
    with pytest.raises(pytest.skip.Exception, match="is unreachable"):
        postgres_url_or_skip()


def test_an_unreachable_database_named_in_ci_fails_the_run(ci, monkeypatch):
    monkeypatch.setenv("TEST_DATABASE_URL", f"postgresql+psycopg://postgres@{NOBODY_LISTENS}/x")
    with pytest.raises(pytest.fail.Exception, match="cannot run: .* is unreachable.*CI=true"):
        postgres_url_or_skip()


def test_a_database_not_named_is_skipped_even_in_ci(ci, monkeypatch):
    monkeypatch.delenv("TEST_DATABASE_URL", raising=False)
    with pytest.raises(pytest.skip.Exception, match="TEST_DATABASE_URL is not set"):
        postgres_url_or_skip()


def test_an_unreachable_redis_is_skipped_locally_and_fails_in_ci(local, monkeypatch):
    monkeypatch.setenv("TEST_REDIS_URL", f"redis://{NOBODY_LISTENS}/0")
    with pytest.raises(pytest.skip.Exception, match="is unreachable"):
        redis_url_or_skip("Scale-out test")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="cannot run: .* is unreachable.*CI=true"):
        redis_url_or_skip("Scale-out test")

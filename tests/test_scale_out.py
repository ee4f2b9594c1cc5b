"""Two app servers share one PostgreSQL and one Redis: the app keeps no state in the process.

Two gunicorn instances on different ports serve one scratch PostgreSQL database, with
rate-limit counters in Redis. A member logs in through the first and shares through the
second; failed log-ins spread over both are counted together. Skipped, with the reason,
unless ``TEST_DATABASE_URL`` (PostgreSQL) and ``TEST_REDIS_URL`` are reachable.
"""

import uuid
from collections.abc import Iterator

import pytest
from flask_migrate import upgrade

from community.extensions import db
from tests.conftest import make_app, redis_url_or_skip, scratch_postgres_database
from tests.factories import PASSWORD, make_condition, make_member, make_question
from tests.live_server import Browser, Server, gunicorn

QUESTION = "/conditions/asthma/questions/what-causes-it"


@pytest.fixture(scope="module")
def shared_database() -> Iterator[str]:
    """A scratch PostgreSQL database, migrated, with a member of a community."""
    with scratch_postgres_database("scale_out") as url:
        app = make_app(url)
        with app.app_context():
            upgrade()
        make_member(app, make_condition(app), "wren")
        make_question(app, 1)
        with app.app_context():
            db.engine.dispose()
        yield url


@pytest.fixture(scope="module")
def shared_limits() -> Iterator[tuple[str, str]]:
    """Redis for the rate-limit counters, under a key prefix of this test's own."""
    url = redis_url_or_skip("Scale-out test")
    import redis

    prefix = f"scale-out-{uuid.uuid4().hex}"
    yield url, prefix
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"*{prefix}*"):
        client.delete(key)


@pytest.fixture(scope="module")
def two_servers(shared_limits, shared_database) -> Iterator[tuple[Server, Server]]:
    redis_url, prefix = shared_limits
    settings = {
        "RATELIMIT_STORAGE_URI": redis_url,
        "RATELIMIT_KEY_PREFIX": prefix,
        "COMMUNITY_LIMIT_LOGIN_PER_ADDRESS": "3 per minute",
    }
    # Both servers get the same environment, so one SECRET_KEY signs every session.
    with (
        gunicorn(shared_database, workers=1, **settings) as first,
        gunicorn(shared_database, workers=1, **settings) as second,
    ):
        yield first, second


def test_a_member_logs_in_on_one_server_and_shares_through_the_other(two_servers):
    first, second = two_servers
    browser = Browser(first.port)
    browser.log_in("wren", PASSWORD)

    # The same browser, with the session cookie the first server gave it.
    browser.port = second.port
    browser.get(QUESTION)
    status, _ = browser.post(f"{QUESTION}/experiences", {"body": "Shared through the second."})
    assert status == 303
    browser.port = first.port
    _, page = browser.get(QUESTION)
    assert "Shared through the second." in page
    assert "Awaiting moderation" in page


def test_rate_limit_counters_are_shared_through_redis(two_servers):
    first, second = two_servers
    browser = Browser(first.port)

    def failed_log_in(server: Server) -> int:
        browser.port = server.port
        browser.get("/auth/login")
        return browser.post("/auth/login", {"identifier": "wren", "password": "not the password"})[
            0
        ]

    # Three failed attempts an address a minute, wherever they land.
    assert [failed_log_in(first), failed_log_in(second), failed_log_in(first)] == [400] * 3
    assert failed_log_in(second) == 429
    assert failed_log_in(first) == 429

"""Two app servers share one PostgreSQL and one Redis: the app keeps no state in the process.

Two gunicorn instances on different ports serve one scratch PostgreSQL database, with
rate-limit counters in Redis. A member logs in through the first and shares through the
second; failed log-ins spread over both are counted together. Skipped, with the reason,
unless ``TEST_DATABASE_URL`` (PostgreSQL) and ``TEST_REDIS_URL`` are reachable.
"""

import http.client
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask_migrate import upgrade

from community.extensions import db
from tests.conftest import make_app, scratch_postgres_database
from tests.factories import PASSWORD, make_condition, make_member, make_question

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "/conditions/asthma/questions/what-causes-it"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _redis_url_or_skip() -> str:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("Scale-out test skipped: TEST_REDIS_URL is not set")
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(f"Scale-out test skipped: {url} is unreachable ({error.__class__.__name__})")
    return url


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
    url = _redis_url_or_skip()
    import redis

    prefix = f"scale-out-{uuid.uuid4().hex}"
    yield url, prefix
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"*{prefix}*"):
        client.delete(key)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def two_servers(shared_limits, shared_database) -> Iterator[tuple[int, int]]:
    redis_url, prefix = shared_limits
    environment = {
        **os.environ,
        "DATABASE_URL": shared_database,
        "SECRET_KEY": "one secret for every app server",
        "RATELIMIT_STORAGE_URI": redis_url,
        "RATELIMIT_KEY_PREFIX": prefix,
        "COMMUNITY_LIMIT_LOGIN_PER_ADDRESS": "3 per minute",
    }
    ports = (_free_port(), _free_port())
    gunicorn = [sys.executable, "-m", "gunicorn", "--workers=1"]
    servers = [
        subprocess.Popen(
            [*gunicorn, f"--bind=127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT,
            env=environment,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            _wait_for(port)
        yield ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)


def _wait_for(port: int) -> None:
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if Browser().request(port, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no app server answered on port {port}")


class Browser:
    """Just enough of a browser: one session cookie, carried to whichever server."""

    def __init__(self) -> None:
        self.cookie = ""

    def request(self, port: int, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        connection.close()
        return response.status, text

    def post_form(self, port: int, page: str, action: str, form: dict):
        _, html = self.request(port, "GET", page)
        return self.request(port, "POST", action, {**form, "csrf_token": CSRF.search(html)[1]})


def test_a_member_logs_in_on_one_server_and_shares_through_the_other(two_servers):
    first, second = two_servers
    browser = Browser()

    status, _ = browser.post_form(
        first, "/auth/login", "/auth/login", {"identifier": "wren", "password": PASSWORD}
    )
    assert status == 302

    status, _ = browser.post_form(
        second, QUESTION, f"{QUESTION}/experiences", {"body": "Shared through the second."}
    )
    assert status == 303
    _, page = browser.request(first, "GET", QUESTION)
    assert "Shared through the second." in page
    assert "Awaiting moderation" in page


def test_rate_limit_counters_are_shared_through_redis(two_servers):
    first, second = two_servers
    browser = Browser()

    def failed_log_in(port: int) -> int:
        form = {"identifier": "wren", "password": "not the password"}
        return browser.post_form(port, "/auth/login", "/auth/login", form)[0]

    # Three failed attempts an address a minute, wherever they land.
    assert [failed_log_in(first), failed_log_in(second), failed_log_in(first)] == [400] * 3
    assert failed_log_in(second) == 429
    assert failed_log_in(first) == 429

"""Nothing lost: SIGKILL the real server in the middle of a burst of writes, then start it again.

The server runs as in production (gunicorn, two workers) on the test's database. Members
reply and leave and join again as fast as the server lets them; once enough writes have
been acknowledged, every server process is killed at once. Then the database must be
intact, every count exact, and every post whose request was answered with success present.
"""

import sqlite3
import subprocess  # nosec B404: the test runs the project's own command line
import sys
import threading
import time
from http.client import HTTPException
from pathlib import Path

import pytest
from sqlalchemy import select

from community.extensions import db
from community.models import Post
from tests.factories import PASSWORD, make_condition, make_member, make_post, make_question
from tests.live_server import ROOT, Browser, gunicorn, server_environment

# gunicorn serves the test database from other processes: real commits.
pytestmark = [pytest.mark.crash, pytest.mark.fresh_database]

WRITERS = 4
KILL_AFTER_ACKNOWLEDGED = 40
MAX_WRITES_EACH = 200
BURST_SECONDS = 60
FLASK = str(Path(sys.executable).with_name("flask"))
MARK = "crash test"


def _community(app) -> int:
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    starter = make_member(app, condition_id, "starter")
    for number in range(WRITERS):
        make_member(app, condition_id, f"writer{number}")
    return make_post(app, starter, question_id=question_id, text="Where it starts.")


def _write(port: int, name: str, thread_id: int, acknowledged: list, stop: threading.Event):
    """Reply again and again, and now and then leave and join again; note what succeeded."""
    browser = Browser(port)
    try:
        browser.log_in(name, PASSWORD)
        for number in range(MAX_WRITES_EACH):
            if stop.is_set():
                return
            if number % 7 == 6:
                browser.post("/conditions/asthma/leave", {})
                browser.post("/conditions/asthma/join", {"relation": "caregiver"})
            text = f"{MARK} {name} {number}"
            status, _ = browser.post(f"/posts/{thread_id}/replies", {"body": text})
            if status == 303:
                acknowledged.append(text)
    except (OSError, HTTPException):
        return  # the server is gone, maybe halfway through an answer: the burst is over


def _recount(database_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # nosec B603: a fixed command line
        [FLASK, "--app", "community", "recount"],
        cwd=ROOT,
        env=server_environment(database_url),
        capture_output=True,
        text=True,
        timeout=60,
    )


def _stored_replies(app) -> set[str]:
    with app.app_context():
        bodies = db.session.scalars(
            select(Post.body_markdown).where(Post.body_markdown.startswith(MARK))
        )
        found = set(bodies)
        db.session.remove()
        return found


def test_sigkill_mid_burst_loses_no_acknowledged_write(app, database_url, tmp_path):
    thread_id = _community(app)
    with app.app_context():
        db.engine.dispose()
    acknowledged: list[str] = []
    stop = threading.Event()
    log, trusting = tmp_path / "gunicorn.log", {"COMMUNITY_TRUSTED_AFTER": "0"}
    with gunicorn(database_url, log=log, **trusting) as server:
        writers = [
            threading.Thread(
                target=_write, args=(server.port, f"writer{n}", thread_id, acknowledged, stop)
            )
            for n in range(WRITERS)
        ]
        for writer in writers:
            writer.start()
        deadline = time.monotonic() + BURST_SECONDS
        while len(acknowledged) < KILL_AFTER_ACKNOWLEDGED and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
    assert len(acknowledged) >= KILL_AFTER_ACKNOWLEDGED, "the burst never got going"

    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as check:
            assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    recount = _recount(database_url)
    assert recount.returncode == 0, recount.stdout + recount.stderr
    assert "All counts are exact." in recount.stdout
    found = _stored_replies(app)
    assert set(acknowledged) <= found
    print(f"\n{len(acknowledged)} writes acknowledged before SIGKILL, {len(found)} found after")

    with gunicorn(database_url, log=log, **trusting) as server:
        browser = Browser(server.port)
        browser.log_in("writer0", PASSWORD)
        browser.post("/conditions/asthma/join", {"relation": "patient"})
        status, _ = browser.post(f"/posts/{thread_id}/replies", {"body": f"{MARK} after restart"})
        assert status == 303
    assert f"{MARK} after restart" in _stored_replies(app)

"""Two transactions interleaved the same way every time, on PostgreSQL.

The first runs and holds its transaction open; the second then starts. Once the second has
finished or waits for a lock, the first commits, then the second ends. A rule that locks
what it checks makes the second wait and decide on what the first committed; a rule that
does not lets the second decide on what it read before: a race that concurrent requests
meet only now and then, met at every run.

SQLite lets one writer in at a time, so the second could not start: these tests skip there.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text

from community.extensions import db

_WAIT = 30


@dataclass
class Outcome:
    """What one transaction's function returned, or the exception that rolled it back."""

    value: Any = None
    error: Exception | None = None


def interleave(
    app: Flask, first: Callable[[], Any], second: Callable[[], Any]
) -> tuple[Outcome, Outcome]:
    """Run ``first`` and hold it open, run ``second`` against it; commit each that succeeds.

    Each function runs in an app context of its own, on a connection of its own.
    """
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite lets one writer in at a time: the second could not start")
    first_ran = threading.Event()
    first_may_end = threading.Event()
    outcomes = (Outcome(), Outcome())

    def run(function: Callable[[], Any], outcome: Outcome, hold: bool) -> None:
        with app.app_context():
            try:
                outcome.value = function()
                db.session.flush()
            except Exception as error:  # noqa: BLE001 - the test reads which one it was
                db.session.rollback()
                outcome.error = error
            if hold:
                first_ran.set()
                first_may_end.wait(timeout=_WAIT)
            if outcome.error is None:
                db.session.commit()

    first_thread = threading.Thread(target=run, args=(first, outcomes[0], True))
    first_thread.start()
    assert first_ran.wait(timeout=_WAIT), "the first transaction did not finish its writes"
    second_thread = threading.Thread(target=run, args=(second, outcomes[1], False))
    second_thread.start()
    deadline = time.monotonic() + _WAIT
    while second_thread.is_alive() and not a_statement_waits_for_a_lock(app):
        assert time.monotonic() < deadline, "the second transaction neither ended nor waited"
        time.sleep(0.01)
    first_may_end.set()
    first_thread.join(timeout=_WAIT)
    second_thread.join(timeout=_WAIT)
    assert not first_thread.is_alive() and not second_thread.is_alive()
    return outcomes


def a_statement_waits_for_a_lock(app: Flask) -> bool:
    with app.app_context():
        waiting = db.session.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
        db.session.rollback()
    return bool(waiting)

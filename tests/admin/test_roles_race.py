"""Two admins taking each other's admin role at the same moment: one admin always remains."""

import threading
import time

import pytest
from sqlalchemy import text

from community.accounts.services import find_by_username
from community.admin.roles import RolesRefused, find_member, set_roles
from community.extensions import db
from community.models import Role
from tests.factories import make_user
from tests.moderation.moderator import submit, token
from tests.web import log_in

# Admins in threads, each request on a connection of its own.
pytestmark = pytest.mark.fresh_database


def test_two_admins_removing_each_other_at_once_leave_one_admin(app):
    make_user(app, "ada", roles=(Role.ADMIN,))
    make_user(app, "bob", roles=(Role.ADMIN,))
    clients = {}
    for username in ("ada", "bob"):
        clients[username] = app.test_client()
        log_in(clients[username], username)
        token(clients[username])  # read before the race
    start = threading.Barrier(2)
    statuses: dict[str, int] = {}

    def take_the_others_role(username: str, other: str) -> None:
        start.wait()
        statuses[username] = submit(
            clients[username], f"/admin/members/{other}", moderator="y", submit="Save roles"
        ).status_code

    threads = [
        threading.Thread(target=take_the_others_role, args=pair)
        for pair in (("ada", "bob"), ("bob", "ada"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # The other is refused: as the last admin (409), or, had the first change been committed
    # before its request began, as no longer an admin (403).
    first, second = sorted(statuses.values())
    assert first == 303 and second in (403, 409)
    with app.app_context():
        admins = [name for name in ("ada", "bob") if find_by_username(name).has_role(Role.ADMIN)]
    assert len(admins) == 1


def test_the_second_admin_waits_for_the_first_change_and_is_refused(app, database_kind):
    """The interleaving the race above may or may not meet, made every time on PostgreSQL.

    The first admin's change is flushed and held open; the second admin's change then
    starts. It must wait for the first to commit and count the admins left after it.
    """
    if database_kind != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: the second change cannot start")
    make_user(app, "ada", roles=(Role.ADMIN,))
    make_user(app, "bob", roles=(Role.ADMIN,))
    first_flushed = threading.Event()
    first_may_commit = threading.Event()
    outcome: dict[str, str] = {}

    def take_the_others_role(username: str, other: str) -> None:
        with app.app_context():
            try:
                set_roles(find_member(username), find_member(other), set())
            except RolesRefused:
                db.session.rollback()
                outcome[username] = "refused"
                return
            if username == "ada":
                first_flushed.set()
                first_may_commit.wait(timeout=30)
            db.session.commit()
            outcome[username] = "saved"

    first = threading.Thread(target=take_the_others_role, args=("ada", "bob"))
    first.start()
    assert first_flushed.wait(timeout=30)
    second = threading.Thread(target=take_the_others_role, args=("bob", "ada"))
    second.start()
    # Let the first commit once the second has either finished or is waiting for it.
    while second.is_alive() and not _a_statement_waits_for_a_lock(app):
        time.sleep(0.01)
    first_may_commit.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert outcome == {"ada": "saved", "bob": "refused"}
    with app.app_context():
        assert find_by_username("ada").has_role(Role.ADMIN)
        assert not find_by_username("bob").has_role(Role.ADMIN)


def _a_statement_waits_for_a_lock(app) -> bool:
    with app.app_context():
        waiting = db.session.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
        db.session.rollback()
    return bool(waiting)

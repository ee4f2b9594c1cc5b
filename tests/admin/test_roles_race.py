"""Two admins taking each other's admin role at the same moment: one admin always remains."""

import threading

import pytest

from community.accounts.services import find_by_username
from community.admin.roles import RolesRefused, find_member, set_roles
from community.models import Role
from tests.factories import make_user
from tests.interleaving import interleave
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


def test_the_second_admin_waits_for_the_first_change_and_is_refused(app):
    """The interleaving the race above may or may not meet, made at every run."""
    make_user(app, "ada", roles=(Role.ADMIN,))
    make_user(app, "bob", roles=(Role.ADMIN,))

    def take_the_others_role(username: str, other: str):
        return lambda: set_roles(find_member(username), find_member(other), set())

    first, second = interleave(
        app, take_the_others_role("ada", "bob"), take_the_others_role("bob", "ada")
    )

    assert first.error is None and first.value is True
    assert isinstance(second.error, RolesRefused)
    with app.app_context():
        assert find_by_username("ada").has_role(Role.ADMIN)
        assert not find_by_username("bob").has_role(Role.ADMIN)

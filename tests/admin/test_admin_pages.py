"""The administration pages: an index of them, for admins only, linked from admins' header."""

import pytest

from community.accounts.services import find_by_username
from community.models import PostState, Role
from community.permissions import can_administer, can_moderate, can_suspend
from tests.admin.helpers import as_admin
from tests.factories import make_user
from tests.moderation.moderator import decide, make_moderated_community, pending_experience
from tests.posts.conftest import stored_post
from tests.web import log_in

ADMIN_PAGES = (
    "/admin/",
    "/admin/members",
    "/admin/members/root",
    "/admin/reviewers",
    "/admin/conditions",
    "/admin/conditions/new",
    "/admin/reasons",
)


def test_the_index_links_to_every_admin_page(app, client):
    as_admin(app, client)
    page = client.get("/admin/")
    assert page.status_code == 200
    for link, label in (
        ("/admin/members", "Members and roles"),
        ("/admin/reviewers", "Reviewer profiles"),
        ("/admin/conditions", "Conditions"),
        ("/admin/reasons", "Canned reasons"),
    ):
        assert f'<a href="{link}">{label}</a>' in page.text


def test_the_header_links_admins_to_administration(app, client):
    as_admin(app, client)
    assert '<a href="/admin/">Administration</a>' in client.get("/").text
    other = app.test_client()
    make_user(app, "mod_ada", roles=(Role.MODERATOR, Role.EDITOR, Role.REVIEWER))
    log_in(other, "mod_ada")
    assert "Administration" not in other.get("/").text


@pytest.mark.parametrize("role", [None, Role.MODERATOR, Role.EDITOR, Role.REVIEWER])
def test_no_one_but_an_admin_reaches_the_admin_pages(app, client, role):
    make_user(app, "root", roles=(Role.ADMIN,))
    make_user(app, "someone", roles=(role,) if role else ())
    log_in(client, "someone")
    for page in ADMIN_PAGES:
        assert client.get(page).status_code == 403, page


def test_a_visitor_is_sent_to_log_in(app, client):
    make_user(app, "root", roles=(Role.ADMIN,))
    for page in ADMIN_PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.headers["Location"].startswith("/auth/login?next="), page


def test_admins_moderate(app, client):
    community = make_moderated_community(app)
    post_id = pending_experience(app, community, "Cold air, for me.")
    as_admin(app, client)
    with app.app_context():
        root = find_by_username("root")
        moderator = find_by_username("mod_ada")
        assert can_moderate(root) and can_administer(root)
        assert not can_administer(moderator)
        # Moderators suspend members, not those who moderate with them.
        assert not can_suspend(moderator, root)
        assert can_suspend(root, find_by_username("wren"))
    assert client.get("/moderation/").status_code == 200
    assert decide(client, post_id, "approve").status_code == 303
    assert stored_post(app, post_id).state is PostState.APPROVED

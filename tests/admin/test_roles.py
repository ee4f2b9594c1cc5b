"""Members and their roles: admins grant and take them away; the site always keeps an admin."""

import re

from community.accounts.services import find_by_username
from community.admin import roles
from community.extensions import db
from community.models import Role
from tests.admin.helpers import admin_events, as_admin, submit
from tests.factories import make_user
from tests.web import log_in


def _roles(app, username: str) -> set[str]:
    with app.app_context():
        return {grant.role.value for grant in find_by_username(username).roles}


def _save_roles(client, username: str, *checked: str, reason: str = ""):
    return submit(
        client,
        f"/admin/members/{username}",
        **dict.fromkeys(checked, "y"),
        reason=reason,
        submit="Save roles",
    )


def test_the_members_list_shows_roles_and_filters_by_username(app, client):
    as_admin(app, client)
    make_user(app, "wren", roles=(Role.MODERATOR, Role.EDITOR))
    make_user(app, "kestrel")
    page = client.get("/admin/members").text
    assert '>wren</a></td>\n      <td data-label="Roles">moderator, editor</td>' in page
    assert '>kestrel</a></td>\n      <td data-label="Roles">Member</td>' in page
    filtered = client.get("/admin/members?username=REN").text
    assert "wren" in filtered and "kestrel" not in filtered
    assert (
        "No members with “nobody” in their username."
        in client.get("/admin/members?username=nobody").text
    )
    # The filter's wildcards are the member's letters, not LIKE's.
    assert "No members with “%” in their username." in client.get("/admin/members?username=%").text


def test_the_members_list_is_paged(app, client, monkeypatch):
    monkeypatch.setattr(roles, "MEMBERS_PER_PAGE", 2)
    as_admin(app, client)
    for name in ("ash", "birch", "cedar"):
        make_user(app, name)
    first = client.get("/admin/members").text
    assert "ash" in first and "birch" in first and "cedar" not in first
    assert "Page 1 of 2" in first
    second = client.get("/admin/members?page=2").text
    assert "cedar" in second and "root" in second and "ash" not in second


def test_each_member_has_a_checkbox_per_role_and_a_save_roles_button(app, client):
    as_admin(app, client)
    make_user(app, "wren", roles=(Role.EDITOR,))
    page = client.get("/admin/members/wren").text
    for role in ("moderator", "editor", "reviewer", "admin"):
        assert re.search(rf'<input (checked )?id="{role}" name="{role}" type="checkbox"', page)
        assert f'<label for="{role}">{role.capitalize()}</label>' in page
    assert 'checked id="editor" name="editor"' in page
    assert 'value="Save roles"' in page
    assert client.get("/admin/members/nobody").status_code == 404


def test_an_admin_grants_and_takes_away_roles_and_the_log_says_so(app, client):
    as_admin(app, client)
    make_user(app, "wren", roles=(Role.EDITOR,))

    granted = _save_roles(client, "wren", "editor", "moderator", reason="Helps with the queue.")
    assert granted.status_code == 303
    assert _roles(app, "wren") == {"editor", "moderator"}
    assert "Roles of wren saved: moderator, editor." in client.get(granted.location).text

    taken = _save_roles(client, "wren", "reviewer")
    assert taken.status_code == 303
    assert _roles(app, "wren") == {"reviewer"}

    unchanged = _save_roles(client, "wren", "reviewer")
    assert unchanged.status_code == 303
    logged = admin_events(app, "roles_changed")
    assert [(e["actor"], e["subject"], e["reason"], e["before"], e["after"]) for e in logged] == [
        ("root", "wren", "Helps with the queue.", "editor", "moderator, editor"),
        ("root", "wren", None, "moderator, editor", "reviewer"),
    ]
    assert all(entry["at"] is not None for entry in logged)
    assert "Roles changed" in client.get("/moderation/log").text


def test_a_role_granted_or_taken_away_counts_on_the_members_next_request(app, client):
    as_admin(app, client)
    make_user(app, "wren")
    wren = app.test_client()
    log_in(wren, "wren")
    assert wren.get("/moderation/").status_code == 403
    assert wren.get("/editorial/").status_code == 403

    _save_roles(client, "wren", "moderator", "editor")
    assert wren.get("/moderation/").status_code == 200
    assert wren.get("/editorial/").status_code == 200
    assert "Moderation" in wren.get("/").text

    _save_roles(client, "wren", "editor")
    assert wren.get("/moderation/").status_code == 403
    assert wren.get("/editorial/").status_code == 200

    _save_roles(client, "wren", "admin")
    assert wren.get("/admin/").status_code == 200
    _save_roles(client, "wren")
    assert wren.get("/admin/").status_code == 403
    assert wren.get("/editorial/").status_code == 403


def test_the_last_admin_keeps_the_admin_role(app, client):
    as_admin(app, client)
    response = _save_roles(client, "root", "moderator", reason="Stepping down.")
    assert response.status_code == 409
    assert 'role="alert"' in response.text
    assert "root is the site&#39;s only admin" in response.text
    assert "Nothing was changed." in response.text
    assert _roles(app, "root") == {"admin"}
    assert admin_events(app, "roles_changed") == []
    assert client.get("/admin/").status_code == 200


def test_no_service_call_takes_the_last_admins_role(app):
    make_user(app, "root", roles=(Role.ADMIN,))
    make_user(app, "wren")
    with app.app_context():
        root = find_by_username("root")
        try:
            roles.set_roles(find_by_username("wren"), root, set())
        except roles.RolesRefused:
            db.session.rollback()
        else:
            raise AssertionError("the last admin lost the role")
    assert _roles(app, "root") == {"admin"}


def test_an_admin_gives_up_the_role_while_another_admin_remains(app, client):
    as_admin(app, client)
    make_user(app, "ada", roles=(Role.ADMIN,))
    response = _save_roles(client, "root", "moderator")
    assert response.status_code == 303
    assert response.location == "/"
    assert _roles(app, "root") == {"moderator"}
    assert client.get("/admin/").status_code == 403
    # Now ada is the last admin: nobody, herself included, takes her role.
    ada = app.test_client()
    log_in(ada, "ada")
    assert _save_roles(ada, "ada").status_code == 409
    assert _roles(app, "ada") == {"admin"}


def test_saving_roles_needs_the_csrf_token(app, client):
    as_admin(app, client)
    make_user(app, "wren")
    response = client.post("/admin/members/wren", data={"moderator": "y"})
    assert response.status_code == 400
    assert _roles(app, "wren") == set()

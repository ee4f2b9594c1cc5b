"""Reviewer profiles: admins keep each reviewer's full name, credentials and specialty."""

from community.accounts.services import find_by_username
from community.editorial.reviewers import reviewer_profile, save_reviewer_profile
from community.extensions import db
from community.models import Role
from tests.admin.helpers import admin_events, as_admin, submit
from tests.factories import make_user

PROFILE = {
    "full_name": "Dr. Ada Example",
    "credentials": "MD, Immunology",
    "specialty": "Clinical immunology",
    "registration_number": "",
}


def _profile(app, username: str):
    with app.app_context():
        found = reviewer_profile(find_by_username(username))
        if found is None:
            return None
        return (
            found.full_name,
            found.credentials,
            found.specialty,
            found.registration_number,
        )


def test_the_list_shows_reviewers_with_their_profiles(app, client):
    as_admin(app, client)
    make_user(app, "ada", roles=(Role.REVIEWER,))
    make_user(app, "ben", roles=(Role.REVIEWER,))
    make_user(app, "wren", roles=(Role.EDITOR,))
    with app.app_context():
        save_reviewer_profile(find_by_username("ada"), **PROFILE)
        db.session.commit()
    page = client.get("/admin/reviewers").text
    assert "Dr. Ada Example" in page and "MD, Immunology" in page
    assert "No profile yet: cannot sign off." in page
    assert 'href="/admin/reviewers/ben"' in page
    assert "wren" not in page


def test_an_admin_creates_and_edits_a_profile_and_the_log_says_so(app, client):
    as_admin(app, client)
    make_user(app, "ada", roles=(Role.REVIEWER,))
    form = client.get("/admin/reviewers/ada").text
    for label in ("Full name", "Credentials", "Specialty", "Registration number"):
        assert f">{label}</label>" in form

    created = submit(client, "/admin/reviewers/ada", **PROFILE)
    assert created.status_code == 303
    assert _profile(app, "ada") == (
        "Dr. Ada Example",
        "MD, Immunology",
        "Clinical immunology",
        None,
    )

    edited = submit(
        client,
        "/admin/reviewers/ada",
        **{**PROFILE, "credentials": "MD, PhD", "registration_number": "GMC 1234567"},
        reason="New degree.",
    )
    assert edited.status_code == 303
    assert _profile(app, "ada")[1:] == ("MD, PhD", "Clinical immunology", "GMC 1234567")
    assert "MD, PhD" in client.get("/admin/reviewers/ada").text

    first, second = admin_events(app, "reviewer_profile_saved")
    assert (first["actor"], first["subject"], first["before"]) == ("root", "ada", None)
    assert "Full name: Dr. Ada Example" in first["after"]
    assert second["reason"] == "New degree."
    assert "Credentials: MD, Immunology" in second["before"]
    assert "Credentials: MD, PhD" in second["after"]


def test_a_profile_needs_a_name_credentials_and_a_specialty(app, client):
    as_admin(app, client)
    make_user(app, "ada", roles=(Role.REVIEWER,))
    response = submit(
        client, "/admin/reviewers/ada", full_name=" ", credentials="", specialty="", reason=""
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert "Give the reviewer&#39;s full name, as sign-offs show it." in response.text
    assert "Give the reviewer&#39;s credentials, such as MD." in response.text
    assert "Give the reviewer&#39;s specialty." in response.text
    assert _profile(app, "ada") is None
    too_long = submit(client, "/admin/reviewers/ada", **{**PROFILE, "specialty": "x" * 201})
    assert too_long.status_code == 400
    assert "At most 200 characters." in too_long.text
    assert _profile(app, "ada") is None
    assert admin_events(app, "reviewer_profile_saved") == []


def test_only_reviewers_have_a_profile_page(app, client):
    as_admin(app, client)
    make_user(app, "wren", roles=(Role.EDITOR,))
    assert client.get("/admin/reviewers/wren").status_code == 404
    assert submit(client, "/admin/reviewers/wren", **PROFILE).status_code == 404
    assert client.get("/admin/reviewers/nobody").status_code == 404
    assert _profile(app, "wren") is None

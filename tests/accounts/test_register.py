"""Registering: the rules for usernames, emails and passwords, and where the member lands."""

import pytest
from sqlalchemy import select

from community.extensions import db
from community.models import User
from tests.factories import make_user
from tests.state import assert_changes_nothing
from tests.web import post_form

GOOD = {
    "username": "Wren_42",
    "email": "Wren@Example.org",
    "password": "long enough password",
    "confirm": "long enough password",
}


def register(client, **changes):
    return post_form(client, "/auth/register", {**GOOD, **changes}, "/auth/register")


def usernames(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(User.username).order_by(User.id)))


def test_register_page_has_the_contract_labels(client):
    html = client.get("/auth/register").text
    for label in ("Username", "Email", "Password", "Confirm password"):
        assert f">{label}</label>" in html
    assert 'value="Create account"' in html


def test_registering_creates_the_account_and_logs_the_member_in(app, client):
    response = register(client)

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Welcome, Wren_42." in client.get("/").text
    with app.app_context():
        user = db.session.scalar(select(User))
        assert (user.username, user.username_key, user.email) == (
            "Wren_42",
            "wren_42",
            "wren@example.org",
        )
        assert user.roles == []


@pytest.mark.parametrize(
    "username",
    ["ab", "a" * 31, "has space", "dot.ted", "at@sign", "émile", "wr\nen", "<b>wren</b>"],
)
def test_username_is_3_to_30_ascii_letters_digits_underscores_or_hyphens(app, client, username):
    response = register(client, username=username)

    assert response.status_code == 400
    assert usernames(app) == []


@pytest.mark.parametrize("username", ["abc", "a" * 30, "under_score", "hy-phen", "UPPER9"])
def test_usernames_at_the_limits_and_with_every_allowed_character_are_accepted(
    app, client, username
):
    assert register(client, username=username).status_code == 302
    assert usernames(app) == [username]


def test_spaces_around_a_username_are_trimmed(app, client):
    assert register(client, username="  wren\n").status_code == 302
    assert usernames(app) == ["wren"]


def test_username_is_unique_regardless_of_case(app, client):
    make_user(app, "wren")

    response = register(client, username="WREN", email="other@example.org")

    assert response.status_code == 400
    assert "That username is taken." in response.text
    assert usernames(app) == ["wren"]


def test_email_is_unique_regardless_of_case(app, client):
    make_user(app, "wren")  # wren@example.org

    response = register(client, username="kestrel", email="WREN@example.ORG")

    assert response.status_code == 400
    assert "An account with that email already exists." in response.text
    assert usernames(app) == ["wren"]


@pytest.mark.parametrize("email", ["not-an-email", "two@@example.org", "a@b", "sp ace@example.org"])
def test_email_must_look_like_an_address(app, client, email):
    response = register(client, email=email)

    assert response.status_code == 400
    assert "Enter an email address such as name@example.org." in response.text
    assert usernames(app) == []


def test_password_needs_at_least_ten_characters(app, client):
    response = register(client, password="nine char", confirm="nine char")

    assert response.status_code == 400
    assert usernames(app) == []


def test_passwords_must_match(app, client):
    response = register(client, confirm="a different password")

    assert response.status_code == 400
    assert "The passwords do not match." in response.text
    assert usernames(app) == []


def test_password_is_stored_as_a_scrypt_hash_by_default(app):
    from community.accounts import services

    # The suite hashes cheaply; tests/test_config.py checks production's default is scrypt.
    app.config["PASSWORD_HASH_METHOD"] = "scrypt"
    with app.app_context():
        user = services.create_user("wren", "wren@example.org", "long enough password")
        assert user.password_hash.startswith("scrypt:")
        assert "long enough password" not in user.password_hash
        assert services.password_matches(user, "long enough password")
        assert not services.password_matches(user, "long enough passworD")


def test_registering_follows_next_to_a_local_path(client):
    response = post_form(
        client,
        "/auth/register?next=/conditions/asthma",
        {**GOOD, "next": "/conditions/asthma"},
        "/auth/register",
    )
    assert response.headers["Location"] == "/conditions/asthma"


def test_registering_never_follows_next_off_the_site(client):
    response = register(client, next="https://evil.example/")
    assert response.headers["Location"] == "/"


def test_register_refused_without_csrf_token_stores_nothing(app, client):
    assert_changes_nothing(app, lambda: client.post("/auth/register", data=GOOD), 400)

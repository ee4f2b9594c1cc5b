"""Registering: the rules for usernames, emails and passwords, and a page that tells nothing."""

import re

import pytest
from sqlalchemy import select

from community.accounts import registration, services
from community.extensions import db
from community.models import User
from tests.factories import make_user
from tests.mail.helpers import link_to, outbox
from tests.state import assert_changes_nothing
from tests.web import post_form

CSRF_VALUE = re.compile(
    r'value="[^"]+" name="csrf_token"|name="csrf_token" (?:type="hidden" )?value="[^"]+"'
)

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


def test_registering_creates_the_account_without_signing_it_in(app, client):
    response = register(client)

    assert response.status_code == 200
    assert "Check your email: we sent a link to wren@example.org." in response.text
    assert client.get("/account").status_code == 302
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
    assert register(client, username=username).status_code == 200
    assert usernames(app) == [username]


def test_spaces_around_a_username_are_trimmed(app, client):
    assert register(client, username="  wren\n").status_code == 200
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

    assert response.status_code == 200
    assert usernames(app) == ["wren"]
    assert [message.to_address for message in outbox(app)] == ["wren@example.org"]


def _normalized(html: str, email: str) -> str:
    return CSRF_VALUE.sub("CSRF", html.replace(email, "ADDRESS"))


def test_registering_with_a_known_address_answers_exactly_as_with_a_new_one(app):
    make_user(app, "wren")

    known = register(app.test_client(), username="kestrel", email="wren@example.org")
    new = register(app.test_client(), username="heron", email="heron@example.org")

    assert known.status_code == new.status_code == 200
    assert _normalized(known.text, "wren@example.org") == _normalized(new.text, "heron@example.org")
    assert usernames(app) == ["wren", "heron"]


def test_registering_with_a_known_address_spends_the_password_hash_a_new_one_does(app, monkeypatch):
    """The same work, so that the answer takes as long (timed by nobody here: counted)."""
    make_user(app, "wren")
    hashed = []
    real_hash = services.hash_password

    def counting_hash(password: str) -> str:
        hashed.append(password)
        return real_hash(password)

    monkeypatch.setattr(services, "hash_password", counting_hash)
    monkeypatch.setattr(registration, "hash_password", counting_hash)

    register(app.test_client(), username="heron", email="heron@example.org")
    for_new = len(hashed)
    register(app.test_client(), username="kestrel", email="wren@example.org")

    assert for_new >= 1
    assert len(hashed) - for_new == for_new


def test_the_owner_of_a_known_address_is_told_with_a_link_to_reset_the_password(app):
    make_user(app, "wren")
    register(app.test_client(), username="kestrel", email="wren@example.org")

    [told] = outbox(app, "wren@example.org")
    assert "tried to create a new account" in told.text_body
    link = link_to(app, "wren@example.org", "/auth/reset/")
    assert app.test_client().get(link).status_code == 200


def test_a_new_address_is_sent_a_confirmation_link(app, client):
    register(client)
    assert link_to(app, "wren@example.org", "/auth/verify/").startswith("/auth/verify/")


def test_a_taken_username_is_said_whatever_the_address(app):
    make_user(app, "wren")
    for email in ("wren@example.org", "someone.new@example.org"):
        response = register(app.test_client(), username="WREN", email=email)
        assert response.status_code == 400
        assert "That username is taken." in response.text
    assert outbox(app) == []


def test_every_field_error_is_said_at_once_and_values_are_kept_but_passwords(client):
    response = register(
        client, username="a b", email="not-an-email", password="short", confirm="other"
    )

    assert response.status_code == 400
    for message in (
        "Usernames are 3 to 30 letters, digits, underscores or hyphens.",
        "Enter an email address such as name@example.org.",
        "Passwords need at least 10 characters.",
        "The passwords do not match.",
    ):
        assert message in response.text
    assert 'value="a b"' in response.text
    assert 'value="not-an-email"' in response.text
    assert 'value="short"' not in response.text


def test_each_field_says_what_is_allowed(client):
    html = client.get("/auth/register").text
    assert "3 to 30 letters, digits, _ or -." in html
    assert "At least 10 characters." in html
    assert "The same password again." in html


def test_the_community_guidelines_are_linked_from_registration(app, client):
    page = client.get("/auth/register").text
    assert "community guidelines" in page and 'href="/guidelines"' in page


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


def test_the_check_email_page_logs_in_back_to_a_local_next(client):
    response = post_form(
        client,
        "/auth/register?next=/conditions/asthma",
        {**GOOD, "next": "/conditions/asthma"},
        "/auth/register",
    )
    assert 'href="/auth/login?next=/conditions/asthma"' in response.text


def test_the_check_email_page_never_logs_in_to_a_next_off_the_site(client):
    response = register(client, next="https://evil.example/")
    assert "evil.example" not in response.text
    assert 'href="/auth/login"' in response.text


def test_register_refused_without_csrf_token_stores_nothing(app, client):
    assert_changes_nothing(app, lambda: client.post("/auth/register", data=GOOD), 400)

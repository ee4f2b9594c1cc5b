"""Forgot your password: the same answer for any address; a link good once, for an hour."""

import re
from datetime import timedelta

from community.accounts import recovery
from community.accounts.services import find_by_username
from community.extensions import db
from community.models import utcnow
from tests.factories import PASSWORD, make_user
from tests.mail.helpers import link_to, outbox
from tests.web import csrf_token, log_in, post_form

NEW_PASSWORD = "a brand new password"


def _ask(client, email: str):
    return post_form(client, "/auth/forgot", {"email": email}, "/auth/forgot")


def _normalized(html: str, email: str) -> str:
    html = html.replace(email, "ADDRESS")
    return re.sub(r'name="csrf_token"[^>]*value="[^"]+"', "CSRF", html)


def _reset_link(app, client, email: str = "wren@example.org") -> str:
    assert _ask(client, email).status_code == 200
    return link_to(app, email, "/auth/reset/")


def _set(client, link: str, password: str = NEW_PASSWORD, confirm: str | None = None):
    data = {"new_password": password, "confirm": confirm or password}
    return post_form(client, link, data, "/auth/forgot")


def test_the_log_in_page_links_forgot_your_password(client):
    html = client.get("/auth/login").text
    assert '<a href="/auth/forgot">Forgot your password?</a>' in html


def test_the_forgot_page_has_the_contract_labels(client):
    html = client.get("/auth/forgot").text
    assert ">Email</label>" in html
    assert 'value="Send reset link"' in html


def test_forgot_answers_the_same_for_a_known_and_an_unknown_address(app):
    make_user(app, "wren")
    known = _ask(app.test_client(), "wren@example.org")
    unknown = _ask(app.test_client(), "nobody@example.org")

    assert known.status_code == unknown.status_code == 200
    assert _normalized(known.text, "wren@example.org") == _normalized(
        unknown.text, "nobody@example.org"
    )
    assert [message.to_address for message in outbox(app)] == ["wren@example.org"]


def test_a_reset_link_sets_the_password_and_signs_the_member_in(app, client):
    make_user(app, "wren")
    link = _reset_link(app, client)

    page = client.get(link)
    assert page.status_code == 200
    for label in ("New password", "Confirm password"):
        assert f">{label}</label>" in page.text
    assert 'value="Set password"' in page.text

    response = _set(client, link)
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    log_in(app.test_client(), "wren", NEW_PASSWORD)


def test_a_reset_link_works_once(app, client):
    make_user(app, "wren")
    link = _reset_link(app, client)
    assert _set(client, link).status_code == 302

    again = _set(app.test_client(), link, "yet another password")

    assert again.status_code == 400
    assert "expired or was used already" in again.text
    log_in(app.test_client(), "wren", NEW_PASSWORD)


def test_a_reset_link_expires_after_an_hour(app, client, monkeypatch):
    make_user(app, "wren")
    link = _reset_link(app, client)
    later = utcnow() + timedelta(hours=1, minutes=1)
    monkeypatch.setattr("community.signed_links.utcnow", lambda: later)

    assert client.get(link).status_code == 400
    assert _set(client, link).status_code == 400
    log_in(app.test_client(), "wren", PASSWORD)


def test_a_reset_link_within_the_hour_still_works(app, client, monkeypatch):
    make_user(app, "wren")
    link = _reset_link(app, client)
    later = utcnow() + timedelta(minutes=59)
    monkeypatch.setattr("community.signed_links.utcnow", lambda: later)
    assert _set(client, link).status_code == 302


def test_a_reset_link_dies_when_the_password_changes_otherwise(app, client):
    make_user(app, "wren")
    link = _reset_link(app, client)
    with app.app_context():
        recovery.set_new_password(find_by_username("wren"), "changed some other way")
        db.session.commit()
    assert client.get(link).status_code == 400


def test_setting_a_new_password_ends_every_other_session(app, client):
    make_user(app, "wren")
    phone = app.test_client()
    log_in(phone, "wren")
    assert phone.get("/account").status_code == 200

    assert _set(client, _reset_link(app, client)).status_code == 302

    assert phone.get("/account").status_code == 302
    assert client.get("/account").status_code == 200


def test_passwords_that_differ_or_are_short_are_refused_and_change_nothing(app, client):
    make_user(app, "wren")
    link = _reset_link(app, client)
    assert _set(client, link, NEW_PASSWORD, "something else entirely").status_code == 400
    assert _set(client, link, "short").status_code == 400
    # The link is still good: nothing was set.
    assert client.get(link).status_code == 200
    log_in(app.test_client(), "wren", PASSWORD)


def test_a_forged_link_is_refused(client):
    assert client.get("/auth/reset/not-a-token").status_code == 400
    token = csrf_token(client, "/auth/forgot")
    assert client.post("/auth/reset/x.y.z", data={"csrf_token": token}).status_code == 400


def test_mail_links_name_the_sites_public_address_never_the_requests_host(app):
    make_user(app, "wren")
    app.config["COMMUNITY_CANONICAL_URL"] = "https://health.example.org"
    client = app.test_client()
    forged = "http://attacker.example"
    page = client.get("/auth/forgot", base_url=forged).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        "/auth/forgot", data={"email": "wren@example.org", "csrf_token": token}, base_url=forged
    )
    assert response.status_code == 200

    [message] = outbox(app, "wren@example.org")
    assert "https://health.example.org/auth/reset/" in message.text_body
    assert "attacker.example" not in message.text_body + message.html_body

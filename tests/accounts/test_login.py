"""Logging in by email or username, remembering the member, following ``next``, logging out."""

import pytest

from community.extensions import db
from tests.conftest import make_app
from tests.factories import PASSWORD, make_user
from tests.web import csrf_token, log_in, post_form


def login(client, identifier: str, password: str = PASSWORD, **extra):
    data = {"identifier": identifier, "password": password, **extra}
    return post_form(client, "/auth/login", data, "/auth/login")


def logged_in_as(client) -> str | None:
    html = client.get("/").text
    if 'value="Log out"' not in html:
        return None
    return html.split('<li><a href="/members/')[1].split('"')[0]


def test_login_page_has_the_contract_labels(client):
    html = client.get("/auth/login").text
    assert ">Email or username</label>" in html
    assert ">Password</label>" in html
    assert ">Remember me</label>" in html
    assert 'value="Log in"' in html


@pytest.mark.parametrize("identifier", ["wren", "WREN", "wren@example.org", " Wren@Example.ORG "])
def test_log_in_by_username_or_email_regardless_of_case(app, client, identifier):
    make_user(app, "wren")

    response = login(client, identifier)

    assert response.status_code == 302
    assert logged_in_as(client) == "wren"


@pytest.mark.parametrize(
    ("identifier", "password"), [("wren", "wrong password!"), ("nobody", PASSWORD)]
)
def test_wrong_password_and_unknown_account_get_the_same_message(app, client, identifier, password):
    make_user(app, "wren")

    response = login(client, identifier, password)

    assert response.status_code == 400
    assert "That email or username and password do not match." in response.text
    assert logged_in_as(client) is None


def test_remember_me_keeps_the_member_logged_in_after_the_browser_session(app, client):
    make_user(app, "wren")

    login(client, "wren", remember="y")

    assert client.get_cookie("remember_token") is not None
    client.delete_cookie("session")
    assert logged_in_as(client) == "wren"


def test_without_remember_me_the_login_ends_with_the_browser_session(app, client):
    make_user(app, "wren")

    login(client, "wren")

    assert client.get_cookie("remember_token") is None
    client.delete_cookie("session")
    assert logged_in_as(client) is None


def test_login_follows_next_to_a_local_path(app, client):
    make_user(app, "wren")
    response = login(client, "wren", next="/conditions/asthma?page=2#share")
    assert response.headers["Location"] == "/conditions/asthma?page=2#message-join"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/\tevil",
        "relative/path",
    ],
)
def test_login_never_follows_next_off_the_site(app, client, target):
    make_user(app, "wren")
    response = login(client, "wren", next=target)
    assert response.headers["Location"] == "/"


def test_log_in_link_carries_the_page_the_visitor_was_on(client):
    html = client.get("/auth/register").text
    assert 'href="/auth/login?next=/auth/register' in html


def test_log_out_is_a_post_with_a_token(app, client):
    make_user(app, "wren")
    log_in(client, "wren")

    assert client.get("/auth/logout").status_code == 405
    assert client.post("/auth/logout").status_code == 400
    assert logged_in_as(client) == "wren"

    response = client.post("/auth/logout", data={"csrf_token": csrf_token(client)})

    assert response.status_code == 302
    assert logged_in_as(client) is None


@pytest.mark.parametrize("secure", [True, False])
def test_the_remember_me_cookie_is_as_secure_as_the_session_cookie(app, database_url, secure):
    make_user(app, "wren")
    served = make_app(database_url, SESSION_COOKIE_SECURE=secure)
    client = served.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    try:
        response = login(client, "wren", remember="y")
    finally:
        with served.app_context():
            db.session.remove()
            db.engine.dispose()

    assert response.status_code == 302
    cookies = response.headers.getlist("Set-Cookie")
    remember = next(cookie for cookie in cookies if cookie.startswith("remember_token="))
    session = next(cookie for cookie in cookies if cookie.startswith("session="))
    assert ("; Secure" in remember) is secure and ("; Secure" in session) is secure

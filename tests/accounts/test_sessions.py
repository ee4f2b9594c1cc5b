"""Sessions end: at log-out, with the account, and whenever the account's sessions are ended.

Cookies name an account by a session token that changes, never by its id: a kept
cookie (copied, or left in another browser) opens nothing once its session has ended.
"""

import pytest
from flask.testing import FlaskClient

from community.accounts.services import end_all_sessions
from community.extensions import db
from community.models import Role, User
from tests.factories import PASSWORD, make_user
from tests.web import csrf_token, log_in, log_out, post_form

COOKIES = ("session", "remember_token")


def _log_in_remembered(client: FlaskClient, username: str) -> dict[str, str]:
    """Log in with Remember me ticked; return the cookies a thief would keep."""
    data = {"identifier": username, "password": PASSWORD, "remember": "y"}
    assert post_form(client, "/auth/login", data).status_code == 302
    return {name: client.get_cookie(name).value for name in COOKIES}


def _browser_with(app, cookies: dict[str, str]) -> FlaskClient:
    browser = app.test_client()
    for name, value in cookies.items():
        browser.set_cookie(name, value)
    return browser


def _signed_in(browser: FlaskClient) -> bool:
    return browser.get("/account").status_code == 200


@pytest.mark.parametrize("kept", [COOKIES, ("session",), ("remember_token",)])
def test_cookies_kept_from_a_deleted_account_open_nothing_for_the_next_account(app, kept):
    make_user(app, "wren")
    member = app.test_client()
    cookies = _log_in_remembered(member, "wren")
    token = csrf_token(member, "/account/delete")
    deleted = member.post(
        "/account/delete", data={"posts": "keep", "password": PASSWORD, "csrf_token": token}
    )
    assert deleted.status_code == 303
    # On SQLite without AUTOINCREMENT the next account took the deleted one's id.
    moderator_id = make_user(app, "heron", roles=(Role.MODERATOR,))

    browser = _browser_with(app, {name: cookies[name] for name in kept})

    assert browser.get("/moderation/").status_code == 302
    assert browser.get("/account/export").status_code == 302
    with app.app_context():
        assert db.session.get(User, moderator_id).username == "heron"


def test_the_next_account_never_gets_a_deleted_accounts_id(app):
    first = make_user(app, "wren")
    with app.app_context():
        db.session.delete(db.session.get(User, first))
        db.session.commit()

    assert make_user(app, "heron") > first


@pytest.mark.parametrize("kept", [COOKIES, ("session",), ("remember_token",)])
def test_logging_out_ends_the_session_its_kept_cookies_held(app, client, kept):
    make_user(app, "wren")
    cookies = _log_in_remembered(client, "wren")

    assert log_out(client).status_code == 302

    assert not _signed_in(_browser_with(app, {name: cookies[name] for name in kept}))


def test_logging_out_ends_the_sessions_of_the_account_on_every_browser(app):
    make_user(app, "wren")
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, "wren")
    _log_in_remembered(phone, "wren")

    log_out(laptop)

    assert not _signed_in(phone)
    phone.delete_cookie("session")
    assert not _signed_in(phone)


def test_logging_in_again_after_logging_out_opens_a_new_session(app, client):
    make_user(app, "wren")
    before = _log_in_remembered(client, "wren")
    log_out(client)

    after = _log_in_remembered(client, "wren")

    assert after["remember_token"] != before["remember_token"]
    assert _signed_in(client)


def test_ending_all_sessions_signs_out_every_cookie_of_the_account(app, client):
    # What a change or reset of the password calls.
    user_id = make_user(app, "wren")
    cookies = _log_in_remembered(client, "wren")
    with app.app_context():
        end_all_sessions(db.session.get(User, user_id))
        db.session.commit()

    assert not _signed_in(client)
    assert not _signed_in(_browser_with(app, {"remember_token": cookies["remember_token"]}))


def test_a_session_naming_an_account_by_its_id_is_not_accepted(app, client):
    user_id = make_user(app, "wren")
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True

    assert not _signed_in(client)


def test_every_account_has_its_own_session_token(app):
    ids = [make_user(app, name) for name in ("wren", "heron", "finch")]
    with app.app_context():
        tokens = {db.session.get(User, user_id).get_id() for user_id in ids}
    assert len(tokens) == 3 and all(len(token) >= 40 for token in tokens)

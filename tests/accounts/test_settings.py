"""Account settings: change password (ending other sessions), change email by link, log out
everywhere, and choose which mail to receive."""

from community.accounts.services import find_by_username
from community.mail.services import mail_choice
from community.models import MailChoice
from tests.factories import PASSWORD, make_user
from tests.mail.helpers import link_to, outbox
from tests.web import client_as, csrf_token, log_in

SETTINGS = "/account/settings"
NEW_PASSWORD = "an entirely new password"


def _submit(client, data: dict):
    return client.post(SETTINGS, data={**data, "csrf_token": csrf_token(client, SETTINGS)})


def _change_password(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    data = {
        "current_password": current,
        "new_password": new,
        "confirm": confirm or new,
        "section": "password",
    }
    return _submit(client, data)


def _email_of(app, username: str) -> str:
    with app.app_context():
        return find_by_username(username).email


def test_settings_need_a_login(client):
    assert client.get(SETTINGS).headers["Location"].startswith("/auth/login")


def test_the_settings_page_has_the_contract_labels(app):
    make_user(app, "wren")
    html = client_as(app, "wren").get(SETTINGS).text
    for label in ("Current password", "New password", "Confirm password", "New email"):
        assert f">{label}</label>" in html
    for button in ("Change password", "Change email", "Log out everywhere"):
        assert f'value="{button}"' in html
    for choice in ("Immediately", "Daily digest", "Never"):
        assert f">{choice}</label>" in html


def test_a_password_change_ends_other_sessions_and_keeps_this_one(app):
    make_user(app, "wren")
    laptop, phone = client_as(app, "wren"), client_as(app, "wren")

    response = _change_password(laptop)

    assert response.status_code == 303
    assert laptop.get("/account").status_code == 200
    assert phone.get("/account").status_code == 302
    log_in(app.test_client(), "wren", NEW_PASSWORD)


def test_a_wrong_current_password_changes_nothing(app):
    make_user(app, "wren")
    laptop, phone = client_as(app, "wren"), client_as(app, "wren")
    response = _change_password(laptop, current="not my password")
    assert response.status_code == 400
    assert "That is not your current password." in response.text
    assert phone.get("/account").status_code == 200
    log_in(app.test_client(), "wren", PASSWORD)


def test_new_passwords_that_differ_are_refused(app):
    make_user(app, "wren")
    response = _change_password(client_as(app, "wren"), confirm="something else entirely")
    assert response.status_code == 400
    assert "The passwords do not match." in response.text


def test_an_email_change_waits_for_the_link_and_tells_the_old_address(app):
    make_user(app, "wren")
    wren = client_as(app, "wren")
    response = _submit(wren, {"new_email": "Wren.New@example.org", "section": "email"})
    assert response.status_code == 303
    assert _email_of(app, "wren") == "wren@example.org"
    assert sorted(message.to_address for message in outbox(app)) == [
        "wren.new@example.org",
        "wren@example.org",
    ]
    [told] = outbox(app, "wren@example.org")
    assert "wren.new@example.org" in told.text_body
    assert "/account/email/" not in told.text_body

    assert wren.get(link_to(app, "wren.new@example.org", "/account/email/")).status_code == 302
    assert _email_of(app, "wren") == "wren.new@example.org"


def test_an_email_change_link_works_once(app):
    make_user(app, "wren")
    wren = client_as(app, "wren")
    _submit(wren, {"new_email": "wren.new@example.org", "section": "email"})
    link = link_to(app, "wren.new@example.org", "/account/email/")
    assert wren.get(link).status_code == 302
    assert wren.get(link).status_code == 400


def test_an_email_change_to_an_address_taken_meanwhile_is_refused(app):
    make_user(app, "wren")
    wren = client_as(app, "wren")
    _submit(wren, {"new_email": "kestrel@example.org", "section": "email"})
    make_user(app, "kestrel")
    response = wren.get(link_to(app, "kestrel@example.org", "/account/email/"))
    assert response.status_code == 400
    assert _email_of(app, "wren") == "wren@example.org"


def test_log_out_everywhere_ends_every_session(app):
    make_user(app, "wren")
    laptop, phone = client_as(app, "wren"), client_as(app, "wren")
    response = _submit(laptop, {"section": "sessions"})
    assert response.status_code == 303
    assert laptop.get("/account").status_code == 302
    assert phone.get("/account").status_code == 302


def test_mail_choices_are_stored_and_read_by_mail_choice(app):
    make_user(app, "wren")
    wren = client_as(app, "wren")
    response = _submit(
        wren,
        {
            "mail_reply": "daily",
            "mail_moderation": "never",
            "mail_suggestion": "immediately",
            "mail_followed_question": "immediately",
            "section": "mail",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        user = find_by_username("wren")
        assert mail_choice(user.id, "reply") is MailChoice.DAILY
        assert mail_choice(user.id, "moderation") is MailChoice.NEVER
    # The page shows what was stored: Daily digest is the reply kind's second choice.
    assert '<input checked id="mail_reply-1"' in wren.get(SETTINGS).text


def test_an_unknown_mail_choice_is_refused(app):
    make_user(app, "wren")
    response = _submit(client_as(app, "wren"), {"mail_reply": "hourly", "section": "mail"})
    assert response.status_code == 400

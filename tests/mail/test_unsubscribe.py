"""One-click unsubscribe: a signed link naming member and kind, working without logging in."""

import threading
import time

from community.extensions import db
from community.mail import delivery
from community.mail.services import mail_choice, queue_mail, unsubscribe_token
from community.models import MailChoice, User
from tests.factories import make_user
from tests.mail.helpers import outbox


def _token(app, user_id: int, kind: str = "reply") -> str:
    with app.app_context():
        return unsubscribe_token(db.session.get(User, user_id), kind)


def _choice(app, user_id: int, kind: str = "reply") -> MailChoice:
    with app.app_context():
        return mail_choice(user_id, kind)


def test_one_click_unsubscribe_works_without_logging_in_or_a_csrf_token(app, client):
    wren = make_user(app, "wren")
    token = _token(app, wren)

    # As a mail program does it (RFC 8058): a POST with this body, no cookie, no token.
    response = client.post(f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    assert _choice(app, wren) is MailChoice.NEVER
    assert _choice(app, wren, "moderation") is MailChoice.IMMEDIATELY


def test_opening_the_link_asks_and_changes_nothing(app, client):
    wren = make_user(app, "wren")
    response = client.get(f"/unsubscribe/{_token(app, wren)}")
    assert response.status_code == 200
    assert 'value="Unsubscribe"' in response.text
    assert _choice(app, wren) is MailChoice.IMMEDIATELY


def test_the_link_in_a_notification_unsubscribes(app, client):
    wren = make_user(app, "wren")
    with app.test_request_context():
        user = db.session.get(User, wren)
        queue_mail(user.email, "notice", {"title": "A reply", "text": "Hi."}, "reply", user)
        db.session.commit()
    [message] = outbox(app)
    path = message.unsubscribe_url.removeprefix("http://localhost")
    assert client.post(path).status_code == 200
    assert _choice(app, wren) is MailChoice.NEVER


def test_an_altered_or_foreign_token_is_refused(app, client):
    wren = make_user(app, "wren")
    token = _token(app, wren)
    assert client.post(f"/unsubscribe/{token[:-2]}xx").status_code == 404
    assert client.post("/unsubscribe/not-a-token").status_code == 404
    assert _choice(app, wren) is MailChoice.IMMEDIATELY


def test_the_link_dies_with_the_account(app, client):
    wren = make_user(app, "wren")
    token = _token(app, wren)
    with app.app_context():
        db.session.delete(db.session.get(User, wren))
        db.session.commit()
    assert client.post(f"/unsubscribe/{token}").status_code == 404


def test_the_delivery_thread_writes_queued_mail_within_seconds(app, tmp_path):
    app.config.update(COMMUNITY_MAIL_FOLDER=str(tmp_path), COMMUNITY_MAIL_POLL_SECONDS=0.05)
    with app.test_request_context():
        queue_mail("wren@example.org", "notice", {"title": "Hello", "text": "Hi."})
        db.session.commit()
    stop = threading.Event()
    thread = threading.Thread(target=delivery.deliver_forever, args=(app, stop), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not list(tmp_path.glob("*.eml")) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert len(list(tmp_path.glob("*.eml"))) == 1


def test_no_thread_is_started_when_the_setting_is_off(app):
    app.config["COMMUNITY_MAIL_DELIVERY_THREAD"] = False
    assert delivery.start_delivery_thread(app) is None

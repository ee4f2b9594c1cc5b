"""Queued mail is stored with the caller's transaction, rendered in two parts, and delivered."""

import email
from datetime import timedelta
from email.policy import default
from pathlib import Path

import pytest
from sqlalchemy import func, select

from community.extensions import db
from community.mail import delivery
from community.mail.services import queue_mail
from community.models import OutboxMessage, User, utcnow
from tests.factories import make_user
from tests.live_server import free_port
from tests.mail.helpers import outbox
from tests.mail.smtp import Inbox, smtp_server

NOTICE = {"title": "Hello there", "text": "A line of news & more.", "link": None}


def _queue(app, count: int = 1, kind: str | None = None, user_id: int | None = None) -> None:
    with app.test_request_context():
        user = db.session.get(User, user_id) if user_id else None
        for number in range(count):
            notice = {**NOTICE, "title": f"Notice {number}"}
            queue_mail("wren@example.org", "notice", notice, kind=kind, user=user)
        db.session.commit()


def _deliver(app, now=None) -> delivery.Delivered:
    with app.app_context():
        return delivery.deliver_due(now=now)


def _use_smtp(app, port: int) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)


def test_queued_mail_is_stored_only_if_the_caller_commits(app):
    with app.test_request_context():
        queue_mail("wren@example.org", "notice", NOTICE)
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_a_queued_message_has_a_subject_a_text_part_and_an_escaped_html_part(app):
    _queue(app)
    [message] = outbox(app)
    assert message.subject == "Notice 0"
    assert "A line of news & more." in message.text_body
    assert "A line of news &amp; more." in message.html_body
    assert message.sent_at is None and message.attempts == 0


def test_without_a_mail_server_each_message_is_written_as_an_eml_file(app, tmp_path):
    app.config["COMMUNITY_MAIL_FOLDER"] = str(tmp_path / "mail")
    _queue(app, 2)

    assert _deliver(app).sent == 2

    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 2
    parsed = email.message_from_bytes(files[0].read_bytes(), policy=default)
    assert parsed["Subject"] == "Notice 0"
    assert parsed["To"] == "wren@example.org"
    assert parsed["Message-ID"] and parsed["Date"]
    assert parsed.get_body(("plain",)).get_content().startswith("A line of news & more.")
    assert files[0].stat().st_mode & 0o077 == 0
    assert all(message.sent_at is not None for message in outbox(app))
    # Sent once: another round finds nothing to send.
    assert _deliver(app).sent == 0


def test_messages_go_by_smtp_with_message_id_and_date(app):
    inbox = Inbox()
    _queue(app, 3)
    with smtp_server(inbox) as port:
        _use_smtp(app, port)
        assert _deliver(app).sent == 3
    assert inbox.subjects() == ["Notice 0", "Notice 1", "Notice 2"]
    stored = {message.message_id for message in outbox(app)}
    assert {message["Message-ID"] for message in inbox.messages} == stored
    assert all(message["Date"] for message in inbox.messages)


def test_a_server_that_refuses_then_accepts_gets_each_message_exactly_once(app):
    inbox = Inbox(refusals=2)
    _queue(app, 3)
    now = utcnow()
    with smtp_server(inbox) as port:
        _use_smtp(app, port)
        first = _deliver(app, now)
        assert (first.sent, first.failed) == (1, 2)
        refused = [message for message in outbox(app) if message.sent_at is None]
        assert [message.attempts for message in refused] == [1, 1]
        assert all("451" in message.last_error for message in refused)
        # Not due again until the back-off has passed.
        assert _deliver(app, now + timedelta(seconds=30)).sent == 0
        assert _deliver(app, now + timedelta(minutes=2)).sent == 2
        assert _deliver(app, now + timedelta(hours=1)).sent == 0
    assert sorted(inbox.subjects()) == ["Notice 0", "Notice 1", "Notice 2"]


def test_a_mail_server_that_is_down_loses_nothing_and_sends_once_when_back(app):
    port = free_port()
    _use_smtp(app, port)
    _queue(app, 2)
    now = utcnow()
    assert _deliver(app, now).failed == 2
    second = now + timedelta(minutes=1, seconds=1)
    assert _deliver(app, second).failed == 2
    # Each failure waits twice as long as the one before.
    assert [message.next_attempt_at - second for message in outbox(app)] == [
        timedelta(minutes=2)
    ] * 2

    inbox = Inbox()
    with smtp_server(inbox, port):
        assert _deliver(app, now + timedelta(minutes=4)).sent == 2
        assert _deliver(app, now + timedelta(days=1)).sent == 0
    assert sorted(inbox.subjects()) == ["Notice 0", "Notice 1"]
    assert all(message.last_error is None for message in outbox(app))


def test_a_message_claimed_by_one_sender_is_not_claimed_by_another(app):
    _queue(app)
    [message] = outbox(app)
    with app.app_context():
        now = utcnow()
        assert delivery._claim(message.id, 0, now) is True
        # A second sender read the row before the first claimed it: its claim fails.
        assert delivery._claim(message.id, 0, now) is False


def test_a_sender_that_died_after_claiming_leaves_the_message_due_later(app):
    _queue(app)
    [message] = outbox(app)
    now = utcnow()
    with app.app_context():
        assert delivery._claim(message.id, 0, now)
    assert _deliver(app, now + timedelta(seconds=delivery.CLAIM_SECONDS - 1)).sent == 0
    app.config["COMMUNITY_MAIL_FOLDER"] = str(Path(app.instance_path).parent / "unused")
    inbox = Inbox()
    with smtp_server(inbox) as port:
        _use_smtp(app, port)
        assert _deliver(app, now + timedelta(seconds=delivery.CLAIM_SECONDS + 1)).sent == 1


def test_a_notification_needs_the_member_it_is_for(app):
    with app.test_request_context(), pytest.raises(ValueError):
        queue_mail("wren@example.org", "notice", NOTICE, kind="reply")


def test_a_notification_carries_one_click_unsubscribe_headers_and_link(app):
    wren = make_user(app, "wren")
    _queue(app, kind="reply", user_id=wren)
    inbox = Inbox()
    with smtp_server(inbox) as port:
        _use_smtp(app, port)
        _deliver(app)
    [message] = inbox.messages
    link = message["List-Unsubscribe"].strip("<>")
    assert "/unsubscribe/" in link
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.get_body(("plain",)).get_content()
    assert link in message.get_body(("html",)).get_content()


def test_account_mail_carries_no_unsubscribe_header(app):
    _queue(app)
    inbox = Inbox()
    with smtp_server(inbox) as port:
        _use_smtp(app, port)
        _deliver(app)
    assert inbox.messages[0]["List-Unsubscribe"] is None


def test_deliver_mail_once_from_the_command_line(app, runner, tmp_path):
    app.config["COMMUNITY_MAIL_FOLDER"] = str(tmp_path)
    _queue(app, 2)
    result = runner.invoke(args=["deliver-mail", "--once"])
    assert result.exit_code == 0, result.output
    assert "Sent 2; 0 to try again later." in result.output
    assert len(list(tmp_path.glob("*.eml"))) == 2

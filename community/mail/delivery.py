"""Send what the outbox holds: by SMTP, or as .eml files when no mail server is set.

Any number of senders may run at once (a thread in each web worker, ``deliver-mail``
processes): each claims a message before sending it, in one compare-and-set update, so
none is sent twice. A refused or failed attempt is tried again later, each time after a
longer wait; nothing is dropped while the mail server is down.
"""

import logging
import os
import smtplib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app
from sqlalchemy import select, update

from community.extensions import db
from community.models import OutboxMessage, utcnow

log = logging.getLogger("community.mail")

BATCH = 50
# A claimed message not marked sent by then (its sender died) is due again.
CLAIM_SECONDS = 600
SMTP_TIMEOUT_SECONDS = 30
FIRST_RETRY_SECONDS = 60
LONGEST_RETRY_SECONDS = 6 * 3600
# Where an app keeps the work its delivery loop runs besides sending (see add_round).
ROUNDS = "community.mail_rounds"


class Transport(Protocol):
    def send(self, message: EmailMessage, name: str) -> str:
        """Send ``message`` (called ``name`` in logs and files); return where it went."""


class SMTPTransport:
    def __init__(self, config) -> None:
        self.config = config

    def send(self, message: EmailMessage, name: str) -> str:
        config = self.config
        connect = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
        with connect(
            config["MAIL_SERVER"], config["MAIL_PORT"], timeout=SMTP_TIMEOUT_SECONDS
        ) as smtp:
            if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(message)
        return f"{config['MAIL_SERVER']}:{config['MAIL_PORT']}"


class FileTransport:
    """Write each message as an .eml file, for a site with no mail server (and its tests)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage, name: str) -> str:
        # Mail holds reset and verification links: readable by the site's owner only.
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
        path = self.folder / f"{stamp}-{name}.eml"
        partial = path.with_suffix(".partial")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(partial, flags, 0o600), "wb") as handle:
            handle.write(bytes(message))
        # Whole or not at all: a reader of the folder never sees half a message.
        partial.rename(path)
        return str(path)


def transport_for(app: Flask) -> Transport:
    if app.config["MAIL_SERVER"]:
        return SMTPTransport(app.config)
    return FileTransport(mail_folder(app))


def mail_folder(app: Flask) -> Path:
    return Path(app.config["COMMUNITY_MAIL_FOLDER"] or Path(app.instance_path) / "mail")


@dataclass
class Delivered:
    sent: int = 0
    failed: int = 0


def deliver_due(transport: Transport | None = None, now: datetime | None = None) -> Delivered:
    """Send every message due by ``now``, one claim at a time; return how it went."""
    transport = transport or transport_for(current_app._get_current_object())
    done = Delivered()
    while True:
        moment = now or utcnow()
        due = db.session.execute(
            select(OutboxMessage.id, OutboxMessage.attempts)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= moment)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(BATCH)
        ).all()
        db.session.commit()
        if not due:
            return done
        for message_id, attempts in due:
            if not _claim(message_id, attempts, moment):
                continue
            if _send(transport, message_id, moment):
                done.sent += 1
            else:
                done.failed += 1


def _claim(message_id: int, attempts: int, now: datetime) -> bool:
    """Take the message for this sender, unless another took it since it was read."""
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.attempts == attempts,
            OutboxMessage.sent_at.is_(None),
        )
        .values(attempts=attempts + 1, next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS))
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return claimed.rowcount == 1


def _send(transport: Transport, message_id: int, now: datetime) -> bool:
    message = db.session.get(OutboxMessage, message_id)
    if message is None:  # cancelled (the account was deleted) since it was claimed
        return False
    try:
        where = transport.send(as_email(message), str(message.id))
    except Exception as error:  # any failure: keep the message and try again later
        db.session.rollback()
        message = db.session.get(OutboxMessage, message_id)
        if message is not None:
            message.last_error = f"{error.__class__.__name__}: {error}"[:500]
            message.next_attempt_at = now + retry_delay(message.attempts)
            db.session.commit()
        log.warning("Mail %s not sent, to be tried again: %s", message_id, error)
        return False
    message.sent_at = utcnow()
    message.last_error = None
    db.session.commit()
    log.info("Mail to %s: %s (%s)", message.to_address, message.subject, where)
    return True


def retry_delay(attempts: int) -> timedelta:
    """Wait a minute after the first failure, then twice as long each time, up to 6 hours."""
    seconds = FIRST_RETRY_SECONDS * 2 ** max(0, min(attempts - 1, 20))
    return timedelta(seconds=min(seconds, LONGEST_RETRY_SECONDS))


def as_email(message: OutboxMessage) -> EmailMessage:
    """Build the message to send, with the headers every mail and notification needs."""
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message.message_id
    if message.unsubscribe_url:
        # RFC 8058: mail programs offer a one-click unsubscribe that POSTs to the link.
        email["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email.set_content(message.text_body)
    email.add_alternative(message.html_body, subtype="html")
    return email


def add_round(app: Flask, work: Callable[[], object]) -> None:
    """Have the delivery loop also run ``work`` each round, before sending.

    For mail that other features write on a schedule (daily digests); this package calls
    no feature, so they hand their work in when the app is made.
    """
    app.extensions.setdefault(ROUNDS, []).append(work)


def deliver_round(app: Flask, transport: Transport | None = None) -> Delivered:
    """Queue what the other rounds have due (digests), then send everything due.

    Each round commits its own work; one that fails is logged and the next still runs.
    """
    for work in app.extensions.get(ROUNDS, ()):
        try:
            work()
        except Exception:  # the database was away: log it, and try again next round
            db.session.rollback()
            log.exception("Mail round %s failed; trying again shortly", work.__name__)
    return deliver_due(transport)


def deliver_forever(app: Flask, stop: threading.Event | None = None) -> None:
    """Send due mail every ``COMMUNITY_MAIL_POLL_SECONDS`` until ``stop`` is set."""
    stop = stop or threading.Event()
    while not stop.is_set():
        with app.app_context():
            try:
                deliver_round(app)
            except Exception:  # the database was away: log it, and try again next round
                log.exception("Mail delivery failed; trying again shortly")
            finally:
                db.session.remove()
        stop.wait(app.config["COMMUNITY_MAIL_POLL_SECONDS"])


def start_delivery_thread(app: Flask) -> threading.Thread | None:
    """Deliver mail from a daemon thread of this process, when the setting allows it."""
    if not app.config["COMMUNITY_MAIL_DELIVERY_THREAD"]:
        return None
    show_mail_log()
    thread = threading.Thread(target=deliver_forever, args=(app,), name="mail", daemon=True)
    thread.start()
    return thread


def show_mail_log() -> None:
    """Print what delivery does on the console: each message's subject and where it went."""
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s] [mail] %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.INFO)

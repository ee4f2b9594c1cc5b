"""Queue mail, and read or change what each member chose to receive."""

from dataclasses import dataclass
from email.utils import make_msgid, parseaddr
from functools import cache
from typing import Any

from flask import current_app, url_for
from sqlalchemy import Select, bindparam, delete, select

from community.canonical import canonical_url
from community.database import insert_unless_duplicate
from community.extensions import db
from community.models import MailChoice, MailPreference, OutboxMessage, User
from community.signed_links import fingerprint, make_token, read_token


@dataclass(frozen=True)
class MailKind:
    label: str
    default: MailChoice = MailChoice.IMMEDIATELY


# Notifications a member can choose how often to receive; account mail (verification,
# password reset) is not among them and cannot be turned off.
KINDS: dict[str, MailKind] = {
    "reply": MailKind("Replies to your posts"),
    "moderation": MailKind("Moderators' decisions about your posts"),
    "suggestion": MailKind("Editors' answers to questions you suggested"),
    "followed_question": MailKind("New experiences on questions you follow"),
}
CHOICE_LABELS = {
    MailChoice.IMMEDIATELY: "Immediately",
    MailChoice.DAILY: "Daily digest",
    MailChoice.NEVER: "Never",
}
UNSUBSCRIBE = "unsubscribe"


def queue_mail(
    to: str,
    template: str,
    context: dict[str, Any],
    kind: str | None = None,
    user: User | None = None,
) -> OutboxMessage:
    """Render ``mail/<template>.txt`` and ``.html`` and add the message to the outbox.

    The row is flushed in the caller's transaction, never committed here: the mail goes
    if and only if what it tells of is stored. Each template sets ``subject``. A message
    of a ``kind`` is a notification: it carries an unsubscribe link and headers for
    ``user``, who must be given.
    """
    if kind is not None and (user is None or kind not in KINDS):
        raise ValueError("a notification needs a known kind and the member it is for")
    unsubscribe_url = (
        external_url("mail.unsubscribe", token=unsubscribe_token(user, kind)) if kind else None
    )
    values = {**context, "site_name": current_app.config["COMMUNITY_SITE_NAME"]}
    values["unsubscribe_url"] = unsubscribe_url
    subject, text = _render(f"mail/{template}.txt", values)
    _, html = _render(f"mail/{template}.html", values)
    message = OutboxMessage(
        user_id=user.id if user is not None else None,
        kind=kind,
        to_address=to,
        subject=subject,
        text_body=text,
        html_body=html,
        message_id=make_msgid(domain=_sender_domain()),
        unsubscribe_url=unsubscribe_url,
    )
    db.session.add(message)
    db.session.flush()
    return message


def render_mail(template: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Render a message as queue_mail would (subject, text, HTML), storing nothing.

    For answers that must take as long whether or not there is anyone to mail.
    """
    values = {**context, "site_name": current_app.config["COMMUNITY_SITE_NAME"]}
    values["unsubscribe_url"] = None
    subject, text = _render(f"mail/{template}.txt", values)
    return subject, text, _render(f"mail/{template}.html", values)[1]


def _render(name: str, values: dict[str, Any]) -> tuple[str, str]:
    """Return a template's ``subject`` and its text, rendered once."""
    template = current_app.jinja_env.get_template(name)
    module = template.make_module(values)
    subject = " ".join(str(getattr(module, "subject", "")).split())
    if not subject:
        raise ValueError(f"{name} sets no subject")
    return subject, str(module).strip() + "\n"


def _sender_domain() -> str:
    address = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1]
    return address.rpartition("@")[2] or "localhost"


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for a mail, on the site's public address (``COMMUNITY_CANONICAL_URL``).

    Never the host a request came to: a request with a forged Host header would otherwise
    have a reset link point elsewhere.
    """
    return canonical_url(url_for(endpoint, **values))


def mail_choice(user_id: int, kind: str) -> MailChoice:
    """How often the member wants mail of ``kind``: their choice, or the kind's default.
    By their id: a notification names its recipient, who need not be loaded."""
    choice = db.session.scalar(_choice_statement(), {"user_id": user_id, "kind": kind})
    return choice if choice is not None else KINDS[kind].default


@cache
def _choice_statement() -> Select:
    """Built once: every notification written reads it."""
    return select(MailPreference.choice).where(
        MailPreference.user_id == bindparam("user_id"), MailPreference.kind == bindparam("kind")
    )


def mail_choices(user: User) -> dict[str, MailChoice]:
    """Every kind with the member's choice for it."""
    rows = db.session.execute(
        select(MailPreference.kind, MailPreference.choice).where(MailPreference.user_id == user.id)
    )
    stored = {kind: choice for kind, choice in rows}
    return {kind: stored.get(kind, each.default) for kind, each in KINDS.items()}


def set_mail_choice(user: User, kind: str, choice: MailChoice) -> None:
    """Store ``user``'s choice for ``kind``."""
    if kind not in KINDS:
        raise ValueError(f"no kind of mail called {kind!r}")
    preference = db.session.get(MailPreference, (user.id, kind))
    if preference is None and insert_unless_duplicate(
        MailPreference(user_id=user.id, kind=kind, choice=choice)
    ):
        return
    # Stored already, or a moment ago by another request (a mail client following the
    # unsubscribe link as the member clicks it): this choice is the latest.
    preference = preference or db.session.get(MailPreference, (user.id, kind))
    preference.choice = choice
    db.session.flush()


def unsubscribe_token(user: User, kind: str) -> str:
    """A link token naming the member and the kind, which dies with the account."""
    return make_token(
        UNSUBSCRIBE, {"u": user.id, "k": kind, "s": fingerprint(user.unsubscribe_key)}
    )


def read_unsubscribe_token(token: str) -> tuple[User, str] | None:
    """Return the member and kind an unsubscribe token names, if it is still good."""
    payload = read_token(UNSUBSCRIBE, token, max_age_seconds=None)
    if payload is None or payload.get("k") not in KINDS or not isinstance(payload.get("u"), int):
        return None
    user = db.session.get(User, payload["u"])
    if user is None or payload.get("s") != fingerprint(user.unsubscribe_key):
        return None
    return user, payload["k"]


def forget_mail_of(user: User) -> None:
    """Remove the member's mail choices and their outbox rows: unsent mail is cancelled."""
    db.session.execute(delete(MailPreference).where(MailPreference.user_id == user.id))
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.user_id == user.id))
    db.session.flush()

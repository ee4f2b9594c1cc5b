"""Confirm a member's email address by a mailed link, and change it the same way.

A link names the account and the address it was sent to: it confirms that address
only, so a link to an address since replaced confirms nothing.
"""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from community.accounts.services import EMAIL_PATTERN, AccountError, normalize_email
from community.database import is_unique_violation, lock_row
from community.extensions import db
from community.mail.services import external_url, queue_mail
from community.models import User, utcnow
from community.signed_links import make_token, read_token

VERIFY = "verify-email"
CHANGE = "change-email"
LINK_DAYS = 7


def send_verification(user: User) -> None:
    """Mail the member a link that confirms their current address."""
    token = make_token(VERIFY, {"u": user.id, "e": user.email})
    link = external_url("accounts.verify_email", token=token)
    queue_mail(
        user.email, "verify_email", {"link": link, "days": LINK_DAYS, "user": user}, user=user
    )


def verify_email(token: str, now: datetime | None = None) -> User | None:
    """Confirm the address a verification link was sent to; None if the link is not good."""
    payload = read_token(VERIFY, token, LINK_DAYS * 24 * 3600, now)
    user = _account_named(payload)
    if user is None or payload.get("e") != user.email:
        return None
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        db.session.flush()
    return user


def request_email_change(user: User, new_email: str) -> str:
    """Mail a link to ``new_email`` that makes it the account's address, and tell the old one.

    The address does not change until the link is followed. Return the address mailed.
    """
    new_email = normalize_email(new_email)
    if len(new_email) > 254 or not EMAIL_PATTERN.fullmatch(new_email):
        raise AccountError("Enter an email address such as name@example.org.", "new_email")
    if new_email == user.email:
        raise AccountError("That is already your email address.", "new_email")
    token = make_token(CHANGE, {"u": user.id, "from": user.email, "to": new_email})
    link = external_url("accounts.confirm_email_change", token=token)
    context = {"link": link, "days": LINK_DAYS, "user": user, "new_email": new_email}
    # An address that has an account is mailed all the same: the link then says it is taken.
    queue_mail(new_email, "confirm_new_email", context, user=user)
    queue_mail(user.email, "email_change_requested", context, user=user)
    return new_email


def confirm_email_change(token: str, now: datetime | None = None) -> User:
    """Make the address a change link was sent to the account's address."""
    payload = read_token(CHANGE, token, LINK_DAYS * 24 * 3600, now)
    user = _account_named(payload, lock=True)
    if user is None or payload.get("from") != user.email or not isinstance(payload.get("to"), str):
        raise AccountError("This link has expired or was used already.")
    taken = db.session.scalar(
        select(func.count()).select_from(User).where(User.email == payload["to"])
    )
    if taken:
        raise AccountError("Another account has that email address now.")
    try:
        with db.session.begin_nested():
            user.email = payload["to"]
            user.email_verified_at = utcnow()
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        # Taken by an account registered in the moment since the check.
        raise AccountError("Another account has that email address now.") from None
    return user


def _account_named(payload: dict | None, *, lock: bool = False) -> User | None:
    if payload is None or not isinstance(payload.get("u"), int):
        return None
    return lock_row(User, payload["u"]) if lock else db.session.get(User, payload["u"])

"""Set a new password by a mailed link: asked for by email address, good once, for an hour.

The answer to "send me a link" is the same whether or not an account has the address,
and takes the same work: a link is signed and a message rendered either way.
"""

from datetime import datetime

from sqlalchemy import select

from community.accounts.services import (
    check_new_password,
    end_all_sessions,
    hash_password,
    normalize_email,
)
from community.database import lock_row
from community.extensions import db
from community.mail.services import external_url, queue_mail, render_mail
from community.models import User
from community.signed_links import fingerprint, make_token, read_token

RESET = "reset-password"
RESET_HOURS = 1


def reset_token(user: User) -> str:
    """A link token naming the account and its current password, which a new one voids."""
    return make_token(RESET, {"u": user.id, "p": fingerprint(user.password_hash)})


def send_reset_link(email: str) -> None:
    """Mail a reset link to the account with this address, if there is one."""
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    # The same work for an unknown address: a token signed, a message rendered.
    token = reset_token(user) if user else make_token(RESET, {"u": 0, "p": fingerprint(email)})
    context = {"link": external_url("accounts.reset_password", token=token), "hours": RESET_HOURS}
    if user is None:
        render_mail("reset_password", context)
        return
    queue_mail(user.email, "reset_password", context, user=user)


def account_for_reset(
    token: str, now: datetime | None = None, *, lock: bool = False
) -> User | None:
    """The account a reset link is for, while it is good: within the hour, and unused."""
    payload = read_token(RESET, token, RESET_HOURS * 3600, now)
    if payload is None or not isinstance(payload.get("u"), int):
        return None
    user = lock_row(User, payload["u"]) if lock else db.session.get(User, payload["u"])
    if user is None or payload.get("p") != fingerprint(user.password_hash):
        return None
    return user


def use_reset_link(token: str, password: str) -> User | None:
    """Set the password a reset link is for; None when the link is not good, or used.

    The account is locked before the link is checked: the same link sent twice at once
    sets one password, and the second finds the link used.
    """
    user = account_for_reset(token, lock=True)
    if user is not None:
        set_new_password(user, password)
    return user


def set_new_password(user: User, password: str) -> None:
    """Replace the password and end every session signed in with the old one."""
    check_new_password(password)
    user.password_hash = hash_password(password)
    end_all_sessions(user)

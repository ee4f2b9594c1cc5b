"""Register without telling whether an address has an account.

A new address gets an account and a link to confirm it; an address that has an account
gets a message saying someone tried to register with it, with a link to set a new
password. Both take the same work (a password hashed, a link signed, a message queued)
and the visitor is shown the same page: check your email.
"""

from community.accounts.recovery import RESET_HOURS, reset_token
from community.accounts.services import (
    AccountError,
    create_user,
    find_by_login,
    hash_password,
    normalize_email,
)
from community.accounts.verification import send_verification
from community.mail.services import external_url, queue_mail
from community.models import User


def register(username: str, email: str, password: str) -> str:
    """Register ``username`` at ``email``, or tell the owner of ``email``; return the address.

    Raises AccountError for what may be said: a taken username (usernames are public),
    and names, addresses and passwords that are not allowed.
    """
    email = normalize_email(email)
    owner = find_by_login(email) if "@" in email else None
    if owner is None:
        try:
            user = create_user(username, email, password)
        except AccountError as refused:
            if refused.field != "email":
                raise
            # Registered with this address a moment ago, by someone else: tell its owner.
            owner = find_by_login(email)
            if owner is None:
                raise
        else:
            send_verification(user)
            return email
    _refuse_taken_username(username)
    # The work a new account costs, spent the same way.
    hash_password(password)
    _tell_owner(owner)
    return email


def _refuse_taken_username(username: str) -> None:
    """A taken username is said whatever the address: usernames are public."""
    holder = find_by_login(username.strip()) if "@" not in username else None
    if holder is not None:
        raise AccountError("That username is taken.", "username")


def _tell_owner(owner: User) -> None:
    link = external_url("accounts.reset_password", token=reset_token(owner))
    context = {"link": link, "hours": RESET_HOURS, "user": owner}
    queue_mail(owner.email, "registration_attempt", context, user=owner)

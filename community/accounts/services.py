"""Rules for accounts."""

import re
from collections.abc import Iterable
from functools import cache

from flask import current_app
from sqlalchemy import Select, bindparam, func, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from community.database import insert_unless_duplicate
from community.extensions import db
from community.models import Role, User, UserRole, utcnow
from community.models.accounts import new_session_token

# ASCII only: a public pseudonym that cannot imitate another with look-alike letters.
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9_-]{3,30}")
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MIN_PASSWORD_LENGTH = 10
USERNAME_RULE = "Usernames are 3 to 30 letters, digits, underscores or hyphens."
EMAIL_RULE = "Enter an email address such as name@example.org."
PASSWORD_RULE = f"Passwords need at least {MIN_PASSWORD_LENGTH} characters."


class AccountError(ValueError):
    """An account could not be created or changed; the message says why, for the user."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def normalize_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def password_matches(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def find_by_username(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username_key == username.lower()))


def find_by_login(identifier: str) -> User | None:
    """Find an account by email or by username (either regardless of case)."""
    identifier = identifier.strip()
    if "@" in identifier:
        return db.session.scalar(select(User).where(User.email == normalize_email(identifier)))
    return find_by_username(identifier)


def create_user(
    username: str,
    email: str,
    password: str,
    roles: Iterable[Role] = (),
    *,
    verified: bool = False,
) -> User:
    """Create an account, refusing names and emails already taken and weak passwords.

    ``verified``: the email address counts as confirmed (accounts an administrator
    creates); otherwise the member confirms it by the link mailed at registration.
    """
    username = username.strip()
    if not USERNAME_PATTERN.fullmatch(username):
        raise AccountError(USERNAME_RULE, "username")
    check_new_password(password)
    email = normalize_email(email)
    if len(email) > 254 or not EMAIL_PATTERN.fullmatch(email):
        raise AccountError(EMAIL_RULE, "email")
    _refuse_taken(username, email)
    user = User(
        username=username,
        username_key=username.lower(),
        email=email,
        password_hash=hash_password(password),
        email_verified_at=utcnow() if verified else None,
        roles=[UserRole(role=role) for role in dict.fromkeys(roles)],
    )
    if not insert_unless_duplicate(user):
        # Someone registered the same name or email in the moment since the check.
        _refuse_taken(username, email)
        raise AccountError("That username or email was taken a moment ago.")
    return user


def check_new_password(password: str) -> None:
    """Refuse a password too short to choose."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(PASSWORD_RULE, "password")


def _refuse_taken(username: str, email: str) -> None:
    if find_by_username(username):
        raise AccountError("That username is taken.", "username")
    if db.session.scalar(select(func.count()).select_from(User).where(User.email == email)):
        raise AccountError("An account with that email already exists.", "email")


def authenticate(identifier: str, password: str) -> User | None:
    """Return the account when the password matches, taking as long when none exists."""
    user = find_by_login(identifier)
    if user is None:
        check_password_hash(_DUMMY_HASH.get(), password)
        return None
    return user if password_matches(user, password) else None


class _DummyHash:
    """A hash to check against when no account matches, so timing does not tell."""

    def __init__(self) -> None:
        self._hashes: dict[str, str] = {}

    def get(self) -> str:
        method = current_app.config["PASSWORD_HASH_METHOD"]
        if method not in self._hashes:
            self._hashes[method] = generate_password_hash("not a password", method=method)
        return self._hashes[method]


_DUMMY_HASH = _DummyHash()


def load_user(session_token: str) -> User | None:
    """Flask-Login's loader: the account a cookie's session token still names, if any.

    Cookies name the token, never the id: a token replaced by :func:`end_all_sessions`,
    or gone with its account, names nobody, whatever else the cookie still says.
    """
    if not session_token:
        return None
    found = db.session.scalars(_signed_in_member(), {"session_token": session_token})
    return found.unique().first()


def account_is_gone(member: User) -> bool:
    """Whether ``member``'s account was deleted since this request loaded it (in another
    tab, say): read again, not taken from the request's copy."""
    identity = sa_inspect(member).identity
    return identity is not None and db.session.get(User, identity[0]) is None


@cache
def _signed_in_member() -> Select:
    """The member a session token names, with their roles, in one statement built once:
    every page a member opens starts with it."""
    return (
        select(User)
        .options(joinedload(User.roles))
        .where(User.session_token == bindparam("session_token"))
    )


def end_all_sessions(user: User) -> None:
    """End every session of ``user``, on every browser, remember-me cookies included.

    Logging out calls this, and so must a change or reset of the password: the session
    token the cookies name is replaced, so they name nobody any more.
    """
    user.session_token = new_session_token()
    db.session.flush()

"""Accounts and the roles they hold."""

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.models.types import UTCDateTime, enum_column, utcnow


class Role(enum.Enum):
    MODERATOR = "moderator"
    EDITOR = "editor"
    REVIEWER = "reviewer"
    ADMIN = "admin"


def new_session_token() -> str:
    """A fresh, unguessable session identifier for an account."""
    return secrets.token_urlsafe(32)


def new_unsubscribe_key() -> str:
    """A secret that unsubscribe links carry: links of a deleted account name nobody."""
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    # SQLite would otherwise give a deleted account's id to the next one; an id is never
    # anyone else's, so nothing that names it (a rate-limit counter, a log) changes hands.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    # What session and remember-me cookies name instead of the id: replaced when the
    # member logs out or changes password, which ends every session signed in before.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    username: Mapped[str] = mapped_column(String(30))
    # Lower-cased username: usernames are unique regardless of case.
    username_key: Mapped[str] = mapped_column(String(30), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # When the member followed the link mailed to ``email``; None until then.
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Signed into unsubscribe links, which keep working after a log-out (which replaces
    # the session token) but not after the account is gone.
    unsubscribe_key: Mapped[str] = mapped_column(String(40), default=new_unsubscribe_key)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A suspension: when it began, when it ends (None: until a moderator lifts it), and why.
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspension_reason: Mapped[str | None] = mapped_column(String(500))

    # Loaded when asked for: pages that list authors, reporters or moderators never need them.
    roles: Mapped[list["UserRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def get_id(self) -> str:
        """Name the account in cookies by its session token, never by its id."""
        return self.session_token

    def has_role(self, role: Role) -> bool:
        return any(grant.role is role for grant in self.roles)

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class UserRole(db.Model):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")

"""Change one's password, end every session, and choose which mail to receive."""

from community.accounts.services import (
    AccountError,
    check_new_password,
    end_all_sessions,
    hash_password,
    password_matches,
)
from community.models import User


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password, given the current one; every session signed in before ends."""
    if not password_matches(user, current):
        raise AccountError("That is not your current password.", "current_password")
    check_new_password(new)
    user.password_hash = hash_password(new)
    end_all_sessions(user)

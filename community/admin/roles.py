"""Members and the roles they hold: admins grant and take them away; the site keeps an admin.

Roles are read from the database on every request (community.accounts.services.load_user),
so a role taken away ends what it allowed on the member's next request.
Services flush; the request commits once, or rolls back when a change is refused.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from community.extensions import db
from community.models import Role, User, UserRole
from community.posts.audit import record_event

MEMBERS_PER_PAGE = 50
# The order the pages list roles in, and their checkboxes.
ROLE_ORDER = (Role.MODERATOR, Role.EDITOR, Role.REVIEWER, Role.ADMIN)
LAST_ADMIN = (
    "{username} is the site's only admin: give another member the admin role before "
    "taking it from {username}. Nothing was changed."
)
ONLY_ADMIN_DELETING = (
    "You are the site's only admin: give another member the admin role before deleting "
    "your account. Nothing was changed."
)


class RolesRefused(ValueError):
    """The change of roles was not made; the message says why."""


def list_members(page: int, username: str = "") -> Pagination:
    """One page of accounts by username, with their roles; ``username`` filters by part of it."""
    query = select(User).options(selectinload(User.roles)).order_by(User.username_key)
    wanted = username.strip().casefold()
    if wanted:
        escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(User.username_key.like(f"%{escaped}%", escape="\\"))
    return db.paginate(query, page=page, per_page=MEMBERS_PER_PAGE, error_out=False)


def find_member(username: str) -> User | None:
    """The account with this username, whatever its case, with its roles."""
    return db.session.scalar(
        select(User)
        .options(selectinload(User.roles))
        .where(User.username_key == username.casefold())
    )


def roles_of(member: User) -> list[Role]:
    return [role for role in ROLE_ORDER if member.has_role(role)]


def describe_roles(roles: list[Role]) -> str:
    """Roles as the audit log writes them: "moderator, admin", or "no role"."""
    return ", ".join(role.value for role in roles) or "no role"


def count_admins() -> int:
    return db.session.scalar(
        select(func.count()).select_from(UserRole).where(UserRole.role == Role.ADMIN)
    )


@contextmanager
def keeping_an_admin(member: User, message: str = LAST_ADMIN) -> Iterator[None]:
    """Around a change that may take ``member``'s admin role: refuse it if no admin is left.

    Raise RolesRefused (with ``message``) when the change would leave the site with no
    admin; the caller then rolls back, so nothing is changed.
    """
    was_admin = member.has_role(Role.ADMIN)
    if was_admin:
        _lock_admin_grants()
    yield
    db.session.flush()
    if was_admin and count_admins() == 0:
        raise RolesRefused(message.format(username=member.username))


def _lock_admin_grants() -> None:
    """Lock every admin grant until the transaction ends, always in the same order.

    Two admins taking each other's role at once: the second waits here for the first to
    commit, then counts the admins that are left, so both cannot succeed. (SQLite lets one
    writer in at a time already.)
    """
    db.session.execute(
        select(UserRole.user_id)
        .where(UserRole.role == Role.ADMIN)
        .order_by(UserRole.user_id)
        .with_for_update()
    ).all()


def set_roles(admin: User, member: User, wanted: set[Role], reason: str | None = None) -> bool:
    """Give ``member`` exactly the roles ``wanted``; log the change. Return whether any changed.

    Raise RolesRefused when the change would leave the site with no admin; the caller then
    rolls back, so nothing is changed.
    """
    before = roles_of(member)
    after = [role for role in ROLE_ORDER if role in wanted]
    if before == after:
        return False
    with keeping_an_admin(member):
        member.roles = [grant for grant in member.roles if grant.role in wanted] + [
            UserRole(role=role) for role in after if role not in before
        ]
    record_event(
        "roles_changed",
        actor=admin,
        subject=member,
        reason=reason or None,
        text_before=describe_roles(before),
        text_after=describe_roles(after),
    )
    db.session.flush()
    return True

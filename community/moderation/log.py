"""Read the audit log, newest first, filtered by moderator, action, condition or member."""

from dataclasses import dataclass

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.extensions import db
from community.models import Condition, ModerationEvent, Post, Question, Role, User, UserRole

LOG_PER_PAGE = 50


@dataclass(frozen=True)
class LogFilter:
    moderator: User | None = None
    action: str | None = None
    condition: Condition | None = None
    subject: User | None = None

    def as_arguments(self) -> dict[str, str]:
        """The filter as the log's address carries it, for links to other pages."""
        arguments = {
            "moderator": self.moderator.username if self.moderator else None,
            "action": self.action,
            "condition": self.condition.slug if self.condition else None,
        }
        return {name: value for name, value in arguments.items() if value}


def load_log(log_filter: LogFilter, page: int, per_page: int = LOG_PER_PAGE) -> Pagination:
    """Return one page of audit entries with who acted, on what, about whom."""
    query = select(ModerationEvent).options(
        joinedload(ModerationEvent.actor),
        joinedload(ModerationEvent.subject),
        joinedload(ModerationEvent.condition),
        joinedload(ModerationEvent.post).joinedload(Post.question),
        joinedload(ModerationEvent.question).joinedload(Question.condition),
    )
    if log_filter.moderator is not None:
        query = query.where(ModerationEvent.actor_id == log_filter.moderator.id)
    if log_filter.action is not None:
        query = query.where(ModerationEvent.action == log_filter.action)
    if log_filter.condition is not None:
        query = query.where(ModerationEvent.condition_id == log_filter.condition.id)
    if log_filter.subject is not None:
        query = query.where(ModerationEvent.subject_user_id == log_filter.subject.id)
    query = query.order_by(ModerationEvent.created_at.desc(), ModerationEvent.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def list_moderators() -> list[User]:
    """Everyone who may moderate: moderators and admins."""
    moderating = select(UserRole.user_id).where(UserRole.role.in_((Role.MODERATOR, Role.ADMIN)))
    return list(
        db.session.scalars(select(User).where(User.id.in_(moderating)).order_by(User.username_key))
    )

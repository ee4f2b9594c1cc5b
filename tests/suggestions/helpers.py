"""Suggested-question test helpers: a condition, its members and its editors."""

from flask import Flask
from sqlalchemy import func, select

from community.accounts.services import find_by_username
from community.extensions import db
from community.models import Condition, QuestionSuggestion, Role
from community.moderation import suspensions
from community.suggestions import services
from tests.factories import make_condition, make_member, make_question, make_user

SUGGEST = "/conditions/asthma/suggest"
WORDING = "Does cold weather make it worse?"


def make_desk(app: Flask) -> dict[str, int]:
    """Asthma with one question; a member, an unverified and a suspended member, two
    editors, a reviewer, a moderator and an admin."""
    condition = make_condition(app)
    make_question(app, condition)
    ids = {
        "member": make_member(app, condition),
        "other": make_user(app, "other"),
        "unverified": make_user(app, "unverified", verified=False),
        "suspended": make_user(app, "suspended"),
        "editor": make_user(app, "editor", roles=(Role.EDITOR,)),
        "second_editor": make_user(app, "second_editor", roles=(Role.EDITOR,)),
        "reviewer": make_user(app, "reviewer", roles=(Role.REVIEWER,)),
        "moderator": make_user(app, "moderator", roles=(Role.MODERATOR,)),
        "admin": make_user(app, "admin", roles=(Role.ADMIN,)),
    }
    with app.app_context():
        suspensions.suspend(
            find_by_username("moderator"), find_by_username("suspended"), "Spam.", None
        )
        db.session.commit()
    return {"condition": condition, **ids}


def suggested(app: Flask, username: str = "member", title: str = WORDING) -> int:
    """A pending suggestion of ``username``'s, stored as the page stores it."""
    with app.app_context():
        condition = db.session.scalar(select(Condition).where(Condition.slug == "asthma"))
        suggestion = services.suggest(find_by_username(username), condition, title)
        db.session.commit()
        return suggestion.id


def suggestion_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(QuestionSuggestion))


def load(app: Flask, suggestion_id: int) -> QuestionSuggestion:
    with app.app_context():
        row = db.session.get(QuestionSuggestion, suggestion_id)
        db.session.expunge(row)
        return row

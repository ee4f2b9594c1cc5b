"""Editorial test helpers: editors, reviewers with profiles, revisions in each state."""

from dataclasses import dataclass

from flask import Flask

from community.accounts.services import find_by_username
from community.editorial import services
from community.editorial.reviewers import save_reviewer_profile
from community.editorial.sources import Source
from community.extensions import db
from community.models import Question, Role
from tests.factories import make_condition, make_question, make_user

TEXT = services.RevisionText(
    short_answer="Asthma narrows the airways.",
    body_markdown="Airways **swell** and tighten when triggered.",
    sources=(Source("MedlinePlus: Asthma", "https://medlineplus.gov/asthma.html", "NLM", "2024"),),
    change_note="First version.",
)
QUESTION_PATH = "/conditions/asthma/questions/what-causes-it"


@dataclass(frozen=True)
class Desk:
    question_id: int
    editor: int
    reviewer: int
    other_reviewer: int


def make_reviewer(app: Flask, username: str, full_name: str, profile: bool = True) -> int:
    user_id = make_user(app, username, roles=(Role.REVIEWER,))
    if profile:
        with app.app_context():
            save_reviewer_profile(
                find_by_username(username),
                full_name=full_name,
                credentials="MD, Respiratory Medicine",
                specialty="Respiratory medicine",
            )
            db.session.commit()
    return user_id


def make_desk(app: Flask) -> Desk:
    """Asthma with a question, an editor, and two reviewers with profiles."""
    question_id = make_question(app, make_condition(app))
    editor = make_user(app, "editor", roles=(Role.EDITOR,))
    reviewer = make_reviewer(app, "reviewer", "Dr. Ada Example")
    other = make_reviewer(app, "second_reviewer", "Dr. Ben Second")
    return Desk(question_id, editor, reviewer, other)


def write_revision(
    app: Flask,
    question_id: int,
    username: str = "editor",
    text: services.RevisionText = TEXT,
    submit: bool = True,
) -> int:
    with app.app_context():
        question = db.session.get(Question, question_id)
        revision = services.save_revision(find_by_username(username), question, text, submit=submit)
        db.session.commit()
        return revision.id


def sign_off(app: Flask, revision_id: int, username: str = "reviewer") -> None:
    with app.app_context():
        revision = services.get_revision(revision_id)
        services.sign_off(find_by_username(username), revision, revision.fingerprint, None)
        db.session.commit()

"""A member's suggestions are in their export and go with their account."""

from sqlalchemy import select

from community.accounts.services import find_by_username
from community.editorial import suggestions as answers
from community.extensions import db
from community.models import ModerationEvent, Notification, QuestionSuggestion
from community.suggestions.services import get_suggestion
from tests.factories import PASSWORD
from tests.suggestions.helpers import WORDING, make_desk, suggested
from tests.web import client_as, post_form

REASON = "Out of scope for this community."


def _declined(app) -> int:
    suggestion_id = suggested(app)
    with app.app_context():
        answers.decline(find_by_username("editor"), get_suggestion(suggestion_id), REASON)
        db.session.commit()
    return suggestion_id


def test_export_has_the_members_suggestions_and_the_answers(app):
    make_desk(app)
    suggestion_id = _declined(app)
    suggested(app, title="Is swimming good for it?")

    document = client_as(app, "member").get("/account/export").get_json()

    exported = document["questions_suggested"]
    assert [each["question"] for each in exported] == [WORDING, "Is swimming good for it?"]
    assert exported[0]["state"] == "declined" and exported[0]["decline_reason"] == REASON
    assert exported[0]["condition"] == "Asthma" and exported[1]["state"] == "pending"
    assert [each["suggestion"] for each in document["notifications"]] == [suggestion_id]
    others = client_as(app, "other").get("/account/export").get_json()
    assert others["questions_suggested"] == []


def test_deleting_the_account_removes_its_suggestions_and_what_it_was_told(app):
    make_desk(app)
    _declined(app)
    suggested(app, username="other")
    client = client_as(app, "member")

    response = post_form(
        client, "/account/delete", {"posts": "remove", "password": PASSWORD}, "/account/delete"
    )

    assert response.status_code == 303
    with app.app_context():
        authors = db.session.scalars(select(QuestionSuggestion.author_id)).all()
        assert authors == [find_by_username("other").id]
        assert db.session.scalars(select(Notification)).all() == []
        # The audit log keeps the editor's answer, no longer naming the member.
        [event] = db.session.scalars(
            select(ModerationEvent).where(ModerationEvent.action == "decline_question_suggestion")
        )
        assert event.subject_user_id is None and event.reason == REASON

"""Members suggest questions: who may, what is refused, and what they are told."""

import pytest
from sqlalchemy import select

from community.accounts.services import find_by_username
from community.extensions import db
from community.models import Condition, QuestionSuggestion, SuggestionState
from community.suggestions import services
from community.suggestions.lifecycle import SuggestionRefused
from tests.suggestions.helpers import SUGGEST, WORDING, make_desk, suggested, suggestion_count
from tests.web import client_as, post_form


def test_member_suggests_a_question_and_is_told_what_happens_next(app):
    make_desk(app)
    client = client_as(app, "member")
    condition_page = client.get("/conditions/asthma").text
    assert f'href="{SUGGEST}">Suggest a question</a>' in condition_page
    page = client.get(SUGGEST)
    assert page.status_code == 200
    assert "Your question" in page.text and "Send suggestion" in page.text

    response = post_form(client, SUGGEST, {"title": f"  {WORDING}  "}, SUGGEST)

    assert response.status_code == 303
    assert response.headers["Location"].endswith("/conditions/asthma")
    confirmation = client.get("/conditions/asthma").text
    assert "is with the editors" in confirmation and "you will be told" in confirmation
    with app.app_context():
        [row] = db.session.scalars(select(QuestionSuggestion))
        assert (row.title, row.state) == (WORDING, SuggestionState.PENDING)
        assert row.author_id == find_by_username("member").id


def test_visitor_is_sent_to_log_in(app):
    make_desk(app)
    client = app.test_client()
    assert "Suggest a question" not in client.get("/conditions/asthma").text
    response = client.get(SUGGEST)
    assert response.status_code == 302
    assert "/auth/login?next=" in response.headers["Location"]
    token_page = client.get("/auth/login").text
    assert "csrf_token" in token_page
    assert post_form(client, SUGGEST, {"title": WORDING}).status_code == 302
    assert suggestion_count(app) == 0


@pytest.mark.parametrize("username", ["unverified", "suspended"])
def test_unverified_or_suspended_member_cannot_suggest(app, username):
    make_desk(app)
    client = client_as(app, username)
    assert "Suggest a question" not in client.get("/conditions/asthma").text
    page = client.get(SUGGEST)
    assert page.status_code == 403
    assert "Send suggestion" not in page.text
    assert "suggest" in page.text and 'role="alert"' in page.text
    assert post_form(client, SUGGEST, {"title": WORDING}, "/auth/login").status_code == 403
    assert suggestion_count(app) == 0


@pytest.mark.parametrize("username", ["unverified", "suspended"])
def test_the_service_refuses_members_who_may_not_write(app, username):
    make_desk(app)
    with app.app_context():
        condition = db.session.scalar(select(Condition))
        with pytest.raises(SuggestionRefused) as refused:
            services.suggest(find_by_username(username), condition, WORDING)
        assert refused.value.status == 403


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "Write the question you would like answered."),
        ("Why?", "Write between 10 and 300 characters."),
        ("Why " * 80, "Write between 10 and 300 characters."),
        ("what   causes IT?", "Asthma already has this question: “What causes it?”"),
        (WORDING.upper(), "You have already suggested this question; an editor will answer it."),
    ],
    ids=["empty", "too short", "too long", "an existing question", "already suggested"],
)
def test_bad_suggestion_is_refused_with_a_message_and_nothing_stored(app, title, message):
    make_desk(app)
    suggested(app)
    client = client_as(app, "member")

    response = post_form(client, SUGGEST, {"title": title}, SUGGEST)

    assert response.status_code == 400
    assert message in response.text
    assert 'role="alert"' in response.text
    assert suggestion_count(app) == 1


def test_another_member_may_suggest_what_one_already_suggested(app):
    make_desk(app)
    suggested(app)
    response = post_form(client_as(app, "other"), SUGGEST, {"title": WORDING}, SUGGEST)
    assert response.status_code == 303
    assert suggestion_count(app) == 2


def test_unknown_condition_is_not_found(app):
    make_desk(app)
    assert client_as(app, "member").get("/conditions/nowhere/suggest").status_code == 404

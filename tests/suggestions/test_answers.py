"""Editors answer suggested questions: accept (the question opens at once) or decline with
a reason the member reads; each answer is taken once, logged, and told to the member."""

import pytest
from sqlalchemy import select, update

from community.accounts.notifications_page import sentence_of
from community.accounts.services import find_by_username
from community.editorial import suggestions as answers
from community.extensions import db
from community.mail.services import set_mail_choice
from community.models import (
    MailChoice,
    ModerationEvent,
    Notification,
    OutboxMessage,
    Question,
    QuestionSuggestion,
    SuggestionState,
    User,
)
from community.notifications.services import send_digests
from community.suggestions.lifecycle import SuggestionRefused
from community.suggestions.services import get_suggestion
from tests.suggestions.helpers import WORDING, load, make_desk, suggested
from tests.web import client_as, post_form

DASHBOARD = "/editorial/"
REASON = "We already answer this under “What causes it?”."


def _accept(client, suggestion_id: int, title: str = WORDING):
    data = {f"suggestion-{suggestion_id}-title": title}
    return post_form(client, f"/editorial/suggestions/{suggestion_id}/accept", data, DASHBOARD)


def _decline(client, suggestion_id: int, reason: str = REASON):
    data = {f"suggestion-{suggestion_id}-reason": reason}
    return post_form(client, f"/editorial/suggestions/{suggestion_id}/decline", data, DASHBOARD)


def test_dashboard_lists_suggested_questions_by_condition_with_their_count(app):
    make_desk(app)
    suggested(app)
    page = client_as(app, "editor").get(DASHBOARD).text
    assert '<a href="#suggested-questions">Suggested questions</a>: <strong>1</strong>' in page
    section = page[page.index('id="suggested-questions"') :]
    assert "<h3>Asthma</h3>" in section and f"“{WORDING}”" in section
    assert "suggested by member" in section
    assert ">Accept</button>" in section or 'value="Accept"' in section


def test_reviewers_see_suggestions_but_are_offered_no_answer(app):
    make_desk(app)
    suggested(app)
    page = client_as(app, "reviewer").get(DASHBOARD).text
    assert f"“{WORDING}”" in page
    assert "/accept" not in page and "/decline" not in page


def test_editor_accepts_in_their_wording_and_the_question_takes_experiences(app):
    make_desk(app)
    suggestion_id = suggested(app)
    wording = "Does cold weather make asthma worse?"

    response = _accept(client_as(app, "editor"), suggestion_id, f" {wording} ")

    assert response.status_code == 303
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.title == wording))
        assert question is not None
        row = db.session.get(QuestionSuggestion, suggestion_id)
        assert (row.state, row.question_id) == (SuggestionState.ACCEPTED, question.id)
        assert row.decided_by_id == find_by_username("editor").id
        [event] = db.session.scalars(
            select(ModerationEvent).where(ModerationEvent.action == "accept_question_suggestion")
        )
        assert event.actor_id == find_by_username("editor").id and event.created_at
        assert (event.text_before, event.text_after) == (WORDING, wording)
        assert event.question_id == question.id
        path = f"/conditions/asthma/questions/{question.slug}"
    assert response.headers["Location"].endswith(f"/editorial/questions/{question.id}/summary")
    member = client_as(app, "member")
    assert member.get(path).status_code == 200
    shared = post_form(member, f"{path}/experiences", {"body": "Cold air, every time."}, path)
    assert shared.status_code == 303


def test_decline_reason_is_read_by_the_member_and_nobody_else(app):
    make_desk(app)
    suggestion_id = suggested(app)

    response = _decline(client_as(app, "editor"), suggestion_id)

    assert response.status_code == 303
    own = client_as(app, "member").get("/account").text
    assert f"“{WORDING}”" in own and "Declined" in own and REASON in own
    for other in ("other", "editor", "moderator"):
        assert REASON not in client_as(app, other).get("/account").text
    assert REASON not in app.test_client().get("/conditions/asthma").text
    assert REASON not in client_as(app, "other").get("/members/member").text
    with app.app_context():
        [event] = db.session.scalars(
            select(ModerationEvent).where(ModerationEvent.action == "decline_question_suggestion")
        )
        assert (event.actor_id, event.reason) == (find_by_username("editor").id, REASON)
        assert event.subject_user_id == find_by_username("member").id
        assert event.condition_id is not None and event.created_at


def test_member_sees_their_pending_and_accepted_suggestions_on_account(app):
    make_desk(app)
    pending = suggested(app, title="Is swimming good for it?")
    accepted = suggested(app)
    _accept(client_as(app, "editor"), accepted)
    own = client_as(app, "member").get("/account").text
    assert "Is swimming good for it?" in own and "Waiting for an editor" in own
    assert 'href="/conditions/asthma/questions/does-cold-weather-make-it-worse"' in own
    assert load(app, pending).state is SuggestionState.PENDING


@pytest.mark.parametrize("username", ["member", "reviewer", "moderator", "admin"])
def test_only_editors_answer(app, username):
    make_desk(app)
    suggestion_id = suggested(app)
    client = client_as(app, username)
    assert _accept(client, suggestion_id).status_code == 403
    assert _decline(client, suggestion_id).status_code == 403
    assert load(app, suggestion_id).state is SuggestionState.PENDING


@pytest.mark.parametrize("username", ["reviewer", "admin", "member"])
def test_the_service_refuses_anyone_but_an_editor(app, username):
    make_desk(app)
    suggestion_id = suggested(app)
    with app.app_context():
        found = get_suggestion(suggestion_id)
        with pytest.raises(SuggestionRefused) as refused:
            answers.decline(find_by_username(username), found, REASON)
        assert refused.value.status == 403


def test_second_editor_to_answer_gets_a_conflict_and_changes_nothing(app):
    make_desk(app)
    suggestion_id = suggested(app)
    first, second = client_as(app, "editor"), client_as(app, "second_editor")
    assert "/decline" in second.get(DASHBOARD).text

    assert _accept(first, suggestion_id).status_code == 303
    late = _decline(second, suggestion_id)

    assert late.status_code == 409
    assert "Another editor answered it first" in late.text
    row = load(app, suggestion_id)
    assert (row.state, row.decline_reason) == (SuggestionState.ACCEPTED, None)
    again = _accept(second, suggestion_id, "Does cold weather make it worse, really?")
    assert again.status_code == 409
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Question)) == 2


def test_an_answer_to_a_suggestion_changed_since_it_was_read_is_refused(app):
    """Compare-and-set: the stored state decides, not the one the editor's request read."""
    make_desk(app)
    suggestion_id = suggested(app)
    with app.app_context():
        found = get_suggestion(suggestion_id)
        # Another editor's answer lands between reading the suggestion and answering it.
        db.session.execute(
            update(QuestionSuggestion)
            .where(QuestionSuggestion.id == suggestion_id)
            .values(state=SuggestionState.DECLINED, decline_reason="Out of scope.")
            .execution_options(synchronize_session=False)
        )
        assert found.state is SuggestionState.PENDING
        with pytest.raises(SuggestionRefused) as refused:
            answers.decline(find_by_username("second_editor"), found, REASON)
        assert refused.value.status == 409
        row = db.session.get(QuestionSuggestion, suggestion_id)
        db.session.refresh(row)
        assert row.decline_reason == "Out of scope."


@pytest.mark.parametrize(
    ("send", "value", "message"),
    [
        (_decline, "   ", "Say why; the member reads your reason."),
        (_decline, "x" * 1001, "At most 1,000 characters."),
        (_accept, "", "Write the question."),
        (_accept, "What causes it?", "Asthma already has a question at this address"),
    ],
    ids=["no reason", "reason too long", "no question", "question exists"],
)
def test_bad_answer_is_refused_and_changes_nothing(app, send, value, message):
    make_desk(app)
    suggestion_id = suggested(app)

    response = send(client_as(app, "editor"), suggestion_id, value)

    assert response.status_code == 400
    assert message in response.text
    row = load(app, suggestion_id)
    assert (row.state, row.question_id, row.decline_reason) == (SuggestionState.PENDING, None, None)
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Question)) == 1
        assert db.session.scalar(select(db.func.count()).select_from(Notification)) == 0


def test_unknown_suggestion_is_not_found(app):
    make_desk(app)
    assert _decline(client_as(app, "editor"), 999).status_code == 404


# Notifications


def _choose(app, choice: MailChoice) -> None:
    with app.app_context():
        set_mail_choice(find_by_username("member"), "suggestion", choice)
        db.session.commit()


def _told(app) -> tuple[list[Notification], list[OutboxMessage]]:
    with app.app_context():
        member = find_by_username("member")
        told = list(
            db.session.scalars(select(Notification).where(Notification.recipient_id == member.id))
        )
        mailed = list(
            db.session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.user_id == member.id, OutboxMessage.kind == "suggestion"
                )
            )
        )
        db.session.expunge_all()
        return told, mailed


def test_member_is_told_and_mailed_at_once_of_a_decline(app):
    make_desk(app)
    suggestion_id = suggested(app)
    _decline(client_as(app, "editor"), suggestion_id)

    [notification], [mail] = _told(app)

    assert (notification.kind, notification.suggestion_id) == ("suggestion", suggestion_id)
    assert notification.mailed_at is not None
    assert "declined the question you suggested" in mail.subject
    assert REASON in mail.text_body and "/account" in mail.text_body
    member = client_as(app, "member")
    listing = member.get("/account/notifications").text
    assert "An editor declined the question you suggested" in listing
    opened = member.get(f"/account/notifications/{notification.id}")
    assert opened.headers["Location"] == "/account#your-suggestions"


def test_member_is_told_of_an_acceptance_with_a_link_to_the_question(app):
    make_desk(app)
    _accept(client_as(app, "editor"), suggested(app))
    [notification], [mail] = _told(app)
    assert "accepted the question you suggested" in mail.subject
    assert "/conditions/asthma/questions/does-cold-weather-make-it-worse" in mail.text_body
    opened = client_as(app, "member").get(f"/account/notifications/{notification.id}")
    assert (
        opened.headers["Location"] == "/conditions/asthma/questions/does-cold-weather-make-it-worse"
    )


def test_member_who_chose_a_daily_digest_is_told_in_the_site_and_mailed_later(app):
    make_desk(app)
    _choose(app, MailChoice.DAILY)
    _decline(client_as(app, "editor"), suggested(app))
    [notification], mailed = _told(app)
    assert mailed == [] and notification.mailed_at is None


def test_member_who_chose_never_is_told_in_the_site_only(app):
    make_desk(app)
    _choose(app, MailChoice.NEVER)
    _decline(client_as(app, "editor"), suggested(app))
    [notification], mailed = _told(app)
    assert mailed == [] and notification.mailed_at is not None


def test_nobody_else_is_told(app):
    make_desk(app)
    _decline(client_as(app, "editor"), suggested(app))
    with app.app_context():
        others = db.session.scalars(
            select(Notification.recipient_id).where(
                Notification.recipient_id != find_by_username("member").id
            )
        ).all()
        assert others == [] and db.session.get(User, 1) is not None


def test_daily_digest_tells_of_the_answer_with_its_reason(app):
    make_desk(app)
    _choose(app, MailChoice.DAILY)
    _decline(client_as(app, "editor"), suggested(app))
    with app.test_request_context():
        assert send_digests(sentence_of) == 1
        db.session.commit()
        [digest] = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.to_address == "member@example.org")
        ).all()
        assert f"An editor declined the question you suggested, “{WORDING}”" in digest.text_body
        assert REASON in digest.text_body

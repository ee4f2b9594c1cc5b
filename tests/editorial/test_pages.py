"""The editorial pages, driven like a browser: real log-ins, real CSRF tokens."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from community.editorial import services
from community.extensions import db
from community.models import ModerationEvent, Question, RevisionState, Role, SummaryRevision
from tests.editorial.helpers import (
    QUESTION_PATH,
    make_desk,
    make_reviewer,
    sign_off,
    write_revision,
)
from tests.factories import make_user
from tests.web import client_as, csrf_token

SUMMARY_FORM = {
    "short_answer": "Asthma narrows the airways.",
    "body": "Airways **swell** when triggered.",
    "sources": "MedlinePlus | NLM | 2024 | https://medlineplus.gov/asthma.html | 2026-11-01",
    "change_note": "First version.",
}


def _post(client, url: str, data: dict, page: str):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, page)})


def _summary_url(question_id: int) -> str:
    return f"/editorial/questions/{question_id}/summary"


def _counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Question, SummaryRevision, ModerationEvent)
        )


def _fingerprint(html: str) -> str:
    return re.search(r'name="fingerprint" type="hidden" value="([0-9a-f]+)"', html).group(1)


def test_a_member_cannot_reach_the_editorial_pages(app):
    make_desk(app)
    make_user(app, "member")
    member = client_as(app, "member")
    for path in ("/editorial/", "/editorial/questions/new", _summary_url(1)):
        assert member.get(path).status_code == 403
    assert app.test_client().get("/editorial/").status_code == 302


def test_editor_creates_a_question_and_its_summary_waits_for_review(app):
    desk = make_desk(app)
    editor = client_as(app, "editor")
    page = "/editorial/questions/new"
    response = _post(
        editor, page, {"condition": "asthma", "title": "Can exercise trigger it?"}, page
    )
    assert response.status_code == 303
    summary_url = response.headers["Location"]
    assert editor.get(summary_url).status_code == 200

    preview = _post(editor, summary_url, {**SUMMARY_FORM, "preview": "Preview"}, summary_url)
    assert preview.status_code == 200
    assert "<strong>swell</strong>" in preview.text
    assert _counts(app)[1] == 0

    saved = _post(editor, summary_url, {**SUMMARY_FORM, "submit": "Submit for review"}, summary_url)
    assert saved.status_code == 303
    revision_page = editor.get(saved.headers["Location"]).text
    assert "Awaiting review" in revision_page
    assert "<ins>" in revision_page
    public = app.test_client().get("/conditions/asthma/questions/can-exercise-trigger-it").text
    assert "No reviewed summary yet" in public
    assert desk  # the desk's question is untouched


def test_a_new_question_goes_after_the_conditions_others(app):
    make_desk(app)
    editor = client_as(app, "editor")
    page = "/editorial/questions/new"
    for title in ("Can exercise trigger it?", "Does it pass with age?"):
        assert _post(editor, page, {"condition": "asthma", "title": title}, page).status_code == 303
    with app.app_context():
        positions = db.session.execute(
            select(Question.title, Question.position).order_by(Question.id)
        ).all()
    first = positions[0].position
    assert [tuple(row) for row in positions[1:]] == [
        ("Can exercise trigger it?", first + 1),
        ("Does it pass with age?", first + 2),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"condition": "nowhere", "title": "Why?"}, "Choose a condition from the list."),
        ({"condition": "asthma", "title": "What causes it?"}, "already has a question"),
        ({"condition": "asthma", "title": "   "}, "Write the question."),
    ],
)
def test_bad_question_is_refused_and_nothing_changes(app, data, message):
    make_desk(app)
    before = _counts(app)
    editor = client_as(app, "editor")
    page = "/editorial/questions/new"
    response = _post(editor, page, data, page)
    assert response.status_code == 400
    assert message in response.text
    assert _counts(app) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sources": "Bad | javascript:alert(1)"}, "Source 1 must have an http or https"),
        ({"sources": "Title | NLM | 2024 | https://x.org | yesterday"}, "written YYYY-MM-DD"),
        ({"sources": "Just a title"}, "Source 1 must be written as"),
        ({"short_answer": "  "}, "Write the short answer."),
        ({"change_note": ""}, "Say what changed and why"),
    ],
)
def test_bad_summary_is_refused_and_nothing_changes(app, changes, message):
    desk = make_desk(app)
    before = _counts(app)
    editor = client_as(app, "editor")
    url = _summary_url(desk.question_id)
    response = _post(editor, url, {**SUMMARY_FORM, **changes, "submit": "Submit for review"}, url)
    assert response.status_code == 400
    assert message in response.text
    assert _counts(app) == before


def test_reviewer_signs_off_from_the_revision_page(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    reviewer = client_as(app, "reviewer")
    page = f"/editorial/revisions/{revision}"
    html = reviewer.get(page).text
    assert "Sign off" in html and "Request changes" in html
    response = _post(
        reviewer,
        page + "/sign-off",
        {"fingerprint": _fingerprint(html), "next_review_due": "2099-01-31"},
        page,
    )
    assert response.status_code == 303
    public = app.test_client().get(QUESTION_PATH).text
    assert "Medically reviewed by Dr. Ada Example" in public
    assert 'Next review due <time datetime="2099-01-31">31 January 2099</time>' in public


def test_sign_off_with_a_badly_written_date_is_refused(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    reviewer = client_as(app, "reviewer")
    page = f"/editorial/revisions/{revision}"
    fingerprint = _fingerprint(reviewer.get(page).text)
    response = _post(
        reviewer,
        page + "/sign-off",
        {"fingerprint": fingerprint, "next_review_due": "31/01/2099"},
        page,
    )
    assert response.status_code == 400
    assert "Enter the date as YYYY-MM-DD" in response.text
    with app.app_context():
        assert db.session.get(SummaryRevision, revision).state is RevisionState.SUBMITTED


def test_sign_off_of_a_revision_changed_since_it_was_read_gets_409(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    reviewer = client_as(app, "reviewer")
    page = f"/editorial/revisions/{revision}"
    fingerprint = _fingerprint(reviewer.get(page).text)
    editor = client_as(app, "editor")
    url = _summary_url(desk.question_id)
    version = re.search(r'name="version" type="hidden" value="([0-9a-f]*)"', editor.get(url).text)
    changed = {**SUMMARY_FORM, "body": "Changed.", "version": version.group(1)}
    edited = _post(editor, url, {**changed, "submit": "Submit for review"}, url)
    assert edited.status_code == 303

    response = _post(
        reviewer,
        page + "/sign-off",
        {"fingerprint": fingerprint, "next_review_due": "2099-01-31"},
        page,
    )
    assert response.status_code == 409
    assert "changed after you opened it" in response.text
    assert "No reviewed summary yet" in app.test_client().get(QUESTION_PATH).text


def test_an_editor_cannot_sign_off(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    editor = client_as(app, "editor")
    page = f"/editorial/revisions/{revision}"
    assert "Sign off" not in editor.get(page).text
    response = _post(
        editor, page + "/sign-off", {"fingerprint": "x", "next_review_due": "2099-01-31"}, page
    )
    assert response.status_code == 403


def test_saving_over_a_draft_changed_by_someone_else_is_refused(app):
    desk = make_desk(app)
    write_revision(app, desk.question_id, submit=False)
    editor = client_as(app, "editor")
    url = _summary_url(desk.question_id)
    before = _counts(app)
    # Opened before the draft existed: the page carried an empty version.
    response = _post(editor, url, {**SUMMARY_FORM, "version": "", "save": "Save draft"}, url)
    assert response.status_code == 409
    assert "Someone changed this draft" in response.text
    assert _counts(app) == before


def test_dashboard_counts_revisions_by_state_and_reviews_falling_due(app):
    desk = make_desk(app)
    sign_off(app, write_revision(app, desk.question_id))
    with app.app_context():
        published = services.published_revision(desk.question_id)
        published.next_review_due = services.today() - timedelta(days=3)
        db.session.commit()
    write_revision(app, desk.question_id, submit=True)
    html = client_as(app, "reviewer").get("/editorial/").text
    assert '<a href="#awaiting-review">Awaiting review</a>: <strong>1</strong>' in html
    assert '<a href="#overdue">Overdue for review</a>: <strong>1</strong>' in html
    assert '<a href="#drafts">Drafts</a>: <strong>0</strong>' in html
    assert "<h3>Asthma</h3>" in html


def test_editorial_actions_show_in_the_audit_log(app):
    desk = make_desk(app)
    make_user(app, "moderator", roles=(Role.MODERATOR,))
    write_revision(app, desk.question_id)
    html = client_as(app, "moderator").get("/moderation/log").text
    assert "Submitted a summary for review" in html
    assert "“What causes it?”" in html


def test_a_reviewer_without_a_profile_is_told_why_they_cannot_sign_off(app):
    desk = make_desk(app)
    make_reviewer(app, "no_profile", "", profile=False)
    revision = write_revision(app, desk.question_id)
    reviewer = client_as(app, "no_profile")
    page = f"/editorial/revisions/{revision}"
    html = reviewer.get(page).text
    assert "You need a reviewer profile" in html
    assert 'value="Sign off"' not in html
    with app.app_context():
        fingerprint = services.get_revision(revision).fingerprint
    response = _post(
        reviewer,
        page + "/sign-off",
        {"fingerprint": fingerprint, "next_review_due": "2099-01-31"},
        page,
    )
    assert response.status_code == 403
    assert "You need a reviewer profile" in response.text
    assert "No reviewed summary yet" in app.test_client().get(QUESTION_PATH).text


def test_unknown_question_and_revision_are_not_found(app):
    make_desk(app)
    editor = client_as(app, "editor")
    assert editor.get(_summary_url(999)).status_code == 404
    assert editor.get("/editorial/revisions/999").status_code == 404

"""The rules of medical review: only a sign-off by someone else publishes exactly what they read."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from community.accounts.services import find_by_username
from community.editorial import services
from community.editorial.lifecycle import (
    LIFECYCLE,
    RevisionAction,
    RevisionRefused,
    available_actions,
)
from community.extensions import db
from community.models import ModerationEvent, Question, RevisionState, Role, SummaryRevision
from tests.editorial.helpers import (
    QUESTION_PATH,
    TEXT,
    make_desk,
    make_reviewer,
    sign_off,
    write_revision,
)
from tests.factories import make_user
from tests.interleaving import interleave


def _state(app, revision_id: int) -> RevisionState:
    with app.app_context():
        return db.session.get(SummaryRevision, revision_id).state


def test_unsigned_revisions_are_never_shown_as_reviewed(app, client):
    desk = make_desk(app)
    write_revision(app, desk.question_id, submit=False)
    html = client.get(QUESTION_PATH).text
    assert "No reviewed summary yet" in html
    assert "Medically reviewed" not in html
    assert TEXT.short_answer not in html

    revision = write_revision(app, desk.question_id, submit=True)
    html = client.get(QUESTION_PATH).text
    assert "No reviewed summary yet" in html and TEXT.short_answer not in html

    sign_off(app, revision)
    html = client.get(QUESTION_PATH).text
    assert TEXT.short_answer in html
    assert "Medically reviewed by Dr. Ada Example, MD, Respiratory Medicine on" in html
    assert "No reviewed summary yet" not in html


def test_a_published_row_without_a_reviewer_is_refused_by_the_database(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    with app.app_context():
        db.session.get(SummaryRevision, revision).state = RevisionState.PUBLISHED
        with pytest.raises(Exception, match="published_is_signed"):
            db.session.commit()
        db.session.rollback()


def test_author_cannot_sign_off_own_revision(app):
    desk = make_desk(app)
    with app.app_context():
        user = find_by_username("reviewer")
        user.roles  # noqa: B018  (loads the grants before adding one)
        from community.models import UserRole

        db.session.add(UserRole(user_id=user.id, role=Role.EDITOR))
        db.session.commit()
    revision = write_revision(app, desk.question_id, username="reviewer")
    with app.app_context():
        found = services.get_revision(revision)
        reviewer = find_by_username("reviewer")
        assert RevisionAction.SIGN_OFF not in available_actions(reviewer, found)
        with pytest.raises(RevisionRefused) as refused:
            services.sign_off(reviewer, found, found.fingerprint, None)
        assert refused.value.status == 403
    assert _state(app, revision) is RevisionState.SUBMITTED


def test_a_reviewer_who_edited_a_revision_another_editor_wrote_cannot_sign_it_off(app):
    desk = make_desk(app)
    with app.app_context():
        from community.models import UserRole

        db.session.add(UserRole(user_id=desk.reviewer, role=Role.EDITOR))
        db.session.commit()
    write_revision(app, desk.question_id, username="reviewer", submit=False)
    # Another editor finishes it and submits: the reviewer still wrote part of it.
    revision = write_revision(app, desk.question_id, username="editor")
    with app.app_context():
        found = services.get_revision(revision)
        with pytest.raises(RevisionRefused, match="You wrote part of this revision"):
            services.sign_off(find_by_username("reviewer"), found, found.fingerprint, None)


def test_editing_a_submitted_revision_needs_a_new_submission(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    with app.app_context():
        seen = services.get_revision(revision).fingerprint
    changed = services.RevisionText(
        TEXT.short_answer, "A different body.", TEXT.sources, TEXT.change_note
    )
    assert write_revision(app, desk.question_id, text=changed, submit=False) == revision
    assert _state(app, revision) is RevisionState.DRAFT
    with app.app_context(), pytest.raises(RevisionRefused, match="it cannot be signed off"):
        services.sign_off(find_by_username("reviewer"), services.get_revision(revision), seen, None)


def test_sign_off_of_text_changed_since_it_was_read_is_refused(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    with app.app_context():
        seen = services.get_revision(revision).fingerprint
    changed = services.RevisionText(TEXT.short_answer, "Changed.", TEXT.sources, "Again.")
    write_revision(app, desk.question_id, text=changed, submit=True)
    with app.app_context():
        with pytest.raises(RevisionRefused) as refused:
            services.sign_off(
                find_by_username("reviewer"), services.get_revision(revision), seen, None
            )
        assert refused.value.status == 409
    assert _state(app, revision) is RevisionState.SUBMITTED


def test_reviewer_without_a_profile_cannot_sign_off(app):
    desk = make_desk(app)
    make_reviewer(app, "no_profile", "", profile=False)
    revision = write_revision(app, desk.question_id)
    with app.app_context():
        found = services.get_revision(revision)
        with pytest.raises(RevisionRefused, match="You need a reviewer profile") as refused:
            services.sign_off(find_by_username("no_profile"), found, found.fingerprint, None)
        assert refused.value.status == 403


def test_sign_off_records_reviewer_time_and_next_review_in_twelve_months(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    sign_off(app, revision)
    with app.app_context():
        found = services.get_revision(revision)
        today = services.today()
        assert found.state is RevisionState.PUBLISHED
        assert found.signed_off_by_id == desk.reviewer
        assert (found.reviewer_name, found.reviewed_on) == ("Dr. Ada Example", today)
        assert found.next_review_due == services.default_next_review(today)
        actions = db.session.scalars(
            select(ModerationEvent.action)
            .where(ModerationEvent.summary_revision_id == revision)
            .order_by(ModerationEvent.id)
        ).all()
        assert actions == ["submit_summary", "sign_off_summary"]


def test_a_next_review_date_not_after_today_is_refused(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    with app.app_context():
        found = services.get_revision(revision)
        with pytest.raises(RevisionRefused) as refused:
            services.sign_off(
                find_by_username("reviewer"), found, found.fingerprint, services.today()
            )
        assert refused.value.status == 400
    assert _state(app, revision) is RevisionState.SUBMITTED


def test_request_changes_returns_the_revision_with_the_reason(app):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    with app.app_context():
        found = services.get_revision(revision)
        services.request_changes(
            find_by_username("reviewer"), found, found.fingerprint, "Cite a guideline."
        )
        db.session.commit()
        assert found.state is LIFECYCLE[RevisionAction.REQUEST_CHANGES].to_state
        assert found.return_reason == "Cite a guideline."


def test_visitors_keep_the_published_text_while_a_new_revision_is_written(app, client):
    desk = make_desk(app)
    sign_off(app, write_revision(app, desk.question_id))
    changed = services.RevisionText("A newer answer.", "New body.", TEXT.sources, "Update.")
    write_revision(app, desk.question_id, text=changed, submit=True)
    html = client.get(QUESTION_PATH).text
    assert TEXT.short_answer in html and "A newer answer." not in html


def test_overdue_summary_shows_the_notice(app, client):
    desk = make_desk(app)
    revision = write_revision(app, desk.question_id)
    sign_off(app, revision)
    assert "This summary is due for medical review" not in client.get(QUESTION_PATH).text
    with app.app_context():
        found = db.session.get(SummaryRevision, revision)
        found.next_review_due = services.today() - timedelta(days=1)
        db.session.commit()
    assert "This summary is due for medical review" in client.get(QUESTION_PATH).text


def test_public_history_lists_published_revisions_only(app, client):
    desk = make_desk(app)
    sign_off(app, write_revision(app, desk.question_id))
    draft = services.RevisionText("Draft answer.", "Draft.", (), "Secret draft note.")
    write_revision(app, desk.question_id, text=draft, submit=False)
    html = client.get(QUESTION_PATH + "/history").text
    assert "First version." in html and "Dr. Ada Example" in html
    assert "Secret draft note." not in html


def test_member_and_unknown_editor_are_refused_by_the_lifecycle(app):
    desk = make_desk(app)
    make_user(app, "member")
    with app.app_context():
        question = db.session.get(Question, desk.question_id)
        with pytest.raises(RevisionRefused) as refused:
            services.save_revision(find_by_username("member"), question, TEXT, submit=False)
        assert refused.value.status == 403
    assert date.today()  # the clock is real: dates above are relative to it


def test_the_current_summary_other_pages_read_is_the_signed_off_one(app):
    from community.conditions.services import current_summary

    desk = make_desk(app)
    published = write_revision(app, desk.question_id)
    sign_off(app, published)
    draft = services.RevisionText("Unsigned.", "Unsigned.", (), "Draft.")
    write_revision(app, desk.question_id, text=draft, submit=False)
    with app.app_context():
        assert current_summary(db.session.get(Question, desk.question_id)).id == published


# Two editors saving the same summary, each on a connection of its own, as the summary
# page does: the working revision read first, then saved with the fingerprint of what the
# editor opened.


def _save_as_the_page_does(question_id: int, body: str, seen: str):
    def save():
        question = db.session.get(Question, question_id)
        # Held, as the page holds it: the session keeps what it loaded.
        opened = services.working_revision(question_id)
        text = services.RevisionText(TEXT.short_answer, body, TEXT.sources, "Mine.")
        editor = find_by_username("editor")
        saved = services.save_revision(editor, question, text, submit=False, seen=seen)
        assert opened is None or opened is saved
        return saved.id

    return save


@pytest.mark.fresh_database
def test_two_editors_saving_the_same_draft_at_once_never_overwrite_each_other(app):
    desk = make_desk(app)
    draft_id = write_revision(app, desk.question_id, submit=False)
    with app.app_context():
        opened = db.session.get(SummaryRevision, draft_id).fingerprint

    first, second = interleave(
        app,
        _save_as_the_page_does(desk.question_id, "The first editor's text.", opened),
        _save_as_the_page_does(desk.question_id, "The second editor's text.", opened),
    )

    assert first.value == draft_id
    assert isinstance(second.error, services.RevisionRefused)
    with app.app_context():
        assert db.session.get(SummaryRevision, draft_id).body_markdown == (
            "The first editor's text."
        )


@pytest.mark.fresh_database
def test_two_editors_starting_the_same_summary_at_once_make_one_draft(app):
    desk = make_desk(app)

    first, second = interleave(
        app,
        _save_as_the_page_does(desk.question_id, "The first editor's text.", ""),
        _save_as_the_page_does(desk.question_id, "The second editor's text.", ""),
    )

    assert first.error is None
    assert isinstance(second.error, services.RevisionRefused)
    with app.app_context():
        assert services.revision_history(desk.question_id) == [
            db.session.get(SummaryRevision, first.value)
        ]

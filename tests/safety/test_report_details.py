"""A report may say more than its reason: details, needed for "Other", read by moderators,
erased with the post's text."""

from sqlalchemy import select

from community.extensions import db
from community.models import Report, Role
from tests.factories import make_post, make_user
from tests.posts.conftest import QUESTION_URL
from tests.state import assert_changes_nothing
from tests.web import log_in, log_out, post_form


def _reports(app) -> list[tuple[str, str | None]]:
    with app.app_context():
        return [(r.reason.value, r.note) for r in db.session.scalars(select(Report))]


def test_report_details_are_stored_and_shown_to_moderators(app, client, community):
    make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    post_id = make_post(app, community.kestrel, question_id=community.question_id)
    log_in(client, "wren")
    page = client.get(QUESTION_URL).text
    assert f'<label for="report-details-{post_id}">Details</label>' in page

    response = post_form(
        client,
        f"/posts/{post_id}/report",
        {"reason": "other", "details": "  It names my neighbour.  "},
        QUESTION_URL,
    )

    assert response.status_code == 303
    assert _reports(app) == [("other", "It names my neighbour.")]
    log_out(client)
    log_in(client, "mod_ada")
    assert "It names my neighbour." in client.get(f"/moderation/posts/{post_id}").text


def test_other_needs_details(app, client, community):
    post_id = make_post(app, community.kestrel, question_id=community.question_id)
    log_in(client, "wren")
    assert_changes_nothing(
        app,
        lambda: post_form(
            client, f"/posts/{post_id}/report", {"reason": "other", "details": " "}, QUESTION_URL
        ),
        400,
        "the reason “Other” needs details",
    )


def test_details_are_optional_for_the_other_reasons(app, client, community):
    post_id = make_post(app, community.kestrel, question_id=community.question_id)
    log_in(client, "wren")
    post_form(client, f"/posts/{post_id}/report", {"reason": "spam"}, QUESTION_URL)
    assert _reports(app) == [("spam", None)]


def test_deleting_the_post_erases_the_details(app, client, community):
    post_id = make_post(app, community.kestrel, question_id=community.question_id)
    log_in(client, "wren")
    post_form(
        client,
        f"/posts/{post_id}/report",
        {"reason": "abuse", "details": "Quotes me."},
        QUESTION_URL,
    )
    log_out(client)
    log_in(client, "kestrel")
    post_form(client, f"/posts/{post_id}/delete", {}, f"/posts/{post_id}/edit")
    assert _reports(app) == [("abuse", None)]

"""The community guidelines: public at /guidelines, written by admins, linked where members
need them."""

from sqlalchemy import select

from community.extensions import db
from community.models import ModerationEvent, Post, Role
from community.posts.services import apply_action
from community.posts.states import PostAction
from tests.factories import make_post, make_user
from tests.posts.conftest import QUESTION_URL
from tests.state import assert_changes_nothing
from tests.web import log_in, post_form


def test_the_site_starts_with_guidelines_of_its_own(client):
    page = client.get("/guidelines").text
    assert "<h1>Community guidelines</h1>" in page
    for heading in (
        "Be kind",
        "Share your own experience",
        "No medical advice as fact",
        "Protect privacy",
        "No spam",
        "If you are in crisis",
    ):
        assert heading in page


def test_admins_edit_the_guidelines_in_markdown_sanitized_once(app, client):
    make_user(app, "root", roles=(Role.ADMIN,))
    log_in(client, "root")
    assert ">Guidelines</label>" in client.get("/admin/guidelines").text
    body = "## Be gentle\n\nAlways. <script>alert(1)</script>"

    response = post_form(client, "/admin/guidelines", {"body": body}, "/admin/guidelines")

    assert response.status_code == 303 and response.headers["Location"] == "/guidelines"
    page = client.get("/guidelines").text
    assert "<h2>Be gentle</h2>" in page and "<script>alert" not in page
    assert "Be kind" not in page
    with app.app_context():
        event = db.session.scalar(select(ModerationEvent))
        assert (event.action, event.text_after) == ("edit_guidelines", body)
        assert "## Be kind" in event.text_before


def test_empty_guidelines_are_refused(app, client):
    make_user(app, "root", roles=(Role.ADMIN,))
    log_in(client, "root")
    assert_changes_nothing(
        app,
        lambda: post_form(client, "/admin/guidelines", {"body": "  "}, "/admin/guidelines"),
        400,
        "The guidelines cannot be empty.",
    )


def test_the_guidelines_are_linked_from_sharing_and_registration(app, client, community):
    assert 'href="/guidelines"' in client.get("/auth/register").text
    log_in(client, "wren")
    assert 'href="/guidelines"' in client.get(QUESTION_URL).text


def test_a_rejection_notice_links_to_the_guidelines(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=())
    with app.app_context():
        apply_action(db.session.get(Post, post_id), PostAction.REJECT, actor=None, reason="Ad.")
        db.session.commit()
    log_in(client, "wren")
    page = client.get("/account").text
    notice = page[page.index("was not published") :]
    assert 'href="/guidelines"' in notice[: notice.index("</li>")]

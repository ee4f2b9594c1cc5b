"""After writing or reporting, a member lands on the page of experiences that shows the post."""

import pytest

from community.extensions import db
from community.models import Post, User
from community.posts import services
from tests.factories import make_membership, make_post, make_user
from tests.posts.conftest import QUESTION_URL, post_ids
from tests.web import log_in, post_form


@pytest.fixture
def one_experience_a_page(app):
    app.config["COMMUNITY_EXPERIENCES_PER_PAGE"] = 1


def test_a_reply_in_a_later_thread_leads_to_that_threads_page(
    app, client, community, one_experience_a_page
):
    make_post(app, community.wren, question_id=community.question_id, text="First thread.")
    second = make_post(app, community.kestrel, question_id=community.question_id)
    log_in(client, "wren")

    response = post_form(client, f"/posts/{second}/replies", {"body": "Me too."}, QUESTION_URL)

    reply_id = post_ids(app)[-1]
    assert response.headers["Location"] == f"{QUESTION_URL}?page=2#message-post-{reply_id}"


def test_a_report_leads_to_the_page_as_the_reporter_sees_it(
    app, client, community, one_experience_a_page
):
    # Wren's experience awaiting moderation comes first, but only Wren sees it.
    make_post(app, community.wren, question_id=community.question_id, actions=())
    experience = make_post(app, community.kestrel, question_id=community.question_id)
    reply = make_post(app, community.wren, parent_id=experience, text="Reported.")
    log_in(client, "kestrel")

    response = post_form(client, f"/posts/{reply}/report", {"reason": "spam"}, QUESTION_URL)

    assert response.headers["Location"] == f"{QUESTION_URL}#message-post-{reply}"
    assert "Reported." in client.get(response.headers["Location"]).text


def test_the_page_counts_placeholders_and_the_members_own_pending_experience(
    app, client, community, one_experience_a_page
):
    # Page 1: Kestrel's deleted experience, kept as a placeholder for Wren's reply below it.
    deleted = make_post(app, community.kestrel, question_id=community.question_id)
    make_post(app, community.wren, parent_id=deleted, text="A reply that stays.")
    with app.app_context():
        services.delete_own_post(
            db.session.get(Post, deleted), db.session.get(User, community.kestrel)
        )
        db.session.commit()
    # Page 2: Wren's own experience awaiting moderation, listed for Wren alone.
    make_post(app, community.wren, question_id=community.question_id, actions=())
    heron = make_user(app, "heron")
    make_membership(app, heron, community.condition_id)
    third = make_post(app, heron, question_id=community.question_id, text="Third.")
    log_in(client, "wren")

    response = post_form(client, f"/posts/{third}/replies", {"body": "Me too."}, QUESTION_URL)

    reply_id = post_ids(app)[-1]
    assert response.headers["Location"] == f"{QUESTION_URL}?page=3#message-post-{reply_id}"
    assert "Me too." in client.get(response.headers["Location"]).text

"""After writing or reporting, a member lands on the page of experiences that shows the post."""

import pytest

from tests.factories import make_post
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

"""A NUL character in any request is a clear 400, never a server error, on either database."""

import pytest

from community.extensions import db
from community.models import Post
from community.posts import services
from community.posts.states import PostAction
from tests.factories import make_condition, make_membership, make_post, make_question, make_user
from tests.state import assert_changes_nothing
from tests.web import csrf_token, log_in

QUESTION = "/conditions/asthma/questions/what-causes-it"


@pytest.fixture
def member(app, client):
    condition_id = make_condition(app)
    make_question(app, condition_id)
    wren = make_user(app, "wren")
    make_membership(app, wren, condition_id)
    return wren


@pytest.mark.parametrize(
    "path", ["/members/wr%00en", "/conditions/ast%00hma", f"{QUESTION}?page=1%00", "/?q=%00"]
)
def test_a_nul_in_an_address_is_refused(client, member, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL character" in response.text


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/auth/login", {"identifier": "wr\x00en", "password": "x" * 12}),
        (
            "/auth/register",
            {"username": "kestrel", "email": "k\x00@example.org", "password": "x" * 12},
        ),
        (f"{QUESTION}/experiences", {"body": "My \x00 story."}),
        ("/conditions/asthma/join", {"relation": "patient\x00"}),
    ],
)
def test_a_nul_in_a_form_is_refused_and_changes_nothing(app, client, member, path, form):
    log_in(client, "wren")
    assert_changes_nothing(
        app,
        lambda: client.post(path, data={**form, "csrf_token": csrf_token(client, QUESTION)}),
        400,
        "NUL character",
    )


def test_posts_written_by_other_means_store_nul_as_a_replacement_character(app, member):
    post_id = make_post(app, member, question_id=1, text="My \x00 story.")
    with app.app_context():
        post = db.session.get(Post, post_id)
        assert post.body_markdown == "My \ufffd story."
        assert post.body_html == "<p>My \ufffd story.</p>"


def test_a_moderators_text_written_by_other_means_stores_nul_as_a_replacement_character(
    app, member
):
    post_id = make_post(app, member, question_id=1, text="My story.", actions=())
    with app.app_context():
        post = db.session.get(Post, post_id)
        services.apply_action(
            post,
            PostAction.EDIT_AND_APPROVE,
            actor=None,
            revision=services.publish_text(post, "My \x00 story, edited."),
        )
        db.session.commit()
        assert post.body_markdown == "My \ufffd story, edited."
        assert post.body_html == "<p>My \ufffd story, edited.</p>"

"""Oversized input is refused with a message that says what happened, and nothing is stored."""

from sqlalchemy import select

from community.extensions import db
from community.models import Post
from tests.factories import make_small_community
from tests.state import assert_changes_nothing
from tests.web import client_as, csrf_token

SHARE = "/conditions/asthma/questions/what-helps/experiences"


def _share(client, body: str):
    return client.post(SHARE, data={"body": body, "csrf_token": csrf_token(client, "/")})


def _member(app):
    make_small_community(app)
    return client_as(app, "member")


def test_a_post_over_20000_characters_is_refused_with_its_limit(app):
    client = _member(app)
    assert_changes_nothing(
        app,
        lambda: _share(client, "a" * 20_001),
        400,
        "Posts can be at most 20,000 characters.",
    )


def test_a_post_of_20000_characters_is_taken_counting_characters_not_bytes(app):
    client = _member(app)
    response = _share(client, "🫁" * 20_000)
    assert response.status_code == 303
    with app.app_context():
        assert (
            db.session.scalar(select(Post.body_markdown).order_by(Post.id.desc())) == "🫁" * 20_000
        )


def test_a_line_break_counts_as_one_character_whatever_the_browser_sends(app):
    client = _member(app)
    assert _share(client, "abc\r\n" * 5_000).status_code == 303


def test_a_request_over_the_size_limit_gets_a_413_page_that_says_what_happened(app):
    client = _member(app)
    response = assert_changes_nothing(
        app,
        lambda: _share(client, "a" * (app.config["MAX_CONTENT_LENGTH"] + 1)),
        413,
        "<h1>Too much to send at once</h1>",
    )
    assert "a post can be at most 20,000 characters" in response.text
    assert "Nothing was saved." in response.text

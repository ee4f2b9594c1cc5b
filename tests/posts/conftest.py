"""A condition with a question, two of its members and a member of another condition."""

import pytest
from flask import Flask

from community.extensions import db
from community.models import Post
from tests.factories import Community, make_community

QUESTION_URL = "/conditions/asthma/questions/what-causes-it"
SHARE_URL = QUESTION_URL + "/experiences"


@pytest.fixture
def community(app: Flask) -> Community:
    return make_community(app)


def stored_post(app: Flask, post_id: int) -> Post:
    """Load a post detached from any session, to read its columns."""
    with app.app_context():
        post = db.session.get(Post, post_id)
        db.session.expunge(post)
        return post


def post_ids(app: Flask) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(db.select(Post.id).order_by(Post.id)))

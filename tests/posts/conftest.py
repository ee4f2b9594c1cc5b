"""A condition with a question, two of its members and a member of another condition."""

from dataclasses import dataclass

import pytest
from flask import Flask

from community.extensions import db
from community.models import Post
from tests.factories import make_condition, make_membership, make_question, make_user

QUESTION_URL = "/conditions/asthma/questions/what-causes-it"
SHARE_URL = QUESTION_URL + "/experiences"


@dataclass(frozen=True)
class Community:
    condition_id: int
    question_id: int
    wren: int  # a member of Asthma
    kestrel: int  # another member of Asthma
    robin: int  # a member of Lupus only


@pytest.fixture
def community(app: Flask) -> Community:
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    wren, kestrel, robin = (make_user(app, name) for name in ("wren", "kestrel", "robin"))
    make_membership(app, wren, condition_id)
    make_membership(app, kestrel, condition_id)
    make_membership(app, robin, make_condition(app, "lupus", "Lupus"))
    return Community(condition_id, question_id, wren, kestrel, robin)


def stored_post(app: Flask, post_id: int) -> Post:
    """Load a post detached from any session, to read its columns."""
    with app.app_context():
        post = db.session.get(Post, post_id)
        db.session.expunge(post)
        return post


def post_ids(app: Flask) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(db.select(Post.id).order_by(Post.id)))

"""Set up a small community with a moderator, and take decisions as a browser would."""

import re
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient

from community.extensions import db
from community.models import Condition, ModerationEvent, Post, Question, Role
from tests.factories import make_condition, make_membership, make_question, make_user
from tests.web import csrf_token, log_in

VERSION_INPUT = re.compile(r'name="version" type="hidden" value="([0-9a-f]+)"')


@dataclass(frozen=True)
class Community:
    condition_id: int
    question_id: int
    author_id: int
    moderator_id: int


def make_community(app: Flask) -> Community:
    """A condition and question, a member who writes, and a moderator."""
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    author_id = make_user(app, "wren")
    make_membership(app, author_id, condition_id)
    moderator_id = make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    return Community(condition_id, question_id, author_id, moderator_id)


def as_moderator(client: FlaskClient, username: str = "mod_ada") -> FlaskClient:
    log_in(client, username)
    return client


def version_on_review_page(client: FlaskClient, post_id: int) -> str:
    page = client.get(f"/moderation/posts/{post_id}")
    assert page.status_code == 200, page.text
    match = VERSION_INPUT.search(page.text)
    assert match, "no decision form on the review page"
    return match.group(1)


def token(client: FlaskClient) -> str:
    """The session's CSRF token, read from a page once per client."""
    if not hasattr(client, "csrf_token"):
        client.csrf_token = csrf_token(client, "/auth/login")
    return client.csrf_token


def submit(client: FlaskClient, url: str, **data):
    """Post a form with the session's CSRF token."""
    return client.post(url, data={**data, "csrf_token": token(client)})


def decide(client: FlaskClient, post_id: int, verb: str, version: str | None = None, **data):
    """Post one decision from the review page, with the version of the post it showed."""
    version = version or version_on_review_page(client, post_id)
    return submit(client, f"/moderation/posts/{post_id}/{verb}", version=version, **data)


def post_row(app: Flask, post_id: int) -> Post:
    with app.app_context():
        post = db.session.get(Post, post_id)
        db.session.expunge(post)
        return post


def counts(app: Flask, community: Community) -> tuple[int, int]:
    """Return (contributions of the condition, sharers of the question)."""
    with app.app_context():
        condition = db.session.get(Condition, community.condition_id)
        question = db.session.get(Question, community.question_id)
        return condition.contribution_count, question.sharer_count


def events(app: Flask, post_id: int | None = None) -> list[tuple]:
    """Return the audit log as (actor_id, action, reason, text_before, text_after) tuples."""
    with app.app_context():
        query = db.select(ModerationEvent).order_by(ModerationEvent.id)
        if post_id is not None:
            query = query.where(ModerationEvent.post_id == post_id)
        return [
            (event.actor_id, event.action, event.reason, event.text_before, event.text_after)
            for event in db.session.scalars(query)
        ]

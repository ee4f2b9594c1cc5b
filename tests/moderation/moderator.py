"""A community with a moderator, and decisions taken as a browser would take them."""

import re
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient

from community.extensions import db
from community.models import ModerationEvent, Role
from tests.factories import make_community, make_post, make_user
from tests.state import community_counts
from tests.web import csrf_token, log_in

VERSION_INPUT = re.compile(r'name="version" type="hidden" value="([0-9a-f]+)"')


@dataclass(frozen=True)
class ModeratedCommunity:
    condition_id: int
    question_id: int
    author_id: int  # wren, a member of Asthma who writes
    moderator_id: int  # mod_ada, who joined nothing


def make_moderated_community(app: Flask) -> ModeratedCommunity:
    """The factories' community (Asthma, its question, wren and others), and a moderator."""
    community = make_community(app)
    moderator_id = make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    return ModeratedCommunity(
        community.condition_id, community.question_id, community.wren, moderator_id
    )


def pending_experience(
    app: Flask,
    community: ModeratedCommunity,
    text: str = "My experience.",
    question_id: int | None = None,
) -> int:
    """wren's experience, awaiting moderation, on the community's question or ``question_id``."""
    return make_post(
        app,
        community.author_id,
        question_id=question_id or community.question_id,
        text=text,
        actions=(),
    )


def as_moderator(client: FlaskClient, username: str = "mod_ada") -> FlaskClient:
    log_in(client, username)
    return client


def token(client: FlaskClient) -> str:
    """The session's CSRF token, read from a page once per client."""
    if not hasattr(client, "csrf_token"):
        client.csrf_token = csrf_token(client, "/auth/login")
    return client.csrf_token


def submit(client: FlaskClient, url: str, **data):
    """Post a form with the session's CSRF token."""
    return client.post(url, data={**data, "csrf_token": token(client)})


def version_on_review_page(client: FlaskClient, post_id: int) -> str:
    page = client.get(f"/moderation/posts/{post_id}")
    assert page.status_code == 200, page.text
    match = VERSION_INPUT.search(page.text)
    assert match, "no decision form on the review page"
    return match.group(1)


def decide(client: FlaskClient, post_id: int, verb: str, version: str | None = None, **data):
    """Post one decision from the review page, with the version of the post it showed."""
    version = version or version_on_review_page(client, post_id)
    return submit(client, f"/moderation/posts/{post_id}/{verb}", version=version, **data)


def counts(app: Flask, community: ModeratedCommunity) -> tuple[int, int]:
    """Return (contributions of the condition, sharers of the question)."""
    _, contributions, sharers = community_counts(app, community.condition_id, community.question_id)
    return contributions, sharers


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

"""Templates never query: every page loads what it shows before it renders.

A statement sent while a template renders is a lazy load the view did not plan for: it
costs a round trip per page, or per row of a list, and it hides what a page reads from
the query counts of its view.
"""

from collections.abc import Iterator

import pytest
from flask import Flask, render_template_string
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import text

from community.extensions import db
from community.models import Role
from community.posts import services as posts_services
from community.posts.services import PostChanged
from tests.conftest import serve_app
from tests.factories import make_user
from tests.page_types import MEMBER, MODERATOR, PAGE_TYPES, fetch, make_world
from tests.querycount import count_queries, statements_while_rendering
from tests.web import ANONYMOUS, client_as, csrf_token


def _described(found: list[tuple[str, str]]) -> list[str]:
    return [f"{template}: {' '.join(statement.split())}" for template, statement in found]


def test_no_page_type_sends_a_statement_while_its_template_renders(app):
    world = make_world(app)
    problems, rendered = [], 0
    for page_type in PAGE_TYPES:
        for role in page_type.roles:
            client = client_as(app, role)
            with statements_while_rendering(app) as found:
                response = fetch(client, page_type, world)
            where = f"{page_type.name} as {role}"
            assert response.status_code == page_type.status, where
            problems.extend(f"{where}: {problem}" for problem in _described(found))
            rendered += 1
    assert problems == [], "\n".join(problems)
    assert rendered >= 40


@pytest.fixture
def limited_app(database_url: str) -> Iterator[Flask]:
    yield from serve_app(
        database_url, RATELIMIT_ENABLED=True, COMMUNITY_LIMIT_LOGIN_PER_ADDRESS="1 per minute"
    )


def test_the_too_many_requests_page_sends_no_statement_while_it_renders(limited_app):
    make_user(limited_app, MEMBER)
    make_user(limited_app, MODERATOR, roles=(Role.MODERATOR,))
    for number, role in enumerate((ANONYMOUS, MEMBER, MODERATOR)):
        client = client_as(limited_app, role)
        # An address of its own: the limit counts failed log-ins per address.
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{number + 1}"
        wrong = {"identifier": "nobody", "password": "wrong password"}
        with statements_while_rendering(limited_app) as found:
            for _ in range(2):
                data = {**wrong, "csrf_token": csrf_token(client, "/auth/login")}
                response = client.post("/auth/login", data=data)
        assert response.status_code == 429, role
        assert _described(found) == [], role


def test_a_statement_sent_from_an_included_template_or_a_macro_is_caught(app, monkeypatch):
    """The check itself: the outermost render spans what it includes and calls."""

    def ask_the_database() -> int:
        return db.session.scalar(text("SELECT 1"))

    monkeypatch.setattr(
        app.jinja_env,
        "loader",
        ChoiceLoader(
            [DictLoader({"querying.html": "{{ ask() }}"}), app.jinja_env.loader],
        ),
    )
    page = (
        '{% macro asking() %}{{ ask() }}{% endmacro %}{% include "querying.html" %}{{ asking() }}'
    )
    with app.test_request_context(), statements_while_rendering(app) as found:
        assert render_template_string(page, ask=ask_the_database) == "11"
    assert [template for template, _ in found] == ["<string>", "<string>"]


def test_a_statement_sent_before_rendering_is_not_counted(app, client):
    """The check itself: a view's own statements are not taken for the template's."""
    make_world(app)
    with count_queries(app) as sent, statements_while_rendering(app) as found:
        assert client.get("/conditions/asthma").status_code == 200
    assert sent and found == []


def test_a_page_shown_after_its_writes_were_undone_sends_no_statement_while_it_renders(app):
    """Undoing a refused decision expires every row read, the moderator's own too."""
    world = make_world(app)
    client = client_as(app, MODERATOR)
    stale = {"version": "0" * 16, "csrf_token": csrf_token(client, "/auth/login")}
    with statements_while_rendering(app) as found:
        response = client.post(f"/moderation/posts/{world.pending}/approve", data=stale)
    assert response.status_code == 409
    assert _described(found) == []


def test_an_edit_refused_meanwhile_sends_no_statement_while_its_page_renders(app, monkeypatch):
    world = make_world(app)

    def changed_meanwhile(post, markdown):
        post.body_markdown = markdown  # written, then undone when the edit is refused
        raise PostChanged("This post can no longer be edited.")

    monkeypatch.setattr(posts_services, "edit_post", changed_meanwhile)
    client = client_as(app, MEMBER)
    page = f"/posts/{world.post}/edit"
    data = {"body": "Later.", "csrf_token": csrf_token(client, page)}
    with statements_while_rendering(app) as found:
        response = client.post(page, data=data)
    assert response.status_code == 409
    assert "This post can no longer be edited." in response.text
    assert _described(found) == []

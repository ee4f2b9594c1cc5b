"""Fragments rendered once are reused only while everything they show is unchanged."""

import pytest
from sqlalchemy import delete

from community.extensions import db
from community.fragments import FragmentCache
from community.memberships import join
from community.models import Condition, Membership, Post, Relation, User
from community.posts import services as posts
from community.posts.states import PostAction
from tests.factories import (
    make_condition,
    make_member,
    make_post,
    make_question,
)
from tests.web import log_in

QUESTION_URL = "/conditions/asthma/questions/what-causes-it"


def test_a_fragment_is_rendered_once_per_key():
    cache, rendered = FragmentCache(10), []

    def render(text):
        return lambda: rendered.append(text) or text

    assert cache.get_or_render("a", render("A")) == "A"
    assert cache.get_or_render("a", render("changed")) == "A"
    assert cache.get_or_render("b", render("B")) == "B"
    assert rendered == ["A", "B"]


def test_a_full_cache_starts_again_and_a_size_of_zero_keeps_nothing():
    full, empty = FragmentCache(2), FragmentCache(0)
    for key in "abc":
        full.get_or_render(key, lambda key=key: key)
        empty.get_or_render(key, lambda key=key: key)
    assert list(full.entries) == ["c"]
    assert empty.entries == {}


def test_the_cache_tag_renders_once_per_scope_and_key_and_not_at_all_without_scope(app):
    template = app.jinja_env.from_string(
        "{% cache scope, key %}{{ calls.append(1) or calls|length }}{% endcache %}"
    )
    calls: list[int] = []
    assert template.render(scope="page", key=1, calls=calls) == "1"
    assert template.render(scope="page", key=1, calls=calls) == "1"
    assert template.render(scope="page", key=2, calls=calls) == "2"
    assert template.render(scope="other page", key=1, calls=calls) == "3"
    assert template.render(scope=None, key=1, calls=calls) == "4"
    assert template.render(scope=None, key=1, calls=calls) == "5"


@pytest.fixture
def thread(app):
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    wren = make_member(app, condition_id, "wren")
    experience = make_post(app, wren, question_id=question_id, text="The first fragment.")
    return wren, experience


def test_visitors_see_a_moderators_removal_at_once(app, client, thread):
    wren, experience = thread
    reply = make_post(app, wren, parent_id=experience, text="A reply to be removed.")
    make_post(app, wren, parent_id=reply, text="An answer keeps its place.")
    assert "A reply to be removed." in client.get(QUESTION_URL).text

    with app.app_context():
        posts.apply_action(db.session.get(Post, reply), PostAction.REMOVE, actor=None)
        db.session.commit()

    page = client.get(QUESTION_URL).text
    assert "A reply to be removed." not in page
    assert "This post was removed by a moderator." in page
    assert "An answer keeps its place." in page


def test_visitors_see_a_changed_badge_at_once(app, client, thread):
    assert "Has this condition" in client.get(QUESTION_URL).text

    with app.app_context():
        join(db.session.get(User, thread[0]), db.session.get(Condition, 1), Relation.CAREGIVER)
        db.session.commit()
    assert "Family member or caregiver" in client.get(QUESTION_URL).text

    with app.app_context():
        db.session.execute(delete(Membership))
        db.session.commit()
    assert "badge-caregiver" not in client.get(QUESTION_URL).text


def test_a_members_page_is_not_served_from_the_visitors_fragments(app, client, thread):
    wren, experience = thread
    make_post(app, wren, parent_id=experience, text="My reply, pending.", actions=())
    assert "My reply, pending." not in client.get(QUESTION_URL).text

    log_in(client, "wren")
    page = client.get(QUESTION_URL).text

    assert "My reply, pending." in page
    assert "Awaiting moderation" in page
    assert 'name="csrf_token"' in page

"""A member's own account page: their posts with their states, and what moderators decided."""

import pytest

from community.accounts.profiles import POSTS_PER_PAGE
from community.extensions import db
from community.models import Post, User
from community.moderation.suspensions import suspend
from community.posts import services
from community.posts.states import PostAction
from tests.factories import make_post, make_question, make_user
from tests.moderation.moderator import (
    as_moderator,
    decide,
    make_moderated_community,
    pending_experience,
)
from tests.web import log_in


@pytest.fixture
def community(app):
    return make_moderated_community(app)


def test_the_account_page_needs_a_login(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_posts_are_listed_with_their_states(app, client, community):
    pending = pending_experience(app, community, "Still waiting.")
    make_post(
        app,
        community.author_id,
        parent_id=pending,
        text="Turned away.",
        actions=(PostAction.REJECT,),
    )
    second = make_question(app, community.condition_id, "second", "Second?")
    published = make_post(app, community.author_id, question_id=second, text="Out there.")
    with app.app_context():
        services.edit_post(db.session.get(Post, published), "Out there, edited.")
        db.session.commit()
    make_post(app, make_user(app, "someone"), question_id=second, text="Not mine.", actions=())
    log_in(client, "wren")

    page = client.get("/account").text

    assert "<h1>Your account</h1>" in page
    cards = page.split('<li class="card"')[1:]
    states = {
        text: next(card for card in cards if text in card)
        for text in ("Still waiting.", "Turned away.", "Out there, edited.")
    }
    assert "Awaiting moderation" in states["Still waiting."]
    assert "Not published" in states["Turned away."]
    assert "Published" in states["Out there, edited."]
    assert "Edit awaiting moderation" in states["Out there, edited."]
    assert len(cards) == 3
    assert "Not mine." not in page


def test_the_author_is_told_what_moderators_decided(app, client, community):
    first = pending_experience(app, community)
    second_question = make_question(app, community.condition_id, "second", "Is it inherited?")
    second = pending_experience(app, community, question_id=second_question)
    moderator = as_moderator(app.test_client())
    decide(moderator, first, "approve")
    decide(moderator, second, "reject", reason="Please share your own experience, not advice.")
    log_in(client, "wren")

    page = client.get("/account").text

    assert "Your experience on “What causes it?” was approved." in page
    assert (
        "Your experience on “Is it inherited?” was not published: "
        "Please share your own experience, not advice." in page
    )
    # Newest first.
    assert page.index("was not published") < page.index("was approved.")


def test_notifications_are_the_members_own(app, client, community):
    post_id = pending_experience(app, community)
    decide(as_moderator(app.test_client()), post_id, "approve")
    make_user(app, "reader")
    log_in(client, "reader")
    page = client.get("/account").text
    assert "was approved" not in page
    assert "Nothing yet." in page


def test_the_account_page_leads_to_the_members_data_and_to_deleting_it(client, community):
    log_in(client, "wren")
    page = client.get("/account").text
    assert 'href="/account/export" download>Download your data</a>' in page
    assert 'href="/account/delete">Delete your account</a>' in page


def test_only_the_account_page_offers_the_data_not_the_public_profile(client, community):
    log_in(client, "wren")
    assert "/account/export" not in client.get("/members/wren").text


def test_the_account_page_is_paged_newest_first(app, client, community):
    experience = pending_experience(app, community, "The first post.")
    for index in range(POSTS_PER_PAGE):
        make_post(app, community.author_id, parent_id=experience, text=f"Reply {index:02d}.")
    log_in(client, "wren")

    first = client.get("/account").text
    assert first.count('<li class="card"') == POSTS_PER_PAGE
    assert f"Reply {POSTS_PER_PAGE - 1:02d}." in first and "The first post." not in first
    assert 'href="/account?page=2"' in first and "Page 1 of 2" in first
    second = client.get("/account?page=2").text
    assert second.count('<li class="card"') == 1 and "The first post." in second


def test_edit_is_offered_on_the_posts_their_author_may_edit(app, client, community):
    pending = pending_experience(app, community, "Still waiting.")
    rejected = make_post(
        app, community.author_id, parent_id=pending, text="Turned away.", actions=()
    )
    decide(as_moderator(app.test_client()), rejected, "reject", reason="Off topic.")
    log_in(client, "wren")

    page = client.get("/account").text

    assert f'href="/posts/{pending}/edit">Edit</a>' in page
    assert f"/posts/{rejected}/edit" not in page


def test_a_suspended_member_is_not_offered_edit_on_their_account_page(app, client, community):
    post_id = pending_experience(app, community, "Still waiting.")
    with app.app_context():
        moderator, author = (
            db.session.get(User, user_id)
            for user_id in (community.moderator_id, community.author_id)
        )
        suspend(moderator, author, "Selling supplements.", until=None)
        db.session.commit()
    log_in(client, "wren")

    page = client.get("/account").text

    assert "Still waiting." in page
    assert f"/posts/{post_id}/edit" not in page
    # The edit page agrees: a suspended member may not edit.
    assert client.get(f"/posts/{post_id}/edit").status_code == 403

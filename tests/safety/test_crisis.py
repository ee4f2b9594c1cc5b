"""A post in words of self-harm or suicide intent: its author sees where help is, moderators
read it first, and it is never refused."""

import re

import pytest
from sqlalchemy import select

from community.extensions import db
from community.models import PostState, Role, WatchedWord, WordAction
from community.safety.words import DEFAULT_CRISIS_PHRASES
from tests.factories import make_post, make_user
from tests.posts.conftest import QUESTION_URL, SHARE_URL, post_ids, stored_post
from tests.web import log_in, log_out, post_form

CRISIS_TEXT = "Honestly, some nights I want to die. Nothing helps."


def test_a_crisis_phrase_shows_the_author_the_helplines_and_stores_the_post(app, client, community):
    log_in(client, "wren")

    response = post_form(client, SHARE_URL, {"body": CRISIS_TEXT}, QUESTION_URL)

    assert response.status_code == 303
    assert response.headers["Location"] == QUESTION_URL + "#support"
    page = client.get(QUESTION_URL).text
    panel = re.search(r'<section class="support-panel".*?</section>', page, re.S)
    assert panel, "no support panel after the post"
    assert 'role="alert"' in panel.group() and 'tabindex="-1"' in panel.group()
    assert '<h2 id="support-heading">' in panel.group()
    assert "Samaritans" in panel.group() and 'href="tel:116123"' in panel.group()
    assert (
        "988 Suicide &amp; Crisis Lifeline" in panel.group() and "Call or text 988" in panel.group()
    )
    # Once: the next page does not show it again.
    assert "support-panel" not in client.get(QUESTION_URL).text

    [post_id] = post_ids(app)
    post = stored_post(app, post_id)
    assert post.possible_crisis is True and post.state is PostState.PENDING
    assert post.watched_words == [{"action": "crisis", "word": "want to die"}]
    assert post.body_markdown == CRISIS_TEXT


def test_the_helplines_are_the_deployments(app, client, community):
    app.config["COMMUNITY_CRISIS_RESOURCES"] = [
        {
            "name": "Lifeline Australia",
            "phone": "13 11 14",
            "url": "https://www.lifeline.org.au/",
            "region": "Australia",
        }
    ]
    log_in(client, "wren")
    post_form(client, SHARE_URL, {"body": "I keep thinking about suicide."}, QUESTION_URL)
    page = client.get(QUESTION_URL).text
    assert "Lifeline Australia" in page and 'href="tel:131114"' in page
    assert "Samaritans" not in page


def test_an_ordinary_post_shows_no_support_panel(app, client, community):
    log_in(client, "wren")
    response = post_form(client, SHARE_URL, {"body": "Cold air sets it off."}, QUESTION_URL)
    assert response.headers["Location"].endswith("#message-post-1")
    assert "support-panel" not in client.get(QUESTION_URL).text
    assert stored_post(app, 1).possible_crisis is False


def test_a_crisis_post_waits_for_a_moderator_even_from_a_trusted_member(app, client, community):
    app.config["COMMUNITY_TRUSTED_AFTER"] = 0
    log_in(client, "wren")
    post_form(client, SHARE_URL, {"body": "I feel suicidal."}, QUESTION_URL)
    assert stored_post(app, 1).state is PostState.PENDING


def test_replies_and_edits_are_checked_too(app, client, community):
    experience = make_post(app, community.kestrel, question_id=community.question_id)
    log_in(client, "wren")
    reply = post_form(
        client,
        f"/posts/{experience}/replies",
        {"body": "Same. I want to end my life."},
        QUESTION_URL,
    )
    assert reply.headers["Location"].endswith("#support")
    reply_id = post_ids(app)[-1]
    assert stored_post(app, reply_id).possible_crisis is True

    own = make_post(app, community.wren, parent_id=experience, text="Fine today.")
    edited = post_form(
        client, f"/posts/{own}/edit", {"body": "Thinking of self-harm again."}, f"/posts/{own}/edit"
    )
    assert edited.status_code == 303 and edited.headers["Location"].endswith("#support")
    assert "support-panel" in client.get(QUESTION_URL).text
    post = stored_post(app, own)
    assert post.possible_crisis is True
    assert post.watched_words == [{"action": "crisis", "word": "self harm"}]


def test_the_queue_lists_a_crisis_post_first_and_says_what_matched(app, client, community):
    make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    earlier = make_post(app, community.kestrel, question_id=community.question_id, actions=())
    log_in(client, "wren")
    post_form(client, SHARE_URL, {"body": CRISIS_TEXT}, QUESTION_URL)
    crisis = post_ids(app)[-1]
    log_out(client)
    log_in(client, "mod_ada")

    queue = client.get("/moderation/").text

    assert queue.index(f'id="queue-post-{crisis}"') < queue.index(f'id="queue-post-{earlier}"')
    card = queue[queue.index(f'id="queue-post-{crisis}"') :]
    assert "Possible crisis" in card[: card.index("</li>")]
    assert "Matched: “want to die”" in card[: card.index("</li>")]
    review = client.get(f"/moderation/posts/{crisis}").text
    assert "Possible crisis" in review and "Matched: “want to die”" in review


@pytest.mark.fresh_database
def test_a_database_of_its_own_starts_with_the_default_crisis_phrases(app):
    with app.app_context():
        listed = db.session.scalars(
            select(WatchedWord.word).where(WatchedWord.action == WordAction.CRISIS)
        )
        assert sorted(listed) == sorted(DEFAULT_CRISIS_PHRASES)

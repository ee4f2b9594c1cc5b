"""Atom feeds: valid, carrying published text only, with ids that never change."""

from datetime import UTC, datetime

import feedparser
import pytest
from flask import Flask
from sqlalchemy import select, update

from community.extensions import db
from community.models import ModerationEvent, Post, Question, User
from community.posts import services as posts
from community.posts.states import PostAction
from community.templating import autoescaped
from tests.factories import make_community, make_post, make_question, make_summary

A = PostAction
CONDITION_FEED = "/conditions/asthma/feed.atom"
QUESTION_PAGE = "/conditions/asthma/questions/what-causes-it"
QUESTION_FEED = QUESTION_PAGE + "/feed.atom"


def read_feed(client, path: str = CONDITION_FEED, **kwargs):
    response = client.get(path, **kwargs)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def texts(feed) -> list[str]:
    return [entry.content[0].value for entry in feed.entries]


def approve_edit(app: Flask, post_id: int, markdown: str) -> None:
    with app.app_context():
        post = db.session.get(Post, post_id)
        posts.edit_post(post, markdown)
        posts.apply_action(
            post, A.APPROVE_EDIT, actor=None, revision=posts.publish_pending_edit(post)
        )
        db.session.commit()


@pytest.fixture
def community(app: Flask):
    return make_community(app)


def test_the_condition_feed_carries_published_experiences_only(app, client, community):
    make_post(app, community.wren, question_id=community.question_id, text="Cold air, for me.")
    # One experience per member per question: each state on a question of its own.
    for number, (text, actions) in enumerate(
        [
            ("Waiting text.", ()),
            ("Removed text.", (A.APPROVE, A.REMOVE)),
            ("Hidden text.", (A.APPROVE, A.HIDE)),
            ("Rejected text.", (A.REJECT,)),
            ("Deleted text.", (A.APPROVE, A.DELETE)),
        ]
    ):
        question = make_question(app, community.condition_id, f"q{number}", f"Question {number}?")
        make_post(app, community.kestrel, question_id=question, text=text, actions=actions)
    make_post(app, community.kestrel, parent_id=1, text="A reply is no experience.")

    feed = read_feed(client)

    assert [entry.author for entry in feed.entries] == ["wren"]
    assert texts(feed) == ["<p>Cold air, for me.</p>"]
    assert feed.entries[0].content[0].type == "text/html"
    assert feed.entries[0].link.endswith(f"{QUESTION_PAGE}#post-1")
    assert "What causes it?" in feed.entries[0].title


def test_deleted_posts_and_pending_edits_never_appear(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, text="First words.")
    kept = make_post(app, community.kestrel, question_id=community.question_id, text="Kept words.")
    with app.app_context():
        posts.edit_post(db.session.get(Post, kept), "An edit nobody approved.")
        author = db.session.get(User, community.wren)
        posts.delete_own_post(db.session.get(Post, post_id), author)
        db.session.commit()

    body = client.get(CONDITION_FEED).text
    assert "First words" not in body
    assert "An edit nobody approved" not in body
    assert texts(read_feed(client)) == ["<p>Kept words.</p>"]


def test_an_entry_keeps_its_id_across_an_approved_edit_and_another_host(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, text="Before.")
    [before] = read_feed(client).entries
    approve_edit(app, post_id, "After.")
    edited_at = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    with app.app_context():
        db.session.execute(
            update(ModerationEvent)
            .where(ModerationEvent.post_id == post_id, ModerationEvent.action == "approve_edit")
            .values(created_at=edited_at)
        )
        db.session.commit()

    [after] = read_feed(client, base_url="http://another-name.example:8080").entries

    assert after.id == before.id
    assert after.id.startswith("tag:127.0.0.1,2026:post:")
    assert after.content[0].value == "<p>After.</p>"
    assert after.updated == "2030-01-02T03:04:05Z"
    assert after.published == before.published
    assert after.link.startswith("http://127.0.0.1:5000/")


def test_ids_and_links_follow_the_canonical_address_setting(database_url):
    from tests.conftest import serve_app

    for app in serve_app(database_url, COMMUNITY_CANONICAL_URL="https://health.example.org"):
        community = make_community(app)
        make_post(app, community.wren, question_id=community.question_id, text="Hello.")
        feed = read_feed(app.test_client())
        assert feed.feed.id.startswith("tag:health.example.org,2026:condition:")
        assert feed.entries[0].id.startswith("tag:health.example.org,2026:post:")
        assert feed.entries[0].link.startswith("https://health.example.org/conditions/asthma/")


def test_a_deleted_account_is_named_by_a_placeholder(app, client, community):
    make_post(app, community.wren, question_id=community.question_id, text="Still here.")
    with app.app_context():
        db.session.execute(update(Post).values(author_id=None))
        db.session.commit()
    assert [entry.author for entry in read_feed(client).entries] == ["deleted member"]


def test_markup_and_control_characters_leave_the_feed_valid(app, client, community):
    hostile = "</content></entry><entry><script>alert(1)</script> & \x0b\x1f café"
    # Editors' titles are not Markdown: a control character reaches the feed as typed.
    question = make_question(app, community.condition_id, "odd", "Why\x0b now?")
    make_post(app, community.wren, question_id=question, text=hostile)
    body = client.get(CONDITION_FEED).text
    assert "<script>" not in body
    assert "</content></entry><entry>" not in body
    [entry] = read_feed(client).entries
    assert "alert(1)" in entry.content[0].value
    assert "café" in entry.content[0].value
    assert "Why now?" in entry.title


def test_the_question_feed_carries_its_experiences_and_published_summaries(app, client, community):
    make_summary(app, community.question_id, "Triggers vary.")
    make_post(app, community.wren, question_id=community.question_id, text="Cold air.")
    make_post(
        app, community.kestrel, question_id=community.question_id, text="Pending.", actions=()
    )
    other = make_question(app, community.condition_id, "what-helps", "What helps?")
    make_post(app, community.kestrel, question_id=other, text="Elsewhere.")

    feed = read_feed(client, QUESTION_FEED)

    ids = sorted(entry.id.split(":")[-2] for entry in feed.entries)
    assert ids == ["post", "summary-revision"]
    [summary] = [entry for entry in feed.entries if "summary-revision" in entry.id]
    assert summary.summary == "Triggers vary."
    assert summary.author == "Dr. Ada Example, MD, Immunology"
    assert "<strong>longer</strong>" in summary.content[0].value
    assert "Pending." not in client.get(QUESTION_FEED).text


def test_an_empty_feed_is_valid(app, client, community):
    assert read_feed(client).entries == []
    assert read_feed(client, QUESTION_FEED).entries == []


def test_feeds_of_what_does_not_exist_are_not_found(app, client, community):
    assert client.get("/conditions/nowhere/feed.atom").status_code == 404
    assert client.get("/conditions/asthma/questions/nowhere/feed.atom").status_code == 404


def test_condition_and_question_pages_link_their_feeds(app, client, community):
    feed_link = '<link rel="alternate" type="application/atom+xml"'
    condition_page = client.get("/conditions/asthma").text
    assert feed_link in condition_page and f'href="{CONDITION_FEED}"' in condition_page
    question_page = client.get(QUESTION_PAGE).text
    assert feed_link in question_page and f'href="{QUESTION_FEED}"' in question_page
    with app.app_context():
        assert db.session.scalar(select(Question.id)) == community.question_id


def test_atom_and_xml_templates_escape_what_they_write():
    assert autoescaped("feeds/feed.atom")
    assert autoescaped("site/sitemap.xml")
    assert autoescaped("conditions/question.html")
    assert not autoescaped("mail/notification.txt")

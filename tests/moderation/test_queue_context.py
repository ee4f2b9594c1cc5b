"""Queue cards carry their context: the post a reply answers, the author's latest decisions."""

import re
from datetime import timedelta

from community.extensions import db
from community.models import ModerationEvent, Post, utcnow
from community.posts import services
from community.posts.states import PostAction
from tests.factories import make_post
from tests.moderation.moderator import as_moderator, pending_experience

DECIDED = re.compile(r'(\w+) <time datetime="[^"]+">([^<]+)</time>')


def _card(page: str, post_id: int) -> str:
    start = page.index(f'id="queue-post-{post_id}"')
    end = page.find('class="card queue-item"', start)
    return page[start : end if end > 0 else len(page)]


def test_a_reply_quotes_the_published_post_it_answers(app, client, community):
    long_text = "Cold air sets it off, " + "every winter morning " * 20
    parent = make_post(app, community.author_id, question_id=community.question_id, text=long_text)
    reply = make_post(app, community.author_id, parent_id=parent, text="Me too.", actions=())
    as_moderator(client)

    card = _card(client.get("/moderation/").text, reply)

    assert "In reply to:" in card
    assert "Cold air sets it off, every winter morning" in card
    assert "…" in card
    assert long_text.strip() not in card


def test_a_reply_to_a_post_readers_do_not_see_says_so(app, client, community):
    parent = make_post(
        app, community.author_id, question_id=community.question_id, text="Secret parent."
    )
    reply = make_post(app, community.author_id, parent_id=parent, text="Reply.", actions=())
    with app.app_context():
        services.apply_action(db.session.get(Post, parent), PostAction.REMOVE, actor=None)
        db.session.commit()
    as_moderator(client)

    card = _card(client.get("/moderation/").text, reply)

    assert "In reply to a post not shown." in card
    assert "Secret parent." not in card


def test_an_experience_quotes_nothing(app, client, community):
    post_id = pending_experience(app, community)
    as_moderator(client)
    card = _card(client.get("/moderation/").text, post_id)
    assert "In reply to" not in card


def test_each_card_shows_the_authors_last_three_decisions(app, client, community):
    decided = [
        make_post(app, community.author_id, parent_id=None, question_id=community.question_id)
    ]
    for text in ("Two.", "Three.", "Four."):
        decided.append(
            make_post(app, community.author_id, parent_id=decided[0], text=text, actions=())
        )
    with app.app_context():
        for post_id, action in zip(
            decided[1:], (PostAction.REJECT, PostAction.APPROVE, PostAction.REJECT), strict=True
        ):
            services.apply_action(db.session.get(Post, post_id), action, actor=None, reason="x")
        db.session.flush()
        # The events happened 1, 2, 5 and 9 days ago: newest first on the card.
        events = db.session.scalars(
            db.select(ModerationEvent).order_by(ModerationEvent.id.desc())
        ).all()
        for event, days in zip(events, (1, 2, 5, 9), strict=True):
            event.created_at = utcnow() - timedelta(days=days, hours=1)
        db.session.commit()
    waiting = make_post(app, community.author_id, parent_id=decided[0], text="New.", actions=())
    as_moderator(client)

    card = _card(client.get("/moderation/").text, waiting)

    recent = card.split('class="recent-decisions"')[1].split("</span>")[0]
    assert DECIDED.findall(recent) == [
        ("rejected", "1 day ago"),
        ("approved", "2 days ago"),
        ("rejected", "5 days ago"),
    ]


def test_an_author_never_decided_on_has_no_decisions(app, client, community):
    post_id = pending_experience(app, community)
    as_moderator(client)
    card = _card(client.get("/moderation/").text, post_id)
    assert "Last decisions: none yet" in " ".join(card.split())


SCRIPT = '<script src="/static/moderation.js" defer></script>'


def test_shortcuts_come_from_a_script_of_the_site_listed_for_everyone(app, client, community):
    post_id = pending_experience(app, community)
    as_moderator(client)
    for url in ("/moderation/", f"/moderation/posts/{post_id}"):
        page = client.get(url)
        assert SCRIPT in page.text, url
        # The Content-Security-Policy allows the site's own scripts and no inline one.
        assert "default-src 'self'" in page.headers["Content-Security-Policy"]
        assert re.findall(r"<script(?![^>]*\ssrc=)", page.text) == [], url
        assert "<summary>Keyboard shortcuts</summary>" in page.text, url
        assert 'id="shortcut-status" aria-live="polite"' in page.text, url
        assert 'data-card="' in page.text, url
    script = client.get("/static/moderation.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["Content-Type"]
    for key in ('"j"', '"k"', '"a"', '"r"', '"?"'):
        assert f"key === {key}" in script.text
    script.close()

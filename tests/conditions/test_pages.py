"""The pages a visitor reads: directory, condition page, question page."""

import re

import pytest

from community.extensions import db
from community.models import Post
from community.posts.services import apply_action
from community.posts.states import PostAction
from tests.factories import (
    make_condition,
    make_membership,
    make_post,
    make_question,
    make_summary,
    make_user,
)

QUESTION_URL = "/conditions/asthma/questions/what-causes-it"


def _question_with_summary(app) -> tuple[int, int]:
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    make_summary(app, question_id, short_answer="Asthma narrows the airways.")
    return condition_id, question_id


def _member(app, condition_id: int, username: str) -> int:
    user_id = make_user(app, username)
    make_membership(app, user_id, condition_id)
    return user_id


def test_directory_lists_conditions_with_counts(app, client):
    condition_id = make_condition(app)
    make_condition(app, slug="lupus", name="Lupus")
    question_id = make_question(app, condition_id)
    author = _member(app, condition_id, "wren")
    make_post(app, author, question_id=question_id)

    html = client.get("/").text

    assert "Asthma" in html and "Lupus" in html
    assert "1 community member · 1 contribution" in html
    assert "0 community members · 0 contributions" in html


def test_condition_page_shows_about_counts_and_questions_with_sharers(app, client):
    condition_id, question_id = _question_with_summary(app)
    for name in ("wren", "kestrel"):
        make_post(app, _member(app, condition_id, name), question_id=question_id)

    response = client.get("/conditions/asthma")

    assert response.status_code == 200
    assert "<h1>Asthma</h1>" in response.text
    assert "About Asthma." in response.text
    assert "2 community members · 2 contributions" in response.text
    assert f'href="{QUESTION_URL}"' in response.text
    assert "2 people have shared" in response.text


def test_unknown_condition_and_question_are_404(app, client):
    make_condition(app)
    assert client.get("/conditions/nothing-here").status_code == 404
    missing = client.get("/conditions/asthma/questions/nothing-here")
    assert missing.status_code == 404
    assert "Page not found" in missing.text


def test_question_page_shows_short_answer_before_body_and_review_facts(app, client):
    _question_with_summary(app)

    html = client.get(QUESTION_URL).text

    assert html.index("Asthma narrows the airways.") < html.index("The <strong>longer</strong>")
    assert "Medically reviewed by Dr. Ada Example, MD, Immunology on" in html
    assert '<time datetime="2026-04-02">2 April 2026</time>' in html
    assert 'Last updated <time datetime="2026-04-07">7 April 2026</time>' in html
    assert 'href="https://medlineplus.gov/"' in html
    assert "Medical disclaimer" in html


def test_sharer_sentence_invites_the_first_sharer(app, client):
    _question_with_summary(app)
    html = client.get(QUESTION_URL).text
    assert "Nobody with Asthma has shared their first-person experience" in html
    assert "Be the first to share yours." in html


def test_sharer_sentence_is_singular_for_one_and_plural_for_more(app, client):
    condition_id, question_id = _question_with_summary(app)
    make_post(app, _member(app, condition_id, "wren"), question_id=question_id)
    assert "1 person with Asthma has shared their first-person experience on this question" in (
        client.get(QUESTION_URL).text
    )
    make_post(app, _member(app, condition_id, "kestrel"), question_id=question_id)
    assert "2 people with Asthma have shared their first-person experience on this question" in (
        client.get(QUESTION_URL).text
    )


def test_only_approved_experiences_are_shown_to_visitors(app, client):
    condition_id, question_id = _question_with_summary(app)
    states = {
        "approved story": (PostAction.APPROVE,),
        "pending story": (),
        "rejected story": (PostAction.REJECT,),
        "removed story": (PostAction.APPROVE, PostAction.REMOVE),
    }
    for index, (text, actions) in enumerate(states.items()):
        author = _member(app, condition_id, f"member{index}")
        make_post(app, author, question_id=question_id, text=text, actions=actions)

    html = client.get(QUESTION_URL).text

    assert "approved story" in html
    for hidden in ("pending story", "rejected story", "removed story"):
        assert hidden not in html
    assert "Awaiting moderation" not in html


def test_replies_nest_inside_their_experience_with_author_badge_and_time(app, client):
    condition_id, question_id = _question_with_summary(app)
    author = _member(app, condition_id, "wren")
    experience = make_post(app, author, question_id=question_id, text="the experience")
    reply = make_post(
        app, _member(app, condition_id, "kestrel"), parent_id=experience, text="a reply"
    )
    make_post(app, author, parent_id=reply, text="an answer to the reply")

    # The page's body: the head describes the same posts to search engines.
    html = client.get(QUESTION_URL).text.split("</head>", 1)[1]

    outer = html.index(f'id="post-{experience}"')
    inner = html.index(f'id="post-{reply}"')
    assert outer < inner < html.index("an answer to the reply")
    # The reply's <article> opens before the experience's closes: it is nested.
    assert html.count("</article>", outer, inner) == 0
    assert '<a class="author" href="/members/wren">wren</a>' in html
    assert "Has this condition" in html
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', html)


def test_author_deleted_experience_keeps_its_replies_under_a_placeholder(app, client):
    condition_id, question_id = _question_with_summary(app)
    experience = make_post(app, _member(app, condition_id, "wren"), question_id=question_id)
    make_post(app, _member(app, condition_id, "kestrel"), parent_id=experience, text="still here")
    with app.app_context():
        apply_action(db.session.get(Post, experience), PostAction.DELETE, actor=None)
        db.session.commit()

    html = client.get(QUESTION_URL).text

    assert "This post was deleted by its author." in html
    assert "still here" in html
    assert "My experience." not in html


@pytest.mark.parametrize(
    ("actions", "placeholder"),
    [
        ((PostAction.REMOVE,), "This post was removed by a moderator."),
        (
            (PostAction.HIDE,),
            "This post is hidden after reports from members, until a moderator reviews it.",
        ),
    ],
    ids=["removed", "hidden"],
)
def test_a_reply_out_of_view_keeps_its_answers_under_a_placeholder_saying_why(
    app, client, actions, placeholder
):
    condition_id, question_id = _question_with_summary(app)
    author = _member(app, condition_id, "wren")
    experience = make_post(app, author, question_id=question_id)
    reply = make_post(app, author, parent_id=experience, text="out of view")
    make_post(app, _member(app, condition_id, "kestrel"), parent_id=reply, text="an answer")
    with app.app_context():
        for action in actions:
            apply_action(db.session.get(Post, reply), action, actor=None)
        db.session.commit()

    # The page's body: the head describes the published posts to search engines.
    html = client.get(QUESTION_URL).text.split("</head>", 1)[1]

    assert "out of view" not in html
    assert html.index(f'id="post-{reply}"') < html.index(placeholder) < html.index("an answer")


def test_replies_deeper_than_five_levels_are_shown_flat_and_say_whom_they_answer(app, client):
    condition_id, question_id = _question_with_summary(app)
    names = [f"member{level}" for level in range(8)]
    parent = None
    ids = []
    for level, name in enumerate(names):
        author = _member(app, condition_id, name)
        if parent is None:
            parent = make_post(app, author, question_id=question_id, text=f"level {level}")
        else:
            parent = make_post(app, author, parent_id=parent, text=f"level {level}")
        ids.append(parent)

    html = client.get(QUESTION_URL).text

    # Levels 6, 7 and 8 hang flat under level 5 (index 4), each naming whom it answers.
    fifth = html.index(f'id="post-{ids[4]}"')
    for deeper in ids[5:]:
        start = html.index(f'id="post-{deeper}"')
        assert html.count("<article", fifth, start) == ids.index(deeper) - 4
        assert html.count("</article>", fifth, start) == ids.index(deeper) - 5
    for answered in ("member4", "member5", "member6"):
        assert f"in reply to @{answered}" in html
    assert "in reply to @member3" not in html


def test_experiences_are_paginated_twenty_a_page(app, client):
    condition_id, question_id = _question_with_summary(app)
    for index in range(23):
        author = _member(app, condition_id, f"member{index:02d}")
        make_post(app, author, question_id=question_id, text=f"story number {index:02d}")

    first = client.get(QUESTION_URL).text
    second = client.get(QUESTION_URL + "?page=2").text

    assert first.count('class="post post-experience"') == 20
    assert second.count('class="post post-experience"') == 3
    assert "story number 22" in second and "story number 22" not in first
    assert "Page 1 of 2" in first
    assert client.get(QUESTION_URL + "?page=99").status_code == 200
    assert client.get(QUESTION_URL + "?page=abc").status_code == 200

"""Confirmations and errors are shown beside what they concern, once, with their role.

A message about a post sits at the top of the post's article; one about joining beside the
join form; one whose place the page does not show, or that has no place, at the top of
the page. Each carries role="status" (a confirmation) or role="alert" (an error), the id
the redirect's fragment names, and tabindex="-1" so that focus can move to it.
"""

import re

from flask import render_template_string

from community import messages
from tests.factories import make_community, make_post
from tests.posts.conftest import QUESTION_URL, SHARE_URL
from tests.web import log_in, post_form

MESSAGE_BOX = re.compile(r'<div class="message[^"]*" role="(\w+)" tabindex="-1"(?: id="([^"]+)")?>')


def _boxes(html: str) -> list[tuple[str, str]]:
    return MESSAGE_BOX.findall(html)


def _follow(client, response):
    assert response.status_code in (302, 303), response.text[:500]
    return client.get(response.headers["Location"]).text


def test_a_shared_experience_is_confirmed_at_the_top_of_its_post_once(app, client):
    make_community(app)
    log_in(client, "wren")

    response = post_form(client, SHARE_URL, {"body": "Cold air sets it off."}, QUESTION_URL)
    location = response.headers["Location"]
    page = _follow(client, response)

    assert location.endswith("#message-post-1")
    assert _boxes(page) == [("status", "message-post-1")]
    article = page.split('id="post-1">', 1)[1]
    # The message comes first in the post's article, before the post's own text.
    assert article.index("will appear once a moderator") < article.index("Cold air sets it off.")
    assert page.count("will appear once a moderator") == 1
    # Shown once: the next page has no message.
    assert _boxes(client.get(QUESTION_URL).text) == []


def test_a_report_is_confirmed_beside_the_reported_post(app, client):
    community = make_community(app)
    theirs = make_post(app, community.kestrel, question_id=community.question_id, text="Hers.")
    log_in(client, "wren")

    response = post_form(
        client, f"/posts/{theirs}/report", {"reason": "spam", "details": ""}, QUESTION_URL
    )
    page = _follow(client, response)

    assert _boxes(page) == [("status", f"message-post-{theirs}")]
    assert page.split(f'id="post-{theirs}">', 1)[1].lstrip().startswith('<div class="message')


def test_joining_is_confirmed_beside_the_join_form(app, client):
    make_community(app)
    log_in(client, "robin")

    page = _follow(client, post_form(client, "/conditions/asthma/join", {"relation": "patient"}))

    assert _boxes(page) == [("status", "message-join")]
    membership = page.split('<div class="membership" id="join">', 1)[1]
    assert membership.lstrip().startswith('<div class="message message-status"')
    assert page.count("You have joined the Asthma community.") == 1


def test_a_message_whose_place_the_page_does_not_show_is_shown_at_the_top(app, client):
    make_community(app)
    log_in(client, "robin")

    response = post_form(
        client,
        "/conditions/asthma/join",
        {"relation": "patient", "next": "/"},
        "/conditions/asthma",
    )
    page = _follow(client, response)

    assert response.headers["Location"] == "/#message-join"
    assert _boxes(page) == [("status", "message-join")]
    assert "flashes" in page.split("You have joined", 1)[0].rsplit("<div", 1)[1]
    assert page.count("You have joined the Asthma community.") == 1


def test_a_message_with_no_place_is_shown_at_the_top_once(app, client):
    make_community(app)
    log_in(client, "robin")

    page = _follow(client, post_form(client, "/auth/logout"))

    assert _boxes(page) == [("status", "")]
    assert page.count("You have logged out.") == 1


def test_a_form_error_is_an_alert_on_top_of_the_form(app, client):
    make_community(app)
    log_in(client, "wren")

    response = post_form(client, SHARE_URL, {"body": ""}, QUESTION_URL)

    assert response.status_code == 400
    alert = re.search(r'<p class="message message-alert" role="alert" tabindex="-1"', response.text)
    assert alert and alert.start() < response.text.index('<form method="post" action="/conditions')


def test_an_edit_is_confirmed_beside_the_post(app, client):
    community = make_community(app)
    post_id = make_post(app, community.wren, question_id=community.question_id, text="First.")
    log_in(client, "wren")

    response = post_form(
        client, f"/posts/{post_id}/edit", {"body": "Second."}, f"/posts/{post_id}/edit"
    )
    page = _follow(client, response)

    assert _boxes(page) == [("status", f"message-post-{post_id}")]
    assert page.count("Your changes are saved") == 1


def test_an_error_and_a_confirmation_at_one_place_are_an_alert_and_a_status(app):
    with app.test_request_context("/"):
        messages.warn("That did not work.", "post-7")
        messages.confirm("This did.", "post-7")
        messages.confirm("About the page.")
        rendered = render_template_string(
            '{% from "_messages.html" import messages_at, message_box %}'
            "{{ messages_at('post-7') }}|{{ message_box(take_messages()) }}"
        )
    placed, top = rendered.split("|")
    # One id for the place, on the first box, which the fragment names.
    assert _boxes(placed) == [("alert", "message-post-7"), ("status", "")]
    assert placed.index("That did not work.") < placed.index("This did.")
    assert _boxes(top) == [("status", "")] and "About the page." in top
    assert "This did." not in top

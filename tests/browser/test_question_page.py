"""What a reader sees on a question page, in a real browser."""

import pytest
from flask import Flask

from community.posts.states import PostAction
from tests.factories import (
    make_condition,
    make_membership,
    make_post,
    make_question,
    make_summary,
    make_user,
)

pytestmark = pytest.mark.browser

QUESTION_PATH = "/conditions/asthma/questions/what-causes-it"


@pytest.fixture
def question_with_experiences(app: Flask) -> str:
    """A reviewed question with one approved thread, one pending and one rejected experience."""
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    make_summary(app, question_id, short_answer="Mostly inflamed airways.")
    sharer_id = make_user(app, "wheezy")
    make_membership(app, sharer_id, condition_id)
    experience_id = make_post(
        app, sharer_id, question_id=question_id, text="Cold air sets mine off."
    )
    replier_id = make_user(app, "breather")
    make_post(app, replier_id, parent_id=experience_id, text="Same here, every winter.")
    # One experience per member and question, so the unpublished ones need their own authors.
    newcomer_id = make_user(app, "newcomer")
    make_post(app, newcomer_id, question_id=question_id, text="Still waiting.", actions=())
    spammer_id = make_user(app, "spammer")
    make_post(
        app,
        spammer_id,
        question_id=question_id,
        text="Spam that was turned away.",
        actions=(PostAction.REJECT,),
    )
    return QUESTION_PATH


def test_reader_sees_summary_and_approved_thread_only(
    page, console_errors, live_server, question_with_experiences
):
    response = page.goto(live_server + question_with_experiences)

    assert response.status == 200
    assert page.locator("h1").inner_text() == "What causes it?"

    short_answer = page.locator(".short-answer")
    assert short_answer.inner_text() == "Mostly inflamed airways."
    body = page.locator(".summary-body")
    assert "The longer body." in body.inner_text()
    assert short_answer.bounding_box()["y"] < body.bounding_box()["y"]

    assert (
        page.locator(".reviewed-by")
        .inner_text()
        .startswith("Medically reviewed by Dr. Ada Example, MD, Immunology on")
    )
    assert page.locator(".sharer-sentence").inner_text() == (
        "1 person with Asthma has shared their first-person experience on this question."
    )

    experience = page.locator(".experiences > article")
    assert experience.count() == 1
    assert "Cold air sets mine off." in experience.inner_text()
    reply = page.locator("article article")
    assert reply.count() == 1
    assert "Same here, every winter." in reply.inner_text()

    text = page.locator("main").inner_text()
    assert "Still waiting." not in text
    assert "Spam that was turned away." not in text
    assert page.locator("time[datetime]").count() >= 2

    assert console_errors == []


def test_unknown_address_shows_page_not_found(page, live_server):
    response = page.goto(live_server + "/conditions/nowhere")

    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"

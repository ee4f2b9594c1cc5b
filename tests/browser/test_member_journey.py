"""A new member registers, joins, shares and waits for moderation; a second member replies."""

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from community.mail.delivery import deliver_forever
from tests.browser.journeys import approve_only_post, register
from tests.factories import make_condition, make_question, make_summary

pytestmark = pytest.mark.browser

QUESTION_PATH = "/conditions/asthma/questions/what-causes-it"
EXPERIENCE = "Cold mornings make my chest tight."
REPLY = "Same for me; a scarf over my mouth helps."


@pytest.fixture
def asthma_question(app: Flask) -> None:
    make_summary(app, make_question(app, make_condition(app)))


@pytest.fixture
def mailbox(app: Flask, tmp_path) -> Iterator[Path]:
    """Deliver mail as `make run` does, from a thread, as .eml files into a folder."""
    folder = tmp_path / "mail"
    app.config.update(COMMUNITY_MAIL_FOLDER=str(folder), COMMUNITY_MAIL_POLL_SECONDS=0.1)
    stop = threading.Event()
    sender = threading.Thread(target=deliver_forever, args=(app, stop), daemon=True)
    sender.start()
    yield folder
    stop.set()
    sender.join(timeout=10)


def test_register_join_share_then_a_second_member_replies(
    app, browser, page, console_errors, live_server, asthma_question, mailbox
):
    # A newcomer registers, confirms the address from the mail, and finds the share form
    # offering to join in place.
    register(page, live_server, "wren", mailbox)
    page.goto(live_server + QUESTION_PATH)
    share = page.locator("#share")
    share.get_by_label("I am joining as").select_option(label="I have this condition")
    share.get_by_role("button", name="Join this community").click()
    page.wait_for_url(re.compile(r"#message-share$"))
    assert "You have joined the Asthma community." in page.locator("#share .message").inner_text()

    # ... shares, and sees the experience marked as awaiting moderation.
    page.get_by_label("Your experience").fill(EXPERIENCE)
    page.get_by_role("button", name="Share experience").click()
    experience = page.locator("article.post-experience", has_text=EXPERIENCE)
    assert experience.locator(".badge-pending").inner_text() == "Awaiting moderation"
    assert "Your experience will appear once a moderator has approved it." in (
        experience.locator(".message").inner_text()
    )

    experience_id = approve_only_post(app)

    # A second member joins from the condition page and replies to the experience.
    second = browser.new_context().new_page()
    register(second, live_server, "kestrel", mailbox)
    second.goto(live_server + "/conditions/asthma")
    second.get_by_label("I am joining as").select_option(label="Family member or caregiver")
    second.get_by_role("button", name="Join this community").click()
    assert second.locator(".counts").inner_text() == "2 community members · 1 contribution"
    second.goto(live_server + QUESTION_PATH)
    assert second.locator(".sharer-sentence").inner_text().startswith("1 person with Asthma")
    post = second.locator(f"#post-{experience_id}")
    assert EXPERIENCE in post.inner_text()
    assert post.locator(".badge-pending").count() == 0
    actions = post.locator("> .post-actions")
    actions.locator("summary", has_text="Reply").click()
    actions.get_by_label("Your reply").fill(REPLY)
    actions.get_by_role("button", name="Reply").click()

    reply = second.locator(f"#post-{experience_id} article.post-reply", has_text=REPLY)
    assert reply.locator(".badge-pending").inner_text() == "Awaiting moderation"
    second.context.close()

    # The first member does not see the reply until a moderator approves it.
    page.goto(live_server + QUESTION_PATH)
    assert REPLY not in page.locator("main").inner_text()
    page.get_by_role("button", name="Log out").click()
    assert "You have logged out." in page.locator(".flashes").inner_text()
    assert console_errors == []

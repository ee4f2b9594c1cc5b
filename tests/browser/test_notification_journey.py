"""A member is told of a reply to their experience, and the notification leads to it.

Mail goes as under `make run`: the delivery loop in a thread writes each message as an
.eml file into the live app's instance folder, where the member reads their link.
"""

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from community.mail.delivery import deliver_forever, mail_folder
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
def instance_mail(app: Flask, tmp_path, monkeypatch) -> Iterator[Path]:
    """The live app's instance/mail folder, written by the delivery loop `make run` starts."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path / "instance"))
    app.config.update(COMMUNITY_MAIL_FOLDER=None, COMMUNITY_MAIL_POLL_SECONDS=0.1)
    folder = mail_folder(app)
    assert folder == tmp_path / "instance" / "mail"
    stop = threading.Event()
    sender = threading.Thread(target=deliver_forever, args=(app, stop), daemon=True)
    sender.start()
    yield folder
    stop.set()
    sender.join(timeout=10)


def header_link(page):
    return page.locator("header").get_by_role("link", name=re.compile(r"^Notifications"))


def open_the_notification(page, sentence: str) -> None:
    header_link(page).click()
    page.get_by_role("link", name=re.compile(sentence)).click()


def test_a_reply_is_told_in_the_header_and_its_notification_leads_to_it(
    app, browser, page, console_errors, live_server, asthma_question, instance_mail
):
    register(page, live_server, "wren", instance_mail)
    page.goto(live_server + QUESTION_PATH)
    share = page.locator("#share")
    share.get_by_label("I am joining as").select_option(label="I have this condition")
    share.get_by_role("button", name="Join this community").click()
    page.wait_for_url(re.compile(r"#(message-)?share$"))
    page.get_by_label("Your experience").fill(EXPERIENCE)
    page.get_by_role("button", name="Share experience").click()

    # A moderator publishes it: its author is told, and the notice leads to it.
    experience_id = approve_only_post(app)
    page.goto(live_server + "/")
    assert header_link(page).inner_text() == "Notifications (1)"
    open_the_notification(page, "was approved")
    page.wait_for_url(f"{live_server}{QUESTION_PATH}#post-{experience_id}")
    assert header_link(page).inner_text() == "Notifications"

    # Another member replies; a moderator approves the reply.
    second = browser.new_context().new_page()
    register(second, live_server, "kestrel", instance_mail)
    second.goto(live_server + "/conditions/asthma")
    second.get_by_label("I am joining as").select_option(label="Family member or caregiver")
    second.get_by_role("button", name="Join this community").click()
    second.goto(live_server + QUESTION_PATH)
    actions = second.locator(f"#post-{experience_id} > .post-actions")
    actions.locator("summary", has_text="Reply").click()
    actions.get_by_label("Your reply").fill(REPLY)
    actions.get_by_role("button", name="Reply").click()
    second.context.close()
    reply_id = approve_only_post(app)

    # The first member sees it counted in the header, opens it and lands on the reply.
    page.goto(live_server + "/")
    assert header_link(page).inner_text() == "Notifications (1)"
    open_the_notification(page, "Someone replied to your post")
    page.wait_for_url(f"{live_server}{QUESTION_PATH}#post-{reply_id}")
    reply = page.locator(f"#post-{reply_id}")
    assert REPLY in reply.inner_text()
    assert reply.is_visible()
    assert header_link(page).inner_text() == "Notifications"
    assert console_errors == []

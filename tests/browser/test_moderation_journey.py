"""A moderator's journey in a real browser, with JavaScript switched off: open the queue,
redact a phone number, save and approve, and find the decision in the audit log."""

import re

import pytest
from flask import Flask

from tests.factories import PASSWORD
from tests.moderation.moderator import make_moderated_community, pending_experience

pytestmark = pytest.mark.browser

PHONE = "+44 20 7946 0958"


@pytest.fixture
def page_without_script(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.errors = errors
    yield page
    context.close()


@pytest.fixture
def pending_post_with_a_phone_number(app: Flask) -> None:
    community = make_moderated_community(app)
    pending_experience(app, community, f"My nurse gave me a spacer. Call me on {PHONE} after six.")


def test_moderator_redacts_a_phone_number_then_saves_and_approves(
    page_without_script, live_server, pending_post_with_a_phone_number
):
    page = page_without_script
    page.goto(live_server + "/auth/login")
    page.get_by_label("Email or username").fill("mod_ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Moderation").click()
    assert page.locator("h1").inner_text() == "Moderation queue"
    item = page.locator(".queue-item")
    assert item.count() == 1
    assert "Possible personal information: phone number" in item.inner_text()
    assert item.locator("mark").inner_text() == PHONE

    item.get_by_role("link", name="Review").click()
    assert page.locator("h1").inner_text().startswith("Review the experience")
    page.get_by_role("button", name=f"Redact phone number “{PHONE}”").click()

    text = page.get_by_label("Text to publish")
    assert text.input_value() == "My nurse gave me a spacer. Call me on [removed] after six."
    assert page.get_by_role("button", name=re.compile("^Redact")).count() == 0
    edit_form = page.locator("form", has=page.get_by_role("button", name="Save and approve"))
    edit_form.get_by_label("Reason").fill("Removed a phone number.")
    edit_form.get_by_role("button", name="Save and approve").click()

    assert "Edited and approved: the experience by wren" in page.locator(".flashes").inner_text()
    assert "Nothing is waiting for approval." in page.locator("main").inner_text()

    page.get_by_role("link", name="Audit log").click()
    entry = page.locator("table.log tbody tr").first
    assert "mod_ada" in entry.inner_text()
    assert "Edited and approved" in entry.inner_text()
    assert "Removed a phone number." in entry.inner_text()
    entry.get_by_text("Text before and after").click()
    assert PHONE in entry.inner_text() and "[removed]" in entry.inner_text()

    page.goto(live_server + "/conditions/asthma/questions/what-causes-it")
    published = page.locator(".experiences article").first.inner_text()
    assert "Call me on [removed] after six." in published
    assert PHONE not in page.content()
    assert page.errors == []

"""Steps the browser tests share: registering from the mailed link, logging in, sending a
form from the page it is on, and a moderator's approval."""

import email
import re
import time
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from community.extensions import db
from community.models import Post, PostState
from community.posts import services
from community.posts.states import PostAction
from tests.factories import PASSWORD

# What members registering in the browser choose.
NEW_PASSWORD = "a long enough password"


def log_in_with_browser(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/auth/login")
    page.get_by_label("Email or username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base_url + "/")


def submit_from_page(page, action: str, values: dict[str, str]):
    """Fill the form posting to ``action`` by field name, submit it, return the response.

    A value given for a submit button's name picks the button (by its value) to click; a
    checkbox is ticked by a value and cleared by an empty one.
    """
    form = page.locator(f'form[action="{action}"]').first
    submitter = form.locator('[type="submit"]').first
    for name, value in values.items():
        field = form.locator(f'[name="{name}"]').first
        if field.get_attribute("type") == "submit":
            submitter = form.locator(f'[name="{name}"][value="{value}"]')
        elif field.get_attribute("type") == "checkbox":
            field.set_checked(bool(value))
        elif field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation() as navigation:
        submitter.click()
    return navigation.value


def read_mail_to(mailbox: Path, address: str) -> EmailMessage:
    """Wait for the message to ``address`` to be written, and read it."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for path in sorted(mailbox.glob("*.eml")):
            message = email.message_from_bytes(path.read_bytes(), policy=default)
            if message["To"] == address:
                return message
        time.sleep(0.1)
    raise AssertionError(f"no mail to {address} in {mailbox}")


def register(page, base: str, username: str, mailbox: Path) -> None:
    """Register, confirm the address from the link in the mail, and log in."""
    address = f"{username}@example.org"
    page.goto(base + "/auth/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email", exact=True).fill(address)
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    assert f"we sent a link to {address}" in page.locator("main").inner_text()

    text = read_mail_to(mailbox, address).get_body(("plain",)).get_content()
    [link] = re.findall(r"http://\S+/auth/verify/\S+", text)
    page.goto(link)
    assert "your email address is confirmed" in page.locator(".flashes").inner_text()
    page.get_by_label("Email or username").fill(username)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def approve_only_post(app: Flask) -> int:
    """Approve the one pending post, as a moderator would."""
    with app.app_context():
        post = db.session.scalar(select(Post).where(Post.state == PostState.PENDING))
        services.apply_action(post, PostAction.APPROVE, actor=None)
        db.session.commit()
        return post.id

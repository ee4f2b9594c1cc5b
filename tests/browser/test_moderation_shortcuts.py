"""The queue's keyboard shortcuts and Select all, in a real browser with script on."""

import re

import pytest

from community.models import PostState
from tests.browser.journeys import log_in_with_browser
from tests.factories import make_post
from tests.moderation.moderator import make_moderated_community, pending_experience
from tests.posts.conftest import stored_post

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def three_waiting(app) -> list[int]:
    community = make_moderated_community(app)
    first = pending_experience(app, community, "First, waiting.")
    return [
        first,
        *(
            make_post(app, community.author_id, parent_id=first, text=text, actions=())
            for text in ("Second, waiting.", "Third, waiting.")
        ),
    ]


def test_j_k_move_between_posts_announced_and_a_approves_the_focused_one(
    app, live_server, page, console_errors, three_waiting
):
    log_in_with_browser(page, live_server, "mod_ada")
    page.goto(live_server + "/moderation/")
    status = page.locator("#shortcut-status")

    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    focused = page.evaluate("document.activeElement.id")
    assert focused == f"queue-post-{three_waiting[0]}"
    expect(status).to_have_text(re.compile(r"^Post 1 of 3 focused: Experience on "))

    page.keyboard.press("?")
    assert page.locator("#shortcut-help").get_attribute("open") is not None

    with page.expect_navigation():
        page.keyboard.press("a")
    assert stored_post(app, three_waiting[0]).state is PostState.APPROVED
    assert stored_post(app, three_waiting[1]).state is PostState.PENDING
    assert console_errors == []


def test_select_all_ticks_every_box_in_place(app, live_server, page, console_errors, three_waiting):
    log_in_with_browser(page, live_server, "mod_ada")
    page.goto(live_server + "/moderation/")
    page.get_by_role("button", name="Select all on this page").click()
    assert page.url == live_server + "/moderation/"
    boxes = page.locator('input[name="selected"]')
    assert boxes.count() == 3
    assert all(boxes.nth(index).is_checked() for index in range(3))
    page.get_by_role("button", name="Approve selected").click()
    assert "Approved 3 posts." in page.locator(".flashes").inner_text()
    assert console_errors == []

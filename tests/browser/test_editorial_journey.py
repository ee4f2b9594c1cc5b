"""Medical review in a real browser: an editor drafts and submits, a reviewer requests
changes, the editor revises, the reviewer signs off, and a visitor reads the new text."""

import pytest

from tests.browser.journeys import log_in_with_browser
from tests.editorial.helpers import QUESTION_PATH, make_desk

pytestmark = pytest.mark.browser

SUMMARY = "/editorial/questions/1/summary"


@pytest.fixture
def person(browser, live_server):
    """Open a browser of its own for each person, logged in as them."""
    contexts = []

    def open_as(username: str | None):
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        if username:
            log_in_with_browser(page, live_server, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_summary_is_drafted_returned_revised_signed_off_and_published(app, live_server, person):
    make_desk(app)
    editor, reviewer, visitor = person("editor"), person("reviewer"), person(None)

    editor.goto(live_server + SUMMARY)
    editor.get_by_label("Short answer").fill("Swollen, narrowed airways.")
    editor.get_by_label("Summary", exact=True).fill("Triggers make the airways *swell*.")
    editor.get_by_label("Sources").fill("MedlinePlus: Asthma | https://medlineplus.gov/asthma.html")
    editor.get_by_label("Change note").fill("First version.")
    editor.get_by_role("button", name="Submit for review").click()
    assert "Submitted for review" in editor.locator(".flashes").inner_text()

    visitor.goto(live_server + QUESTION_PATH)
    assert "No reviewed summary yet" in visitor.locator("main").inner_text()

    reviewer.goto(live_server + "/editorial/")
    reviewer.locator("#awaiting-review").locator("..").get_by_role(
        "link", name="What causes it?"
    ).click()
    reviewer.get_by_label("Reason").fill("Name the common triggers.")
    reviewer.get_by_role("button", name="Request changes").click()
    assert "Returned to the editor" in reviewer.locator(".flashes").inner_text()

    editor.goto(live_server + SUMMARY)
    assert "Name the common triggers." in editor.locator(".return-reason").inner_text()
    editor.get_by_label("Summary", exact=True).fill(
        "Triggers such as cold air, dust and exercise make the airways *swell*."
    )
    editor.get_by_label("Change note").fill("Named the common triggers.")
    editor.get_by_role("button", name="Submit for review").click()
    revision_url = editor.url

    reviewer.goto(revision_url)
    assert reviewer.locator(".diff ins").count() >= 1
    assert reviewer.get_by_label("Next review due").input_value() != ""
    reviewer.get_by_role("button", name="Sign off").click()
    assert "Signed off" in reviewer.locator(".flashes").inner_text()

    # A new visitor: the first may keep the page for COMMUNITY_VISITOR_MAX_AGE, by design.
    visitor = person(None)
    visitor.goto(live_server + QUESTION_PATH)
    main = visitor.locator("main").inner_text()
    assert "Triggers such as cold air, dust and exercise" in main
    assert "Medically reviewed by Dr. Ada Example, MD, Respiratory Medicine on" in main
    assert "Last updated" in main and "Next review due" in main
    visitor.get_by_role("link", name="Review history").click()
    assert "Named the common triggers." in visitor.locator("main").inner_text()

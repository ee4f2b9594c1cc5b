"""A page showing every XSS vector as a post: in Chromium, none of them runs."""

import pytest
from flask import Flask

from tests.factories import make_condition, make_membership, make_post, make_question, make_user
from tests.xss_vectors import XSS_VECTORS

pytestmark = pytest.mark.browser

QUESTION_PATH = "/conditions/asthma/questions/what-causes-it"


@pytest.fixture
def page_of_vectors(app: Flask) -> list[int]:
    """One approved experience and a reply for every other vector, all on one page."""
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    author = make_user(app, "attacker")
    make_membership(app, author, condition_id)
    (_, first), *rest = XSS_VECTORS
    experience = make_post(app, author, question_id=question_id, text=first)
    return [experience, *(make_post(app, author, parent_id=experience, text=p) for _, p in rest)]


@pytest.fixture
def dialogs(page) -> list[str]:
    """Collect (and dismiss) every alert, confirm or prompt the page opens."""
    opened: list[str] = []

    def on_dialog(dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


# What the vectors wait for: the pointer over them, focus, and a moment after loading.
PROVOKE = """
for (const element of document.querySelectorAll(".post-body *")) {
    for (const type of ["mouseover", "mouseenter", "mousemove", "focus", "focusin"]) {
        element.dispatchEvent(new Event(type, {bubbles: true}));
    }
    element.focus();
}
"""


def _provoke(page) -> None:
    page.wait_for_load_state("load")
    page.evaluate(PROVOKE)
    page.mouse.move(10, 10)
    page.mouse.wheel(0, 10_000)


def test_the_probe_sees_a_script_that_runs(page, dialogs):
    page.set_content('<img src="data:," onerror="alert(1)">')
    page.wait_for_function("document.readyState === 'complete'")
    assert dialogs == ["1"]
    page.set_content('<div class="post-body"><p><b onmouseover="window.__xss=2">x</b></p></div>')
    _provoke(page)
    assert page.evaluate("window.__xss") == 2


@pytest.mark.parametrize("path", [QUESTION_PATH, "/members/attacker"])
def test_no_vector_runs_on_a_page_of_posts(page, dialogs, live_server, page_of_vectors, path):
    response = page.goto(live_server + path)
    assert response.status == 200
    shown = page.locator(".post-body").count()
    # The question page shows them all; the profile its first page of twenty.
    assert shown == (len(XSS_VECTORS) if path == QUESTION_PATH else 20)

    _provoke(page)

    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    assert page.locator(".post-body script, .post-body img, .post-body iframe").count() == 0
    assert (
        page.locator(".post-body [onerror], .post-body [onmouseover], .post-body [style]").count()
        == 0
    )

"""After sharing, replying or editing, the confirmation is where the eye is: beside the
post, inside the window, and holding the focus, on a wide screen and on a phone."""

import pytest

from community.posts.states import PostAction
from tests.browser.journeys import log_in_with_browser
from tests.factories import make_membership, make_post, make_small_community, make_user

pytestmark = pytest.mark.browser

QUESTION_PATH = "/conditions/asthma/questions/what-causes-it"
LONG_TEXT = "\n\n".join(f"Paragraph {n} of a long experience about cold air." for n in range(12))

# Where the message is, and whether the focus is on it (or inside it).
WHERE = """(selector) => {
  const message = document.querySelector(selector);
  if (!message) return null;
  const box = message.getBoundingClientRect();
  return {
    // Within the window, give or take a sub-pixel of rounding.
    in_view: box.top >= -1 && box.bottom <= window.innerHeight + 1 && box.height > 0,
    top: box.top, bottom: box.bottom, scroll: window.scrollY, height: window.innerHeight,
    focused: message === document.activeElement || message.contains(document.activeElement),
    role: message.getAttribute('role'),
    text: message.innerText,
  };
}"""


def _long_thread(app) -> tuple[int, int]:
    """The small community, with many long experiences above the member's: their post is
    far below the top of the page."""
    experience = make_small_community(app)
    condition_id = 1
    for number in range(6):
        author = make_user(app, f"writer{number}")
        make_membership(app, author, condition_id)
        make_post(app, author, question_id=2, text=LONG_TEXT, actions=(PostAction.APPROVE,))
    newcomer = make_user(app, "newcomer")
    make_membership(app, newcomer, condition_id)
    return experience, newcomer


def _assert_message_in_view(page, post_id: int, words: str) -> None:
    page.wait_for_load_state("load")
    found = page.evaluate(WHERE, f"#message-post-{post_id}")
    assert found is not None, page.url
    assert words in found["text"]
    assert found["role"] == "status"
    assert found["in_view"], f"message out of view at {page.viewport_size}: {found}"
    assert found["focused"], "the focus is not on the message"


@pytest.mark.parametrize("width", [1280, 390])
def test_share_reply_and_edit_are_confirmed_in_view_and_in_focus(app, live_server, page, width):
    _experience, _newcomer = _long_thread(app)
    page.set_viewport_size({"width": width, "height": 800})
    log_in_with_browser(page, live_server, "newcomer")

    # Share: on the second question, below six long experiences.
    page.goto(live_server + "/conditions/asthma/questions/what-helps")
    page.get_by_label("Your experience").fill("Wrapping a scarf over my mouth helps.")
    with page.expect_navigation():
        page.get_by_role("button", name="Share experience").click()
    shared = int(page.url.rsplit("-", 1)[1])
    _assert_message_in_view(page, shared, "will appear once a moderator has approved it")

    # Reply: to the last of the long experiences, published.
    last = page.locator("article.post-experience").filter(has_text="Paragraph 11").last
    last_id = int(last.get_attribute("id").split("-")[1])
    last.locator("> .post-actions summary", has_text="Reply").click()
    last.locator("> .post-actions").get_by_label("Your reply").fill("Same for me.")
    with page.expect_navigation():
        last.locator("> .post-actions").get_by_role("button", name="Reply").click()
    replied = int(page.url.rsplit("-", 1)[1])
    assert replied != last_id
    _assert_message_in_view(page, replied, "will appear once a moderator has approved it")

    # Edit: the shared experience, from its edit page.
    page.goto(f"{live_server}/posts/{shared}/edit")
    page.get_by_label("Your experience").fill("A scarf over my mouth, and a slow walk.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()
    _assert_message_in_view(page, shared, "Your changes are saved")

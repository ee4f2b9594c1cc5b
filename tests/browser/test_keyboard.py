"""A keyboard-only journey: register, join a community and share, with Tab, Shift+Tab,
Space and Enter alone (and typing into fields). Focus must be visible at every step.
"""

import pytest

from tests.factories import make_small_community
from tests.mail.helpers import link_to

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const label = element.labels && element.labels.length ? element.labels[0].innerText : null;
  const name = label || element.getAttribute('aria-label') || element.innerText || element.value;
  return {
    name: (name || '').trim(),
    tag: element.tagName.toLowerCase(),
    outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    on_screen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0,
    in_main: element.closest('main') !== null,
  };
}"""
MAX_PRESSES = 80


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def press_to(page, name: str, key: str = "Tab") -> dict:
    """Press ``key`` until the control named ``name`` has focus; focus must show at every step."""
    for _ in range(MAX_PRESSES):
        page.keyboard.press(key)
        now = focused(page)
        if now["tag"] == "body":
            continue
        assert now["outlined"] and now["on_screen"], f"focus not visible on {now}"
        if now["name"] == name:
            return now
    raise AssertionError(f"{key} never reached {name!r}")


def activate(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def test_register_join_and_share_with_the_keyboard_alone(app, live_server, page):
    make_small_community(app)
    page.goto(live_server + "/")

    # The first Tab reaches the skip link, which takes focus past the navigation.
    assert press_to(page, "Skip to content")["tag"] == "a"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["in_main"], "the skip link did not move focus to the content"
    # Back up into the navigation, past the skip link's target, to create an account.
    press_to(page, "Create account", key="Shift+Tab")
    activate(page)
    assert page.url.endswith("/auth/register")

    for label, text in (
        ("Username", "keyboarder"),
        ("Email", "keyboarder@example.org"),
        ("Password", "typed without a mouse"),
        ("Confirm password", "typed without a mouse"),
    ):
        press_to(page, label)
        page.keyboard.type(text)
    press_to(page, "Create account")
    activate(page)
    assert "we sent a link to keyboarder@example.org" in page.locator("main").inner_text()

    # The link in the mail is opened as a mail program opens it, then the member logs in.
    page.goto(live_server + link_to(app, "keyboarder@example.org", "/auth/verify/"))
    assert "your email address is confirmed" in page.locator(".flashes").inner_text()
    for label, text in (("Email or username", "keyboarder"), ("Password", "typed without a mouse")):
        press_to(page, label)
        page.keyboard.type(text)
    press_to(page, "Log in")
    activate(page)

    press_to(page, "Asthma")
    activate(page)
    assert press_to(page, "I am joining as")["tag"] == "select"
    press_to(page, "Join this community")
    activate(page, "Space")
    assert "You have joined the Asthma community." in page.locator("#message-join").inner_text()

    press_to(page, "What helps?")
    activate(page)
    assert press_to(page, "Your experience")["tag"] == "textarea"
    page.keyboard.type("Pacing myself helps.\nSo does a warm scarf.")
    press_to(page, "Share experience")
    activate(page)

    assert "will appear once a moderator has approved it" in page.locator(".message").inner_text()
    mine = page.locator("article.post").filter(has_text="Pacing myself helps.")
    assert "Awaiting moderation" in mine.inner_text()
    assert "So does a warm scarf." in mine.inner_text()

"""The site on a phone: nothing scrolls sideways, the header folds into a menu that works
without script, controls are big enough for a thumb, and tables become cards.

Phones are 320 and 390 CSS pixels wide (the narrowest in use, and a common one); the
desktop is 1280. Menus and folded text are <details> elements, so these tests open them
with script switched off, as a reader without it would.
"""

import pytest

from tests.browser.journeys import log_in_with_browser, submit_from_page
from tests.page_types import (
    ALL_ROLES,
    EDITOR,
    MEMBER,
    MODERATOR,
    PAGE_TYPES,
    QUESTION,
    UNSHARED_QUESTION,
    make_world,
)
from tests.web import ANONYMOUS

pytestmark = pytest.mark.browser

PHONES = (320, 390)
PHONE, DESKTOP = {"width": 390, "height": 800}, {"width": 1280, "height": 800}
# The least a control may measure on a phone, each way (WCAG 2.5.5, Apple and Google).
TAP = 44

# The element that sticks out furthest past the right edge, if anything does.
OVERFLOW = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  let widest = null, right = root.clientWidth;
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.right > right) { right = box.right; widest = element; }
  }
  const name = widest ? widest.outerHTML.slice(0, 80) : '?';
  return `${root.scrollWidth} px wide in ${root.clientWidth}: ${name} reaches ${Math.round(right)}`;
}"""
# Every table cell must say which column it is in, for the card it becomes on a phone.
UNLABELLED_CELLS = """() => [...document.querySelectorAll('main td')].filter((cell) => {
  const header = cell.closest('table').querySelectorAll('thead th')[cell.cellIndex];
  const label = cell.getAttribute('data-label');
  return label === null || (label !== '' && label !== header.textContent.trim());
}).map((cell) => cell.outerHTML.slice(0, 80))"""
OPEN_EVERY_DETAILS = "() => document.querySelectorAll('details').forEach((d) => (d.open = true))"
BOX = (
    "(element) => { const box = element.getBoundingClientRect(); return [box.width, box.height]; }"
)


def _no_js(browser, viewport: dict):
    """A page in a browser context without JavaScript, as some readers browse."""
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    return context, context.new_page()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_no_page_scrolls_sideways_on_a_phone(app, live_server, page, role):
    world = make_world(app)
    page.set_viewport_size({"width": PHONES[0], "height": 800})
    if role != ANONYMOUS:
        log_in_with_browser(page, live_server, role)
    checked, problems = 0, []
    for page_type in PAGE_TYPES:
        if role not in page_type.roles or not page_type.in_browser:
            continue
        page.set_viewport_size({"width": PHONES[0], "height": 800})
        page.goto(live_server + page_type.path_in(world))
        if page_type.submit is not None:
            submit_from_page(page, page_type.action_in(world), page_type.submit[1])
        where = f"{page_type.name} as {role}"
        for width in PHONES:
            page.set_viewport_size({"width": width, "height": 800})
            if overflow := page.evaluate(OVERFLOW):
                problems.append(f"{where} at {width} px: {overflow}")
            # Opened menus, reply and report forms and folded text must fit as well.
            page.evaluate(OPEN_EVERY_DETAILS)
            if overflow := page.evaluate(OVERFLOW):
                problems.append(f"{where} at {width} px, details open: {overflow}")
        problems.extend(f"{where}: cell without its column: {cell}" for cell in _cells(page))
        checked += 1
    assert problems == [], "\n".join(problems)
    assert checked == len([t for t in PAGE_TYPES if role in t.roles and t.in_browser]) >= 3


def _cells(page) -> list[str]:
    return page.evaluate(UNLABELLED_CELLS)


def test_the_header_folds_into_a_menu_that_opens_without_script(app, live_server, browser):
    make_world(app)
    context, page = _no_js(browser, PHONE)
    page.goto(live_server + QUESTION)
    header = page.locator(".site-header")
    menu = header.locator(".site-menu > summary")
    conditions = header.get_by_role("link", name="Conditions")
    assert menu.is_visible() and not conditions.is_visible()
    # The search box is there with the menu closed.
    search = header.get_by_role("searchbox", name="Search")
    assert search.is_visible()

    menu.click()
    assert conditions.is_visible()
    header.get_by_role("link", name="Log in").click()
    page.wait_for_url(f"{live_server}/auth/login**")
    assert page.locator("h1").inner_text() == "Log in"

    search.fill("cold air")
    search.press("Enter")
    page.wait_for_url(f"{live_server}/search?q=cold+air")
    assert page.locator("main mark").count() >= 1
    context.close()


def test_a_member_opens_the_menu_and_reaches_their_account_without_script(
    app, live_server, browser
):
    make_world(app)
    context, page = _no_js(browser, PHONE)
    log_in_with_browser(page, live_server, MEMBER)
    header = page.locator(".site-header")
    account = header.get_by_role("link", name="Your account")
    assert not account.is_visible()
    header.locator(".site-menu > summary").click()
    account.click()
    page.wait_for_url(f"{live_server}/account")
    header.locator(".site-menu > summary").click()
    header.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server}/")
    assert header.get_by_role("link", name="Log in", include_hidden=True).count() == 1
    context.close()


def test_on_a_desktop_the_header_links_show_in_a_row_without_a_menu(app, live_server, browser):
    make_world(app)
    context, page = _no_js(browser, DESKTOP)
    page.goto(live_server + QUESTION)
    header = page.locator(".site-header")
    assert not header.locator(".site-menu > summary").is_visible()
    links = [header.get_by_role("link", name=name) for name in ("Conditions", "Log in")]
    assert all(link.is_visible() for link in links)
    search = header.get_by_role("searchbox", name="Search").bounding_box()
    for link in links:
        box = link.bounding_box()
        # In one row with the search box.
        assert box["y"] < search["y"] + search["height"] and search["y"] < box["y"] + box["height"]
    context.close()


@pytest.mark.parametrize("role", [ANONYMOUS, MODERATOR])
def test_header_controls_and_primary_buttons_are_big_enough_to_tap(app, live_server, page, role):
    make_world(app)
    page.set_viewport_size(PHONE)
    if role != ANONYMOUS:
        log_in_with_browser(page, live_server, role)
    small = []
    for path in (QUESTION, UNSHARED_QUESTION, "/auth/login", "/auth/register", "/moderation/"):
        page.goto(live_server + path)
        page.locator(".site-menu").evaluate("(menu) => (menu.open = true)")
        controls = page.locator(
            ".site-header a:visible, .site-header button:visible, .site-header summary:visible,"
            " .site-header input:visible, main .button:visible, main .jump-links a:visible"
        )
        assert controls.count() >= 4
        for control in controls.all():
            width, height = control.evaluate(BOX)
            if width < TAP or height < TAP:
                small.append(
                    f"{path}: {control.evaluate('e => e.outerHTML')[:70]} {width}×{height}"
                )
    assert small == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_the_reply_box_takes_the_whole_width_of_its_post(app, live_server, page, viewport):
    world = make_world(app)
    page.set_viewport_size(viewport)
    log_in_with_browser(page, live_server, MEMBER)
    page.goto(live_server + QUESTION)
    # A reply the member may both answer and report: the two controls side by side.
    post = page.locator(f"#post-{world.suspended_reply}")
    assert post.locator(":scope > .post-actions > .report-control").count() == 1
    post.locator(":scope > .post-actions > .reply-control > summary").click()
    reply = post.get_by_label("Your reply")
    assert reply.is_visible()
    reply_box = reply.bounding_box()
    body_box = post.locator(":scope > .post-body").bounding_box()
    assert abs(reply_box["x"] - body_box["x"]) <= 1
    assert abs(reply_box["width"] - body_box["width"]) <= 1


def test_the_audit_log_shows_cards_with_dates_on_one_line_on_a_phone(app, live_server, page):
    make_world(app)
    page.set_viewport_size({"width": 320, "height": 800})
    log_in_with_browser(page, live_server, MODERATOR)
    page.goto(live_server + "/moderation/log")
    rows = page.locator("table.log tbody tr")
    assert rows.count() >= 2
    # The column headings are left for screen readers; each cell shows its own.
    assert page.locator("table.log thead").evaluate("(head) => head.offsetHeight <= 1")
    for row in rows.all()[:3]:
        assert row.evaluate("(row) => getComputedStyle(row).display") == "block"
        cells = row.locator("td")
        labels = cells.evaluate_all(
            "(cells) => cells.map((cell) => getComputedStyle(cell, '::before').content)"
        )
        assert labels == ['"When"', '"Moderator"', '"Action"', '"On"', '"Reason"']
        # A card is as wide as the page's text, not a squeezed column.
        width = row.evaluate("(row) => row.getBoundingClientRect().width")
        assert width >= page.locator("main h1").bounding_box()["width"] - 1
        when = row.locator("time.when")
        assert when.evaluate("(time) => time.getClientRects().length") == 1

    page.set_viewport_size(DESKTOP)
    row = rows.first
    assert row.evaluate("(row) => getComputedStyle(row).display") == "table-row"
    assert rows.first.locator("time.when").evaluate("(t) => t.getClientRects().length") == 1


# Who reads the share section as what: a prompt to log in, their own experience, a join form.
@pytest.mark.parametrize("role", [ANONYMOUS, MEMBER, EDITOR])
def test_a_phone_reader_jumps_to_the_experiences_or_to_sharing(app, live_server, browser, role):
    make_world(app)
    context, page = _no_js(browser, PHONE)
    if role != ANONYMOUS:
        log_in_with_browser(page, live_server, role)
    page.goto(live_server + QUESTION)
    jumps = page.get_by_role("navigation", name="On this page")
    experiences = jumps.get_by_role("link", name="Jump to experiences")
    share = jumps.get_by_role("link", name="Share yours")
    # Near the top: on the first screen.
    assert share.is_visible() and experiences.is_visible()
    assert share.bounding_box()["y"] + share.bounding_box()["height"] < PHONE["height"]
    for link, target in ((experiences, "#experiences-heading"), (share, "#share")):
        assert link.get_attribute("href") == target
        assert page.locator(target).count() == 1
        link.click()
        assert page.url.endswith(target)
        top = page.locator(target).evaluate("(target) => target.getBoundingClientRect().top")
        assert 0 <= top < PHONE["height"] / 2
        page.goto(live_server + QUESTION)
    context.close()


def test_on_a_phone_the_summary_folds_after_its_short_answer(app, live_server, browser):
    make_world(app)
    context, page = _no_js(browser, PHONE)
    page.goto(live_server + QUESTION)
    assert page.locator(".short-answer").is_visible()
    assert page.locator(".reviewed-by").is_visible()
    body = page.locator(".summary-body")
    assert not body.is_visible()
    page.get_by_text("Read the full summary").click()
    assert body.is_visible()
    context.close()

    context, page = _no_js(browser, DESKTOP)
    page.goto(live_server + QUESTION)
    assert page.locator(".summary-body").is_visible()
    assert not page.get_by_text("Read the full summary").is_visible()
    assert page.locator(".jump-links").is_hidden()
    context.close()

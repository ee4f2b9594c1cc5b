"""Every listing answers whatever ``?page=`` says: a page past the end is an empty page."""

import pytest
from flask import Flask

from community.paging import MAX_PAGE, requested_page
from tests.factories import make_small_community
from tests.web import ANONYMOUS, client_as

# Each paginated listing, and who can see it.
LISTINGS = (
    (ANONYMOUS, "/conditions/asthma/questions/what-causes-it"),
    (ANONYMOUS, "/members/member"),
    ("member", "/account"),
    ("moderator", "/moderation/"),
    ("moderator", "/moderation/log"),
)


@pytest.mark.parametrize(
    ("asked", "given"),
    [
        ("3", 3),
        (str(MAX_PAGE), MAX_PAGE),
        # Beyond any listing, and beyond what a database's OFFSET can hold.
        (str(MAX_PAGE + 1), MAX_PAGE),
        (str(10**20), MAX_PAGE),
        ("0", 1),
        ("-3", 1),
        ("two", 1),
        ("", 1),
    ],
)
def test_the_page_asked_for_is_brought_between_1_and_max_page(asked, given):
    with Flask(__name__).test_request_context(f"/?page={asked}"):
        assert requested_page() == given


def test_every_listing_answers_any_page_number(app):
    make_small_community(app)
    wrong = []
    for role, path in LISTINGS:
        client = client_as(app, role)
        for page in ("2", "99", str(10**20), "0", "-3", "two"):
            response = client.get(path, query_string={"page": page})
            if response.status_code != 200:
                wrong.append(f"{role} {path}?page={page}: {response.status_code}")
    assert wrong == []

"""A small community, crawled as a visitor, a member and a moderator, to feed its every form.

Besides the small community's posts, a reply awaits moderation, so that the moderator's
crawl finds the forms of a pending post (Reject) as well as those of a published one, and
a reply of the member's was rejected, so that their account page offers to rewrite it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from community.accounts.services import find_by_username
from community.posts.states import PostAction
from tests.crawler import Form, Site, crawl
from tests.factories import make_post, make_small_community
from tests.web import ANONYMOUS, client_as, csrf_token

CRAWLING_ROLES = (ANONYMOUS, "member", "moderator")


@dataclass
class CrawledSite:
    app: Flask
    sites: dict[str, Site]
    client: Callable[[str], FlaskClient]
    endpoint_of: Callable[[str], str]
    member_post: int

    def forms(self) -> list[tuple[str, Form]]:
        """Every kind of form for every role: forms that write text first, one-button ones last.

        One-button forms (leave, delete, log out) end what the others need, so they go last.
        """
        found, kinds = [], set()
        for role, site in self.sites.items():
            for form in site.forms:
                if form.kind not in kinds:
                    kinds.add(form.kind)
                    found.append((role, form))
        return sorted(found, key=lambda pair: not pair[1].writes_text)

    def pages(self) -> list[tuple[str, str]]:
        """One page of every endpoint, with the first role that found it."""
        found, endpoints = [], set()
        for role, site in self.sites.items():
            for page in site.pages:
                endpoint = self.endpoint_of(page)
                if endpoint not in endpoints:
                    endpoints.add(endpoint)
                    found.append((role, page))
        return found


def submit(client: FlaskClient, form: Form, values: dict[str, str]):
    """Send ``form`` with ``values`` over its defaults, with a token for this client."""
    data = {**form.defaults(), **values}
    if form.method == "GET":
        return client.get(form.action, query_string=data)
    # A session keeps its token; read it once per client, as a browser tab would.
    if not hasattr(client, "form_token"):
        client.form_token = csrf_token(client, form.page)
    data["csrf_token"] = client.form_token
    return client.post(form.action, data=data)


@pytest.fixture
def crawled(app: Flask) -> CrawledSite:
    post_id = make_small_community(app)
    other = find_user_id(app, "other")
    make_post(app, other, parent_id=post_id, text="Awaiting a moderator.", actions=())
    # The member's rejected reply: /account offers to rewrite it and send it again.
    member = find_user_id(app, "member")
    make_post(app, member, parent_id=post_id, text="Turned away.", actions=(PostAction.REJECT,))
    # One experience a page, so that the question page links to its pages as well.
    app.config["COMMUNITY_EXPERIENCES_PER_PAGE"] = 1
    routes = app.url_map.bind("localhost")

    def endpoint_of(page: str) -> str:
        return routes.match(urlsplit(page).path)[0]

    sites = {role: crawl(client_as(app, role)) for role in CRAWLING_ROLES}
    return CrawledSite(app, sites, partial(client_as, app), endpoint_of, post_id)


def find_user_id(app: Flask, username: str) -> int:
    with app.app_context():
        return find_by_username(username).id

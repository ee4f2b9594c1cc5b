"""Visitors' pages are served whole from the cache while what they show is unchanged."""

import gzip

import pytest
from sqlalchemy import delete

from community.extensions import db
from community.memberships import join
from community.models import Condition, Membership, Post, Relation, Role, User
from community.moderation.services import post_version
from tests.conftest import make_app, redis_url_or_skip, serve_app
from tests.factories import (
    PASSWORD,
    make_condition,
    make_member,
    make_post,
    make_question,
    make_user,
)
from tests.live_server import Browser, gunicorn
from tests.pages import cached_pages, stored_page_keys
from tests.querycount import count_queries, page_statements
from tests.web import log_in

QUESTION_URL = "/conditions/asthma/questions/what-causes-it"


@pytest.fixture
def thread(app):
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    wren = make_member(app, condition_id, "wren")
    experience = make_post(app, wren, question_id=question_id, text="The first experience.")
    return wren, experience


@pytest.mark.parametrize("first", ["identity", "gzip"])
def test_each_encoding_is_stored_when_first_asked_for_and_made_from_the_other(
    app, client, thread, first
):
    ask = {"identity": {}, "gzip": {"Accept-Encoding": "gzip, br"}}
    second = "gzip" if first == "identity" else "identity"
    answers = {first: client.get(QUESTION_URL, headers=ask[first])}
    # Rendered once, stored in the encoding asked for only.
    assert len(stored_page_keys(app)) == 1
    with count_queries(app) as statements:
        answers[second] = client.get(QUESTION_URL, headers=ask[second])
    # Made from the stored one, not rendered again: only the versions are read.
    assert len(statements) == 1
    assert len(stored_page_keys(app)) == 2

    plain, compressed = answers["identity"], answers["gzip"]
    assert "Content-Encoding" not in plain.headers
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.data) == plain.data
    assert "Accept-Encoding" in compressed.vary
    assert plain.headers["ETag"] == compressed.headers["ETag"]
    assert plain.headers["Surrogate-Key"] == compressed.headers["Surrogate-Key"]
    assert len(cached_pages(app)) == 1


def test_a_visitor_holding_the_page_gets_a_304_from_the_cache(app, client, thread):
    etag = client.get(QUESTION_URL).headers["ETag"]
    assert page_statements(app, client, QUESTION_URL) == 1
    again = client.get(QUESTION_URL, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""


def test_each_page_number_is_a_page_of_its_own_and_other_arguments_are_not_cached(
    app, client, thread
):
    client.get(QUESTION_URL)
    client.get(f"{QUESTION_URL}?page=2")
    client.get(f"{QUESTION_URL}?utm_source=search")
    assert len(cached_pages(app)) == 2


def test_visitors_see_a_changed_badge_at_once(app, client, thread):
    assert "Has this condition" in client.get(QUESTION_URL).text

    with app.app_context():
        join(db.session.get(User, thread[0]), db.session.get(Condition, 1), Relation.CAREGIVER)
        db.session.commit()
    assert "Family member or caregiver" in client.get(QUESTION_URL).text

    with app.app_context():
        # A bulk statement: no ORM object changes, the statement's WHERE says which rows.
        db.session.execute(delete(Membership))
        db.session.commit()
    assert "badge-caregiver" not in client.get(QUESTION_URL).text


def test_a_renamed_member_is_renamed_on_cached_pages(app, client, thread):
    assert "wren" in client.get(QUESTION_URL).text
    with app.app_context():
        user = db.session.get(User, thread[0])
        user.username, user.username_key = "robin", "robin"
        db.session.commit()
    page = client.get(QUESTION_URL).text
    assert "robin" in page and ">wren<" not in page


def test_a_members_page_is_never_served_from_the_visitors_cache(app, client, thread):
    wren, experience = thread
    make_post(app, wren, parent_id=experience, text="My reply, pending.", actions=())
    assert "My reply, pending." not in client.get(QUESTION_URL).text

    log_in(client, "wren")
    page = client.get(QUESTION_URL)

    assert "My reply, pending." in page.text
    assert "Awaiting moderation" in page.text
    assert page.headers["Cache-Control"] == "private, no-store"
    assert "Surrogate-Key" not in page.headers
    assert len(cached_pages(app)) == 1


@pytest.fixture
def uncached(database_url):
    yield from serve_app(database_url, COMMUNITY_PAGE_CACHE=False)


def test_the_page_cache_can_be_switched_off(uncached):
    condition_id = make_condition(uncached)
    make_question(uncached, condition_id)
    client = uncached.test_client()
    assert page_statements(uncached, client, QUESTION_URL) == page_statements(
        uncached, client, QUESTION_URL
    )
    assert cached_pages(uncached) == {}


@pytest.fixture
def store_out_of_reach(database_url):
    # Nothing listens on port 1: every call to the store fails at once.
    yield from serve_app(database_url, COMMUNITY_CACHE_URL="redis://127.0.0.1:1/0")


def test_pages_are_served_when_the_store_is_out_of_reach(store_out_of_reach, caplog):
    app = store_out_of_reach
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    wren = make_member(app, condition_id, "wren")
    make_post(app, wren, question_id=question_id, text="The first experience.")
    make_member(app, condition_id, "robin")
    visitor, member = app.test_client(), app.test_client()
    log_in(member, "robin")

    for client in (visitor, member, visitor, member):
        page = client.get(QUESTION_URL)
        assert page.status_code == 200
        assert "The first experience." in page.text
    # Each read and each store of the visitor's page and the member's list said so.
    assert caplog.text.count("Page cache unreachable") >= 4


# --- Across processes ------------------------------------------------------------------


def _decision(app, post_id: int) -> dict:
    with app.app_context():
        version = post_version(db.session.get(Post, post_id))
        # The session's connection back in the pool first, so that disposing closes it.
        db.session.remove()
        db.engine.dispose()
    return {"version": version}


def _write_then_read_across(database_url: str, **settings: str) -> None:
    """A moderator approves through one server; a visitor of the other sees it at once."""
    app = make_app(database_url)
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    wren = make_member(app, condition_id, "wren")
    make_user(app, "kestrel", roles=(Role.MODERATOR,))
    post = make_post(app, wren, question_id=question_id, text="Waiting.", actions=())
    decision = _decision(app, post)

    with (
        gunicorn(database_url, workers=1, **settings) as first,
        gunicorn(database_url, workers=1, **settings) as second,
    ):
        visitor = Browser(second.port)
        for _ in range(2):  # the second time from the cache
            assert "Waiting." not in visitor.get(QUESTION_URL)[1]
            assert "0 contributions" in visitor.get("/")[1]

        moderator = Browser(first.port)
        moderator.log_in("kestrel", PASSWORD)
        moderator.get(f"/moderation/posts/{post}")
        assert moderator.post(f"/moderation/posts/{post}/approve", decision)[0] == 303

        assert "Waiting." in visitor.get(QUESTION_URL)[1]
        assert "1 contribution" in visitor.get("/")[1]


@pytest.mark.fresh_database
def test_two_servers_sharing_the_file_cache_see_a_write_at_once(database_url, tmp_path):
    _write_then_read_across(database_url, COMMUNITY_CACHE_URL=f"file://{tmp_path / 'cache'}")
    assert any((tmp_path / "cache").iterdir())


@pytest.mark.fresh_database
def test_two_servers_sharing_redis_see_a_write_at_once(database_url):
    url = redis_url_or_skip("The Redis page cache test")
    import redis

    client = redis.Redis.from_url(url)
    before = set(client.scan_iter("community-page:*"))
    _write_then_read_across(database_url, COMMUNITY_CACHE_URL=url)
    stored = set(client.scan_iter("community-page:*")) - before
    assert stored
    client.delete(*stored)


CACHED_BEYOND_PAGES = (
    "/conditions/asthma/feed.atom",
    f"{QUESTION_URL}/feed.atom",
    "/search?q=first",
    "/sitemap.xml",
    "/api/v1/conditions",
    "/api/v1/conditions/asthma",
    f"/api/v1{QUESTION_URL}",
    f"/api/v1{QUESTION_URL}?order=newest&relation=patient&page=1",
    "/api/v1/search?q=first",
)


@pytest.mark.parametrize("url", CACHED_BEYOND_PAGES)
def test_feeds_search_the_sitemap_and_the_api_are_served_whole_to_visitors(
    app, client, thread, url
):
    first = client.get(url)
    # Served again: one statement, reading the versions of what the answer shows.
    assert page_statements(app, client, url) == 1
    compressed = client.get(url, headers={"Accept-Encoding": "gzip"})

    assert first.status_code == 200
    assert gzip.decompress(compressed.data) == first.data
    assert compressed.headers["Content-Type"] == first.headers["Content-Type"]
    assert "s-maxage" in compressed.headers["Cache-Control"]
    if url.startswith("/api/"):
        assert compressed.headers["Access-Control-Allow-Origin"] == "*"

"""Visitors' pages can be cached and revalidated; a member's page is never cached."""

import pytest

from tests.conftest import serve_app
from tests.factories import (
    make_condition,
    make_member,
    make_post,
    make_question,
)
from tests.web import csrf_token, log_in

QUESTION_URL = "/conditions/asthma/questions/what-causes-it"
PUBLIC_PAGES = ("/", "/conditions/asthma", QUESTION_URL)


@pytest.fixture
def community(app):
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    author = make_member(app, condition_id, "wren")
    experience = make_post(app, author, question_id=question_id)
    return author, experience


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_visitors_pages_may_be_kept_by_shared_caches_and_revalidated(community, client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response.cache_control.public
    # Browsers revalidate every time; shared caches keep it as long as the settings say.
    assert response.cache_control.max_age == 0
    assert response.cache_control.s_maxage == 0
    assert response.headers["Surrogate-Key"]
    assert "Cookie" in response.vary
    assert response.headers["ETag"]
    assert "Set-Cookie" not in response.headers

    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""


def test_a_new_reply_changes_the_question_pages_etag(app, community, client):
    author, experience = community
    before = client.get(QUESTION_URL).headers["ETag"]

    make_post(app, author, parent_id=experience, text="A reply.")

    response = client.get(QUESTION_URL, headers={"If-None-Match": before})
    assert response.status_code == 200
    assert "A reply." in response.text
    assert response.headers["ETag"] != before


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_members_page_is_private_and_never_stored(community, client, url):
    visitors_etag = client.get(url).headers["ETag"]
    log_in(client, "wren")

    response = client.get(url, headers={"If-None-Match": visitors_etag})

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Cookie" in response.vary
    assert "ETag" not in response.headers


def test_every_response_to_a_member_is_private(community, client):
    log_in(client, "wren")
    response = client.get("/members/wren")
    assert response.headers["Cache-Control"] == "private, no-store"


def test_a_visitors_page_showing_a_flashed_message_is_private(community, client):
    log_in(client, "wren")
    client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})

    response = client.get("/")

    assert "You have logged out." in response.text
    assert response.headers["Cache-Control"] == "private, no-store"
    assert not client.get("/").cache_control.private


@pytest.fixture
def kept_by_a_cdn(database_url):
    yield from serve_app(
        database_url, COMMUNITY_SHARED_MAX_AGE=300, COMMUNITY_STALE_WHILE_REVALIDATE=30
    )


def test_shared_caches_keep_visitors_pages_as_long_as_the_settings_say(kept_by_a_cdn, community):
    response = kept_by_a_cdn.test_client().get(QUESTION_URL)
    assert response.headers["Cache-Control"] == (
        "public, max-age=0, s-maxage=300, stale-while-revalidate=30"
    )


def test_a_question_page_names_its_condition_and_question_for_purging(community, client):
    assert client.get(QUESTION_URL).headers["Surrogate-Key"] == "site condition-1 question-1"
    assert client.get("/conditions/asthma").headers["Surrogate-Key"] == "site condition-1"
    assert client.get("/").headers["Surrogate-Key"] == "site directory"

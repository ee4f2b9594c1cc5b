"""Rate limits on logging in, registering, sharing, replying, editing, reporting; the 429 page.

The rest of the suite runs with limits off (it logs in many times from one address);
here they are on, with small limits so that a few requests reach them.
"""

import re
import threading
import uuid
from collections.abc import Iterator

import pytest
from flask import Flask

from community import create_app
from community.accounts import services
from community.ratelimits import describe_wait
from tests.conftest import serve_app
from tests.factories import (
    PASSWORD,
    make_condition,
    make_member,
    make_post,
    make_question,
    make_user,
)
from tests.web import csrf_token, log_in, post_form

TIGHT_LIMITS = {
    "RATELIMIT_ENABLED": True,
    "COMMUNITY_LIMIT_LOGIN_PER_ADDRESS": "3 per minute",
    "COMMUNITY_LIMIT_LOGIN_PER_ACCOUNT": "2 per minute",
    "COMMUNITY_LIMIT_REGISTER": "2 per minute",
    "COMMUNITY_LIMIT_SHARE": "1 per minute",
    "COMMUNITY_LIMIT_REPLY": "2 per minute",
    "COMMUNITY_LIMIT_EDIT": "2 per minute",
    "COMMUNITY_LIMIT_REPORT": "2 per minute",
    "COMMUNITY_LIMIT_SUGGEST": "2 per minute",
    "COMMUNITY_LIMIT_HELPED": "2 per minute",
    "COMMUNITY_LIMIT_RESET_PER_ADDRESS": "3 per minute",
    "COMMUNITY_LIMIT_RESET_PER_ACCOUNT": "2 per minute",
    "COMMUNITY_LIMIT_VERIFY_RESEND": "1 per minute",
}


@pytest.fixture
def limited_app(database_url: str) -> Iterator[Flask]:
    yield from serve_app(database_url, **TIGHT_LIMITS)


@pytest.fixture
def client(limited_app):
    return limited_app.test_client()


def _log_in_attempt(client, identifier: str, password: str = "wrong password", address=None):
    token = csrf_token(client, "/auth/login")
    environ = {"REMOTE_ADDR": address} if address else {}
    return client.post(
        "/auth/login",
        data={"identifier": identifier, "password": password, "csrf_token": token},
        environ_base=environ,
    )


def _retry_after(response) -> int:
    return int(response.headers["Retry-After"])


def test_failed_log_ins_from_one_address_are_refused_with_a_page_saying_when_to_retry(client):
    for attempt in range(3):
        assert _log_in_attempt(client, f"someone{attempt}").status_code == 400

    refused = _log_in_attempt(client, "someone-else")

    assert refused.status_code == 429
    assert "<h1>Too many requests</h1>" in refused.text
    assert re.search(r"Please wait \d+ (second|minute)s? and try again", refused.text)
    assert 0 < _retry_after(refused) <= 60


def test_failed_log_ins_naming_one_account_are_refused_from_any_address(limited_app, client):
    make_user(limited_app, "wren")
    assert _log_in_attempt(client, "wren", address="10.0.0.1").status_code == 400
    assert _log_in_attempt(client, "WREN", address="10.0.0.2").status_code == 400

    assert _log_in_attempt(client, "wren", address="10.0.0.3").status_code == 429
    # The same address may still try another account.
    assert _log_in_attempt(client, "kestrel", address="10.0.0.3").status_code == 400


def test_failed_log_ins_by_username_and_by_email_count_against_one_account(limited_app, client):
    make_user(limited_app, "wren")
    assert _log_in_attempt(client, "wren", address="10.0.0.1").status_code == 400
    assert _log_in_attempt(client, "Wren@Example.org", address="10.0.0.2").status_code == 400

    assert _log_in_attempt(client, "wren@example.org", address="10.0.0.3").status_code == 429
    # The right password too waits: the counter cannot tell the member from a guesser.
    assert _log_in_attempt(client, "wren", PASSWORD, address="10.0.0.4").status_code == 429


# The guesses in threads, each request on a connection of its own.
@pytest.mark.fresh_database
def test_guesses_sent_at_the_same_moment_are_counted_before_any_is_answered(
    limited_app, monkeypatch
):
    """Four wrong passwords for one account, from four addresses, all in flight at once."""
    make_user(limited_app, "wren")
    guesses = 4
    clients = [limited_app.test_client() for _ in range(guesses)]
    tokens = [csrf_token(client, "/auth/login") for client in clients]
    checking = threading.Semaphore(0)
    answer = threading.Event()
    real_authenticate = services.authenticate

    def authenticate_when_told(identifier: str, password: str):
        checking.release()
        answer.wait(timeout=30)
        return real_authenticate(identifier, password)

    monkeypatch.setattr(services, "authenticate", authenticate_when_told)
    statuses: list[int] = []

    def guess(index: int) -> None:
        statuses.append(
            clients[index]
            .post(
                "/auth/login",
                data={"identifier": "wren", "password": "a guess", "csrf_token": tokens[index]},
                environ_base={"REMOTE_ADDR": f"10.0.1.{index}"},
            )
            .status_code
        )

    threads = [threading.Thread(target=guess, args=(index,)) for index in range(guesses)]
    for thread in threads:
        thread.start()
    # Each guess either reaches the password check, where it waits, or is refused first.
    reached = 0
    while reached + len(statuses) < guesses:
        if checking.acquire(timeout=0.01):
            reached += 1
    answer.set()
    for thread in threads:
        thread.join(timeout=30)

    assert reached == 2
    assert sorted(statuses) == [400, 400, 429, 429]


def test_failed_log_ins_naming_no_account_are_counted_by_the_name_typed(client):
    assert _log_in_attempt(client, "Nobody", address="10.0.0.1").status_code == 400
    assert _log_in_attempt(client, "NOBODY", address="10.0.0.2").status_code == 400

    assert _log_in_attempt(client, "nobody", address="10.0.0.3").status_code == 429
    assert _log_in_attempt(client, "nobody@example.org", address="10.0.0.3").status_code == 400


def test_a_log_in_naming_an_account_with_a_nul_character_is_refused_with_a_400(client):
    # Refused before the account named is looked up: no database can hold the name.
    assert _log_in_attempt(client, "wren\x00").status_code == 400


@pytest.fixture
def default_account_limit(database_url: str) -> Iterator[Flask]:
    # The per-account limit as shipped; the per-address limit out of the way.
    yield from serve_app(
        database_url, RATELIMIT_ENABLED=True, COMMUNITY_LIMIT_LOGIN_PER_ADDRESS="1000 per minute"
    )


def test_a_member_whose_account_is_locked_by_failed_log_ins_waits_a_quarter_hour_at_most(
    default_account_limit,
):
    make_user(default_account_limit, "wren")
    client = default_account_limit.test_client()
    statuses = [_log_in_attempt(client, "wren").status_code for _ in range(5)]
    assert statuses == [400] * 5

    refused = _log_in_attempt(client, "wren", PASSWORD)

    assert refused.status_code == 429
    assert 0 < _retry_after(refused) <= 15 * 60


@pytest.fixture
def behind_a_proxy(database_url: str) -> Iterator[Flask]:
    yield from serve_app(database_url, **TIGHT_LIMITS, COMMUNITY_TRUSTED_PROXIES=1)


def _attempt_through_proxy(client, forwarded_for: str) -> int:
    token = csrf_token(client, "/auth/login")
    # A new name each time: only the limit per address is at stake here.
    name = f"nobody-{uuid.uuid4().hex[:8]}"
    form = {"identifier": name, "password": "wrong password", "csrf_token": token}
    headers = {"X-Forwarded-For": forwarded_for}
    return client.post("/auth/login", data=form, headers=headers).status_code


def test_behind_a_trusted_proxy_each_visitor_address_is_counted_apart(behind_a_proxy):
    client = behind_a_proxy.test_client()
    assert [_attempt_through_proxy(client, "203.0.113.7") for _ in range(4)][-1] == 429
    assert _attempt_through_proxy(client, "198.51.100.2") == 400


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(client):
    addresses = ("203.0.113.7", "198.51.100.2", "192.0.2.1", "192.0.2.2")
    assert [_attempt_through_proxy(client, address) for address in addresses][-1] == 429


def test_successful_log_ins_do_not_count(limited_app, client):
    make_user(limited_app, "wren")
    for _ in range(4):
        log_in(client, "wren")
        client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})
    assert _log_in_attempt(client, "nobody").status_code == 400


def _register(client, username: str):
    token = csrf_token(client, "/auth/register")
    form = {
        "username": username,
        "email": f"{username}@example.org",
        "password": "a long enough password",
        "confirm": "a long enough password",
        "csrf_token": token,
    }
    return client.post("/auth/register", data=form)


def test_registering_is_limited_per_address(limited_app):
    for name in ("wren", "kestrel"):
        assert _register(limited_app.test_client(), name).status_code == 200

    refused = _register(limited_app.test_client(), "finch")

    assert refused.status_code == 429
    assert _retry_after(refused) > 0


@pytest.fixture
def community(limited_app):
    condition_id = make_condition(limited_app)
    questions = [
        make_question(limited_app, condition_id, slug=f"question-{n}", title=f"Question {n}?")
        for n in range(3)
    ]
    members = [make_member(limited_app, condition_id, name) for name in ("wren", "kestrel")]
    return questions, members


def _share(client, question_slug: str):
    url = f"/conditions/asthma/questions/{question_slug}"
    return client.post(
        f"{url}/experiences",
        data={"body": "My experience.", "csrf_token": csrf_token(client, url)},
    )


def test_sharing_is_limited_per_member(limited_app, community):
    wren, kestrel = limited_app.test_client(), limited_app.test_client()
    log_in(wren, "wren")
    log_in(kestrel, "kestrel")

    assert _share(wren, "question-0").status_code == 303
    refused = _share(wren, "question-1")

    assert refused.status_code == 429
    assert "try again" in refused.text
    # Another member, from the same address, is not held back.
    assert _share(kestrel, "question-1").status_code == 303


def test_replying_is_limited_per_member(limited_app, community):
    questions, (wren_id, _) = community
    experience = make_post(limited_app, wren_id, question_id=questions[0])
    client = limited_app.test_client()
    log_in(client, "kestrel")
    page = "/conditions/asthma/questions/question-0"

    def reply():
        token = csrf_token(client, page)
        return client.post(
            f"/posts/{experience}/replies", data={"body": "Thank you.", "csrf_token": token}
        )

    assert [reply().status_code for _ in range(3)] == [303, 303, 429]


def test_editing_is_limited_per_member_and_only_sending_an_edit_counts(limited_app, community):
    questions, (wren_id, kestrel_id) = community
    wrens = [make_post(limited_app, wren_id, question_id=question) for question in questions[:2]]
    kestrels = make_post(limited_app, kestrel_id, question_id=questions[2])
    wren, kestrel = limited_app.test_client(), limited_app.test_client()
    log_in(wren, "wren")
    log_in(kestrel, "kestrel")

    def edit(client, post_id: int, body: str) -> int:
        page = f"/posts/{post_id}/edit"
        return post_form(client, page, {"body": body}, page).status_code

    # Opening the form, as post_form does each time, is not an edit.
    assert [edit(wren, wrens[0], "First."), edit(wren, wrens[1], "Second.")] == [303, 303]
    refused_status = edit(wren, wrens[0], "Third.")
    refused = wren.get(f"/posts/{wrens[0]}/edit")

    assert refused_status == 429
    assert refused.status_code == 200
    # Another member may still edit their own post.
    assert edit(kestrel, kestrels, "Mine.") == 303


def test_reporting_is_limited_per_member(limited_app, community):
    questions, (wren_id, _) = community
    experiences = [make_post(limited_app, wren_id, question_id=question) for question in questions]
    kestrel, finch = limited_app.test_client(), limited_app.test_client()
    make_user(limited_app, "finch")
    log_in(kestrel, "kestrel")
    log_in(finch, "finch")

    def report(client, post_id: int) -> int:
        token = csrf_token(client, "/conditions/asthma/questions/question-0")
        form = {"reason": "spam", "csrf_token": token}
        return client.post(f"/posts/{post_id}/report", data=form).status_code

    assert [report(kestrel, post_id) for post_id in experiences] == [303, 303, 429]
    # Another member may still report the same post.
    assert report(finch, experiences[2]) == 303


def test_suggesting_is_limited_per_member_and_only_sending_counts(limited_app, community):
    make_user(limited_app, "finch")
    kestrel, finch = limited_app.test_client(), limited_app.test_client()
    log_in(kestrel, "kestrel")
    log_in(finch, "finch")
    page = "/conditions/asthma/suggest"

    def suggest(client, title: str) -> int:
        return post_form(client, page, {"title": title}, page).status_code

    # Opening the form, as post_form does each time, is not a suggestion.
    sent = [suggest(kestrel, f"Does weather {n} make it worse?") for n in range(3)]
    assert sent == [303, 303, 429]
    assert kestrel.get(page).status_code == 200
    # Another member is not held back.
    assert suggest(finch, "Does weather 2 make it worse?") == 303


def test_marking_helpful_is_limited_per_member(limited_app, community):
    questions, (wren_id, _) = community
    experience = make_post(limited_app, wren_id, question_id=questions[0])
    kestrel, finch = limited_app.test_client(), limited_app.test_client()
    make_user(limited_app, "finch")
    log_in(kestrel, "kestrel")
    log_in(finch, "finch")

    def helped(client, answer: str) -> int:
        token = csrf_token(client, "/conditions/asthma/questions/question-0")
        form = {"helped": answer, "csrf_token": token}
        return client.post(f"/posts/{experience}/helped", data=form).status_code

    # Marking and taking back, again and again: each press counts.
    assert [helped(kestrel, answer) for answer in ("yes", "no", "yes")] == [303, 303, 429]
    assert helped(finch, "yes") == 303


def _ask_for_reset(client, email: str, address: str = "127.0.0.1"):
    token = csrf_token(client, "/auth/forgot")
    return client.post(
        "/auth/forgot",
        data={"email": email, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_reset_links_asked_for_one_address_are_limited_from_anywhere(limited_app, client):
    make_user(limited_app, "wren")
    for address in ("192.0.2.1", "192.0.2.2"):
        assert _ask_for_reset(client, "wren@example.org", address).status_code == 200
    assert _ask_for_reset(client, "WREN@example.org", "192.0.2.3").status_code == 429
    # Unknown addresses count the same: the limit tells nothing about who has an account.
    for address in ("192.0.2.4", "192.0.2.5"):
        assert _ask_for_reset(client, "nobody@example.org", address).status_code == 200
    assert _ask_for_reset(client, "nobody@example.org", "192.0.2.6").status_code == 429


def test_reset_links_are_limited_per_address(limited_app, client):
    for number in range(3):
        assert _ask_for_reset(client, f"someone{number}@example.org").status_code == 200
    assert _ask_for_reset(client, "someone9@example.org").status_code == 429


def test_limits_are_settings_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("COMMUNITY_LIMIT_SHARE", "3 per day")
    monkeypatch.setenv("RATELIMIT_ENABLED", "false")
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["COMMUNITY_LIMIT_SHARE"] == "3 per day"
    assert app.config["RATELIMIT_ENABLED"] is False


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(1, "1 second"), (45, "45 seconds"), (60, "1 minute"), (61, "2 minutes"), (7200, "2 hours")],
)
def test_the_wait_is_said_the_way_people_say_it(seconds, said):
    assert describe_wait(seconds) == said

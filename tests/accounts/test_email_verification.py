"""A new member confirms their address by a mailed link before sharing, replying or reporting."""

from datetime import timedelta

import pytest

from community.accounts.services import find_by_username
from community.extensions import db
from community.models import utcnow
from tests.factories import (
    make_condition,
    make_membership,
    make_post,
    make_question,
    make_user,
)
from tests.mail.helpers import link_to, outbox
from tests.web import client_as, csrf_token, post_form

QUESTION = "/conditions/asthma/questions/what-causes-it"


@pytest.fixture
def unverified(app) -> dict[str, int]:
    """Asthma with a published experience by wren; heron joined but has not confirmed."""
    condition = make_condition(app)
    question = make_question(app, condition)
    wren = make_user(app, "wren")
    heron = make_user(app, "heron", verified=False)
    make_membership(app, wren, condition)
    make_membership(app, heron, condition)
    post = make_post(app, wren, question_id=question, text="Cold air.")
    return {"post": post, "heron": heron}


def _send(client, path: str, data: dict):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, QUESTION)})


def _verified(app, username: str) -> bool:
    with app.app_context():
        return find_by_username(username).email_verified_at is not None


@pytest.mark.parametrize(
    ("what", "path", "data"),
    [
        ("share", QUESTION + "/experiences", {"body": "Mine."}),
        ("reply", "/posts/{post}/replies", {"body": "A reply."}),
        ("report", "/posts/{post}/report", {"reason": "spam"}),
    ],
)
def test_an_unverified_member_cannot_share_reply_or_report(app, unverified, what, path, data):
    heron = client_as(app, "heron")
    response = _send(heron, path.format(post=unverified["post"]), data)

    assert response.status_code == 403
    assert "Confirm your email address to share, reply or report" in response.text
    with app.app_context():
        from community.models import Post, Report

        assert db.session.query(Post).count() == 1
        assert db.session.query(Report).count() == 0


def test_an_unverified_member_reads_joins_and_is_offered_the_link_again(app, unverified):
    make_condition(app, "lupus", "Lupus")
    heron = client_as(app, "heron")
    page = heron.get(QUESTION)
    assert page.status_code == 200
    assert "Confirm your email address to share, reply or report" in page.text
    assert 'value="Send the link again"' in page.text
    assert 'value="Share experience"' not in page.text
    joined = _send(heron, "/conditions/lupus/join", {"relation": "patient"})
    assert joined.status_code == 303


def test_send_the_link_again_mails_a_link_that_verifies(app, unverified):
    heron = client_as(app, "heron")
    response = _send(heron, "/auth/verify/send", {"next": QUESTION})
    assert response.status_code == 303
    assert response.headers["Location"] == QUESTION
    assert [m.to_address for m in outbox(app)] == ["heron@example.org"]

    link = link_to(app, "heron@example.org", "/auth/verify/")
    assert heron.get(link).status_code == 302
    assert _verified(app, "heron")
    shared = _send(heron, QUESTION + "/experiences", {"body": "Mine."})
    assert shared.status_code == 303


def test_a_verification_link_does_not_sign_anyone_in(app, unverified):
    _send(client_as(app, "heron"), "/auth/verify/send", {})
    visitor = app.test_client()
    response = visitor.get(link_to(app, "heron@example.org", "/auth/verify/"))
    assert response.headers["Location"] == "/auth/login"
    assert visitor.get("/account").status_code == 302
    assert _verified(app, "heron")


def test_a_verification_link_expires_after_seven_days(app, unverified, monkeypatch):
    _send(client_as(app, "heron"), "/auth/verify/send", {})
    link = link_to(app, "heron@example.org", "/auth/verify/")
    later = utcnow() + timedelta(days=7, minutes=1)
    monkeypatch.setattr("community.signed_links.utcnow", lambda: later)
    assert app.test_client().get(link).status_code == 400
    assert not _verified(app, "heron")


def test_a_verification_link_confirms_only_the_address_it_was_sent_to(app, unverified):
    _send(client_as(app, "heron"), "/auth/verify/send", {})
    link = link_to(app, "heron@example.org", "/auth/verify/")
    with app.app_context():
        find_by_username("heron").email = "heron.new@example.org"
        db.session.commit()
    assert app.test_client().get(link).status_code == 400
    assert not _verified(app, "heron")


def test_sending_the_link_again_needs_a_csrf_token(app, unverified):
    heron = client_as(app, "heron")
    assert heron.post("/auth/verify/send").status_code == 400
    assert outbox(app) == []


def test_the_rule_can_be_switched_off(app, unverified):
    app.config["COMMUNITY_REQUIRE_VERIFIED_EMAIL"] = False
    heron = client_as(app, "heron")
    assert _send(heron, QUESTION + "/experiences", {"body": "Mine."}).status_code == 303


def test_accounts_made_on_the_command_line_are_verified(app, runner):
    result = runner.invoke(
        args=[
            "create-user",
            "--username",
            "ibis",
            "--email",
            "ibis@example.org",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code == 0, result.output
    assert _verified(app, "ibis")


def test_registering_mails_a_verification_link(app, client):
    data = {
        "username": "ibis",
        "email": "ibis@example.org",
        "password": "a long enough password",
        "confirm": "a long enough password",
    }
    post_form(client, "/auth/register", data, "/auth/register")
    assert not _verified(app, "ibis")
    app.test_client().get(link_to(app, "ibis@example.org", "/auth/verify/"))
    assert _verified(app, "ibis")

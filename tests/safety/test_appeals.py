"""An author appeals a rejection or removal once; a moderator other than the one who
decided upholds or reverses it, in the audit log and on the author's account page."""

import re

import pytest
from sqlalchemy import select

from community.extensions import db
from community.models import Appeal, AppealStatus, ModerationEvent, PostState, Role, User
from tests.factories import make_user
from tests.moderation.moderator import (
    as_moderator,
    counts,
    decide,
    events,
    make_moderated_community,
    pending_experience,
    submit,
)
from tests.posts.conftest import stored_post
from tests.state import assert_changes_nothing
from tests.web import log_in, log_out

APPEAL_LINK = re.compile(r'<a href="(/account/appeals/\d+)"[^>]*>Appeal</a>')


@pytest.fixture
def community(app):
    community = make_moderated_community(app)
    make_user(app, "mod_ben", roles=(Role.MODERATOR,))
    return community


def _rejected(app, client, community) -> int:
    """wren's experience, rejected by mod_ada; the client is left logged out."""
    post_id = pending_experience(app, community, "Buy my tea, it cures asthma.")
    as_moderator(client, "mod_ada")
    response = decide(client, post_id, "reject", reason="Selling a cure.")
    assert response.status_code == 303, response.text
    log_out(client)
    return post_id


def _appeal(client, message: str = "It is my own experience, not an advert."):
    page = client.get("/account").text
    link = APPEAL_LINK.search(page)
    assert link, "no Appeal beside the decision notice"
    return submit(client, link.group(1), message=message)


def _appeals(app) -> list[tuple]:
    with app.app_context():
        return [
            (appeal.status, appeal.message, appeal.decided_by_id)
            for appeal in db.session.scalars(select(Appeal).order_by(Appeal.id))
        ]


def test_an_author_appeals_a_rejection_with_a_message(app, client, community):
    _rejected(app, client, community)
    log_in(client, "wren")
    link = APPEAL_LINK.search(client.get("/account").text).group(1)
    form = client.get(link).text
    assert ">Your message</label>" in form and 'value="Send appeal"' in form
    assert "Selling a cure." in form and 'href="/guidelines"' in form

    response = submit(client, link, message="  It is my own experience.  ")

    assert response.status_code == 303 and response.headers["Location"] == "/account"
    assert _appeals(app) == [(AppealStatus.OPEN, "It is my own experience.", None)]
    account = client.get("/account").text
    assert "You appealed this decision" in account
    assert APPEAL_LINK.search(account) is None


def test_a_decision_is_appealed_once(app, client, community):
    _rejected(app, client, community)
    log_in(client, "wren")
    link = APPEAL_LINK.search(client.get("/account").text).group(1)
    submit(client, link, message="Please look again.")
    assert_changes_nothing(
        app,
        lambda: submit(client, link, message="Please, again."),
        409,
        "You have already appealed this decision",
    )


def test_an_empty_appeal_is_refused(app, client, community):
    _rejected(app, client, community)
    log_in(client, "wren")
    link = APPEAL_LINK.search(client.get("/account").text).group(1)
    assert_changes_nothing(app, lambda: submit(client, link, message="  "), 400, "nothing was sent")


def test_only_the_author_appeals(app, client, community):
    _rejected(app, client, community)
    with app.app_context():
        event_id = db.session.scalar(
            select(ModerationEvent.id).where(ModerationEvent.action == "reject")
        )
    log_in(client, "kestrel")
    assert client.get(f"/account/appeals/{event_id}").status_code == 403


def test_appeals_have_their_own_queue_view(app, client, community):
    _rejected(app, client, community)
    log_in(client, "wren")
    _appeal(client, "It is my own experience.")
    log_out(client)
    as_moderator(client, "mod_ben")
    queue = client.get("/moderation/?show=appeals").text
    assert "Appeals (1)" in queue
    assert "It is my own experience." in queue and "Selling a cure." in queue
    assert "It is my own experience." not in client.get("/moderation/").text


def test_the_moderator_who_decided_cannot_hear_the_appeal(app, client, community):
    post_id = _rejected(app, client, community)
    log_in(client, "wren")
    _appeal(client)
    log_out(client)
    as_moderator(client, "mod_ada")
    review = client.get(f"/moderation/posts/{post_id}").text
    assert "You took the decision appealed" in review
    assert "Reverse the decision" not in review and "Uphold the decision" not in review
    with app.app_context():
        from community.models import Post
        from community.moderation.services import post_version

        version = post_version(db.session.get(Post, post_id))
    assert_changes_nothing(
        app,
        lambda: decide(client, post_id, "reverse-appeal", version=version),
        403,
        "another moderator hears the appeal",
    )


def test_another_moderator_reverses_a_rejection_and_the_author_is_told(app, client, community):
    post_id = _rejected(app, client, community)
    log_in(client, "wren")
    _appeal(client)
    log_out(client)
    before = counts(app, community)
    as_moderator(client, "mod_ben")
    review = client.get(f"/moderation/posts/{post_id}").text
    assert "Appeal from the author" in review and "Reverse the decision" in review

    response = decide(client, post_id, "reverse-appeal", reason="It reads as experience.")

    assert response.status_code == 303, response.text
    assert stored_post(app, post_id).state is PostState.APPROVED
    assert counts(app, community) == (before[0] + 1, before[1] + 1)
    [(status, _, decided_by)] = _appeals(app)
    assert status is AppealStatus.REVERSED and decided_by is not None
    assert events(app, post_id)[-1][1:3] == ("reverse_on_appeal", "It reads as experience.")
    log_out(client)
    log_in(client, "wren")
    account = client.get("/account").text
    assert (
        "Your appeal about your experience on “What causes it?” was upheld: it is published"
        in account
    )
    assert APPEAL_LINK.search(account) is None


def test_another_moderator_upholds_a_decision_with_a_reason(app, client, community):
    post_id = _rejected(app, client, community)
    log_in(client, "wren")
    _appeal(client)
    log_out(client)
    as_moderator(client, "mod_ben")
    refused = decide(client, post_id, "uphold-appeal", reason=" ")
    assert refused.status_code == 400

    response = decide(client, post_id, "uphold-appeal", reason="It sells a product.")

    assert response.status_code == 303
    assert stored_post(app, post_id).state is PostState.REJECTED
    assert _appeals(app)[0][0] is AppealStatus.UPHELD
    log_out(client)
    log_in(client, "wren")
    account = client.get("/account").text
    assert "the decision stands: It sells a product." in account
    assert APPEAL_LINK.search(account) is None


def _removed_and_appealed(app, client, community) -> int:
    """wren's experience, removed by mod_ada and appealed; the client is mod_ben's."""
    post_id = pending_experience(app, community, "Cold air, for me.")
    as_moderator(client, "mod_ada")
    decide(client, post_id, "approve")
    decide(client, post_id, "remove", reason="Off topic.")
    log_out(client)
    log_in(client, "wren")
    _appeal(client)
    log_out(client)
    as_moderator(client, "mod_ben")
    return post_id


def test_a_removal_reversed_on_appeal_publishes_the_post_again(app, client, community):
    post_id = _removed_and_appealed(app, client, community)
    assert decide(client, post_id, "reverse-appeal").status_code == 303
    assert stored_post(app, post_id).state is PostState.APPROVED


def test_deleting_the_post_erases_the_appeal_message_and_withdraws_the_appeal(
    app, client, community
):
    post_id = _rejected(app, client, community)
    log_in(client, "wren")
    _appeal(client, "My neighbour Ann Smith said so.")
    submit(client, f"/posts/{post_id}/delete")
    [(status, message, decided_by)] = _appeals(app)
    assert message == "[deleted by author]"
    # Nothing is left to publish again: the appeal is closed by its author, not left open.
    assert (status, decided_by) == (AppealStatus.WITHDRAWN, community.author_id)
    assert "the appeal was withdrawn" in client.get("/account").text
    log_out(client)
    as_moderator(client, "mod_ben")
    assert "Appeals (1)" not in client.get("/moderation/?show=appeals").text


def test_a_removal_restored_while_appealed_closes_the_appeal_as_reversed(app, client, community):
    post_id = _removed_and_appealed(app, client, community)

    assert decide(client, post_id, "restore").status_code == 303

    assert stored_post(app, post_id).state is PostState.APPROVED
    with app.app_context():
        mod_ben = db.session.scalar(select(User.id).where(User.username == "mod_ben"))
    [(status, _, decided_by)] = _appeals(app)
    assert (status, decided_by) == (AppealStatus.REVERSED, mod_ben)
    # Nothing is left waiting to be heard.
    queue = client.get("/moderation/?show=appeals").text
    assert "Appeals (1)" not in queue
    assert "It is my own experience, not an advert." not in queue

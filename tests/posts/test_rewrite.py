"""A rejected post is rewritten and sent again by its author, once, from /account."""

import pytest
from sqlalchemy import func, select

from community.appeals.services import AppealRefused, file_appeal
from community.extensions import db
from community.models import Appeal, ModerationEvent, Post, PostState, Role, User
from community.posts import services
from community.posts.rewrite import rewrite_and_send
from community.posts.states import PostAction, TransitionRefused
from tests.factories import make_member, make_post, make_user
from tests.interleaving import interleave
from tests.posts.conftest import stored_post
from tests.state import assert_changes_nothing, community_counts
from tests.web import client_as, log_in, log_out, post_form


def _rejected(app, community, text="Buy my cure.", reason="Advertising is not allowed."):
    post_id = make_post(
        app, community.wren, question_id=community.question_id, text=text, actions=()
    )
    _reject(app, post_id, reason)
    return post_id


def _reject(app, post_id: int, reason: str) -> None:
    with app.app_context():
        services.apply_action(
            db.session.get(Post, post_id), PostAction.REJECT, actor=None, reason=reason
        )
        db.session.commit()


def _rewrite(client, post_id: int, body: str):
    return post_form(client, f"/posts/{post_id}/rewrite", {"body": body}, "/account")


def test_the_account_page_offers_a_rejected_post_to_rewrite_with_its_reason(app, client, community):
    post_id = _rejected(app, community)
    log_in(client, "wren")

    page = client.get("/account").text

    card = page.split(f'id="post-{post_id}"', 1)[1].split("</li>", 1)[0]
    assert "Advertising is not allowed." in card
    assert f'action="/posts/{post_id}/rewrite"' in card
    assert ">Buy my cure.</textarea>" in card
    assert "Rewrite and send again</button>" in card


def test_a_rewritten_post_waits_for_moderation_again_and_counts_do_not_move(app, client, community):
    post_id = _rejected(app, community)
    counts = community_counts(app, community.condition_id, community.question_id)
    log_in(client, "wren")

    response = _rewrite(client, post_id, "What helps me is *warm air*.")

    assert response.status_code == 303
    assert response.headers["Location"] == f"/account#message-post-{post_id}"
    post = stored_post(app, post_id)
    assert post.state is PostState.PENDING
    assert (post.body_markdown, post.body_html) == (
        "What helps me is *warm air*.",
        "<p>What helps me is <em>warm air</em>.</p>",
    )
    assert community_counts(app, community.condition_id, community.question_id) == counts
    with app.app_context():
        event = db.session.scalar(
            select(ModerationEvent).where(ModerationEvent.action == PostAction.RESUBMIT.value)
        )
        assert (event.post_id, event.actor_id) == (post_id, community.wren)
        assert (event.text_before, event.text_after) == (
            "Buy my cure.",
            "What helps me is *warm air*.",
        )
    account = client.get(response.headers["Location"]).text
    message = account.split(f'id="message-post-{post_id}"', 1)[1].split("</div>", 1)[0]
    assert 'role="status"' in account.split(f'id="message-post-{post_id}"', 1)[0][-200:]
    assert "sent again" in message


def test_a_post_is_rewritten_once_a_second_rejection_is_final(app, client, community):
    post_id = _rejected(app, community)
    log_in(client, "wren")
    assert _rewrite(client, post_id, "Second try.").status_code == 303
    _reject(app, post_id, "Still advertising.")

    page = client.get("/account").text
    assert "Still advertising." in page
    assert f'action="/posts/{post_id}/rewrite"' not in page
    assert_changes_nothing(
        app, lambda: _rewrite(client, post_id, "Third try."), 409, "once already"
    )
    assert client.get(f"/posts/{post_id}/rewrite").status_code == 409


def test_only_the_author_may_rewrite_and_only_a_rejected_post(app, client, community):
    post_id = _rejected(app, community)
    theirs = make_post(app, community.kestrel, question_id=community.question_id, text="Theirs.")
    published = make_post(app, community.wren, parent_id=theirs, text="Fine.")
    log_in(client, "kestrel")
    assert_changes_nothing(app, lambda: _rewrite(client, post_id, "Hijacked."), 403)
    assert client.get(f"/posts/{post_id}/rewrite").status_code == 403
    log_out(client)
    log_in(client, "wren")
    assert_changes_nothing(app, lambda: _rewrite(client, published, "Sneaky."), 409)


def test_a_member_who_may_not_write_cannot_rewrite(app, client, community):
    post_id = _rejected(app, community)
    app.config["COMMUNITY_REQUIRE_VERIFIED_EMAIL"] = True
    with app.app_context():
        db.session.get(User, community.wren).email_verified_at = None
        db.session.commit()
    log_in(client, "wren")
    assert f"/posts/{post_id}/rewrite" not in client.get("/account").text
    assert_changes_nothing(app, lambda: _rewrite(client, post_id, "Try."), 403)


def test_the_rewrite_form_keeps_the_text_and_says_what_is_wrong(app, client, community):
    post_id = _rejected(app, community)
    log_in(client, "wren")

    response = _rewrite(client, post_id, "")

    assert response.status_code == 400
    assert 'role="alert"' in response.text and "Advertising is not allowed." in response.text
    assert stored_post(app, post_id).state is PostState.REJECTED


def test_a_post_whose_rejection_is_appealed_waits_for_the_appeal(app, client, community):
    post_id = _rejected(app, community)
    with app.app_context():
        rejection = db.session.scalar(
            select(ModerationEvent).where(
                ModerationEvent.post_id == post_id, ModerationEvent.action == "reject"
            )
        )
        file_appeal(db.session.get(User, community.wren), rejection, "It is my experience.")
        db.session.commit()
    log_in(client, "wren")

    assert f'action="/posts/{post_id}/rewrite"' not in client.get("/account").text
    assert_changes_nothing(app, lambda: _rewrite(client, post_id, "Try."), 409, "appealed")


def test_a_rewrite_in_words_of_crisis_lands_where_help_is(app, client, community):
    post_id = _rejected(app, community)
    log_in(client, "wren")

    response = _rewrite(client, post_id, "Some nights I want to die.")

    assert response.headers["Location"] == "/account#support"
    assert "support-panel" in client.get("/account").text


def test_the_queue_says_a_post_was_rewritten_after_its_rejection(app, client, community):
    rewritten = _rejected(app, community, text="Buy my cure.")
    ash = make_member(app, community.condition_id, "ash")
    first_time = make_post(
        app, ash, question_id=community.question_id, text="Warm air.", actions=()
    )
    log_in(client, "wren")
    _rewrite(client, rewritten, "What helps me is warm air.")
    make_user(app, "mod", roles=(Role.MODERATOR,))

    queue = client_as(app, "mod").get("/moderation/").text

    card = queue.split(f'id="queue-post-{rewritten}"', 1)[1].split("</li>", 1)[0]
    assert "Rewritten after a rejection</strong>: “Advertising is not allowed.”" in card
    assert '<blockquote class="rejected-text">Buy my cure.</blockquote>' in card
    other = queue.split(f'id="queue-post-{first_time}"', 1)[1].split("</li>", 1)[0]
    assert "Rewritten" not in other


def _appeal_and_rewrite(app, community, post_id: int):
    """The appeal of the rejection and the rewrite, as two transactions."""

    def appeal():
        rejection = db.session.scalar(
            select(ModerationEvent).where(
                ModerationEvent.post_id == post_id, ModerationEvent.action == "reject"
            )
        )
        return file_appeal(db.session.get(User, community.wren), rejection, "Look again.")

    def rewrite():
        post = db.session.get(Post, post_id)
        rewrite_and_send(db.session.get(User, community.wren), post, "Warm air.")

    return appeal, rewrite


# Which goes first; what the other, waiting for it, is refused with; the post and its
# appeals afterwards.
AT_ONCE = {
    "appeal first": ("appeal", TransitionRefused, PostState.REJECTED, 1),
    "rewrite first": ("rewrite", AppealRefused, PostState.PENDING, 0),
}


@pytest.mark.fresh_database
@pytest.mark.parametrize("order", AT_ONCE, ids=AT_ONCE.keys())
def test_an_appeal_and_a_rewrite_at_once_one_waits_for_the_other_and_is_refused(
    app, community, order
):
    first, refused, state, appeals = AT_ONCE[order]
    post_id = _rejected(app, community)
    appeal, rewrite = _appeal_and_rewrite(app, community, post_id)
    sent = (appeal, rewrite) if first == "appeal" else (rewrite, appeal)

    done, waited = interleave(app, *sent)

    assert done.error is None
    assert isinstance(waited.error, refused)
    assert stored_post(app, post_id).state is state
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Appeal)) == appeals

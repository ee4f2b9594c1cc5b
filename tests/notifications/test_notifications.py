"""Notifications: who is told what, in the site and by mail, and when."""

import email
import email.policy
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select

from community.accounts.digests import send_due_digests
from community.accounts.notifications_page import sentence_of
from community.extensions import db
from community.mail import delivery
from community.mail.services import set_mail_choice
from community.models import (
    DigestDay,
    MailChoice,
    Notification,
    OutboxMessage,
    Post,
    Question,
    QuestionFollow,
    Role,
    User,
)
from community.notifications import services as notifications
from community.posts import services as posts
from community.posts.states import PostAction
from tests.factories import make_community, make_post, make_user
from tests.web import client_as, log_in, post_form

QUESTION = "/conditions/asthma/questions/what-causes-it"


def _told(app, user_id: int, kind: str | None = None) -> list[Notification]:
    with app.app_context():
        query = select(Notification).where(Notification.recipient_id == user_id)
        if kind is not None:
            query = query.where(Notification.kind == kind)
        rows = list(db.session.scalars(query.order_by(Notification.id)))
        db.session.expunge_all()
        return rows


def _mailed(app, user_id: int, kind: str) -> list[OutboxMessage]:
    with app.app_context():
        rows = list(
            db.session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.user_id == user_id, OutboxMessage.kind == kind
                )
            )
        )
        db.session.expunge_all()
        return rows


def _reply(app, author_id: int, parent_id: int) -> int:
    """A reply waiting for a moderator, written as a request would write it."""
    with app.test_request_context():
        post = posts.create_reply(
            db.session.get(User, author_id), db.session.get(Post, parent_id), "Same here."
        )
        db.session.commit()
        return post.id


def _experience(app, author_id: int, question_id: int) -> int:
    with app.test_request_context():
        post = posts.create_experience(
            db.session.get(User, author_id), db.session.get(Question, question_id), "Cold air."
        )
        db.session.commit()
        return post.id


def _decide(app, post_id: int, action: PostAction, moderator_id: int, reason=None) -> None:
    with app.test_request_context():
        posts.apply_action(
            db.session.get(Post, post_id),
            action,
            actor=db.session.get(User, moderator_id),
            reason=reason,
        )
        db.session.commit()


def _setting(app, user_id: int, kind: str, choice: MailChoice) -> None:
    with app.app_context():
        set_mail_choice(db.session.get(User, user_id), kind, choice)
        db.session.commit()


def _world(app):
    community = make_community(app)
    moderator = make_user(app, "moderator", (Role.MODERATOR,))
    experience = make_post(app, community.wren, question_id=community.question_id)
    # Its approval told its author: start each test with nothing told.
    with app.app_context():
        db.session.execute(delete(Notification))
        db.session.commit()
    return community, moderator, experience


def test_reply_tells_the_parents_author_once_approved_not_while_pending(app):
    community, moderator, experience = _world(app)
    reply = _reply(app, community.kestrel, experience)

    assert _told(app, community.wren) == []
    assert _mailed(app, community.wren, "reply") == []

    _decide(app, reply, PostAction.APPROVE, moderator)

    [told] = _told(app, community.wren)
    assert (told.kind, told.post_id, told.actor_id) == ("reply", reply, community.kestrel)
    [mail] = _mailed(app, community.wren, "reply")
    assert mail.to_address == "wren@example.org"
    assert "/unsubscribe/" in mail.unsubscribe_url
    assert mail.subject.startswith("Someone replied to your post on")
    # The reply's author hears of the moderator's decision, not of their own reply.
    assert [n.kind for n in _told(app, community.kestrel)] == ["moderation"]


def test_a_rejected_reply_tells_the_parents_author_nothing(app):
    community, moderator, experience = _world(app)
    reply = _reply(app, community.kestrel, experience)
    _decide(app, reply, PostAction.REJECT, moderator, reason="Off topic.")

    assert _told(app, community.wren) == []
    [decision] = _told(app, community.kestrel)
    assert (decision.kind, decision.action) == ("moderation", "reject")
    [mail] = _mailed(app, community.kestrel, "moderation")
    assert "Off topic." in mail.text_body


def test_nobody_is_told_of_their_own_reply(app):
    community, moderator, experience = _world(app)
    own_reply = _reply(app, community.wren, experience)
    _decide(app, own_reply, PostAction.APPROVE, moderator)

    assert _told(app, community.wren, "reply") == []
    assert _mailed(app, community.wren, "reply") == []


def test_a_moderator_is_not_told_of_their_own_decision_on_their_own_post(app):
    """Whoever calls the service (a command, a future page): the rule is the notifier's."""
    community, moderator, _ = _world(app)
    with app.app_context():
        db.session.execute(delete(Notification))
        db.session.commit()
    own = _experience(app, moderator, community.question_id)
    _decide(app, own, PostAction.APPROVE, moderator)

    assert _told(app, moderator) == []
    assert _mailed(app, moderator, "moderation") == []


def test_a_restored_reply_is_not_told_twice(app):
    community, moderator, experience = _world(app)
    reply = _reply(app, community.kestrel, experience)
    for action in (PostAction.APPROVE, PostAction.REMOVE, PostAction.RESTORE):
        _decide(app, reply, action, moderator, reason="Reason.")

    assert len(_told(app, community.wren, "reply")) == 1


def test_a_removed_reply_leaves_the_list_and_the_count(app, client):
    community, moderator, experience = _world(app)
    reply = _reply(app, community.kestrel, experience)
    _decide(app, reply, PostAction.APPROVE, moderator)
    log_in(client, "wren")
    assert "Notifications (1)" in client.get("/").text

    _decide(app, reply, PostAction.REMOVE, moderator, reason="Rude.")

    assert "Notifications (" not in client.get("/").text
    assert "replied" not in client.get("/account/notifications").text


def test_follow_and_unfollow_a_question(app, client):
    community, _, _ = _world(app)
    assert "Follow this question" not in client.get(QUESTION).text
    log_in(client, "kestrel")
    assert 'value="Follow this question"' in client.get(QUESTION).text

    response = post_form(client, f"{QUESTION}/follow", {"follow": "yes"}, QUESTION)
    assert response.status_code == 303
    post_form(client, f"{QUESTION}/follow", {"follow": "yes"}, QUESTION)
    with app.app_context():
        assert db.session.get(QuestionFollow, (community.kestrel, community.question_id))
    assert 'value="Unfollow"' in client.get(QUESTION).text

    post_form(client, f"{QUESTION}/follow", {"follow": "no"}, QUESTION)
    with app.app_context():
        assert db.session.get(QuestionFollow, (community.kestrel, community.question_id)) is None


def test_follow_refuses_a_missing_choice_and_an_unknown_question(app, client):
    _world(app)
    log_in(client, "kestrel")
    assert post_form(client, f"{QUESTION}/follow", {}, QUESTION).status_code == 400
    missing = "/conditions/asthma/questions/nowhere/follow"
    assert post_form(client, missing, {"follow": "yes"}, QUESTION).status_code == 404


def test_a_followed_question_tells_of_each_new_approved_experience(app):
    community, moderator, _ = _world(app)
    follower = make_user(app, "follower")
    with app.app_context():
        for member in (follower, community.kestrel):
            notifications.follow(
                db.session.get(User, member), db.session.get(Question, community.question_id)
            )
        db.session.commit()
    experience = _experience(app, community.kestrel, community.question_id)
    assert _told(app, follower) == []

    _decide(app, experience, PostAction.APPROVE, moderator)

    [told] = _told(app, follower)
    assert (told.kind, told.post_id) == ("followed_question", experience)
    assert len(_mailed(app, follower, "followed_question")) == 1
    # Its author follows the question too, and is not told of their own experience.
    assert _told(app, community.kestrel, "followed_question") == []


def _opened(client, notification_id: int) -> str:
    """Open a notification as its link on /account/notifications does; return where it led."""
    response = client.get(f"/account/notifications/{notification_id}")
    assert response.status_code == 303, response.status_code
    return response.headers["Location"]


def test_header_counts_unread_opening_one_reads_it_and_mark_all_read(app, client):
    community, moderator, experience = _world(app)
    for _ in range(2):
        _decide(app, _reply(app, community.kestrel, experience), PostAction.APPROVE, moderator)
    log_in(client, "wren")
    assert "Notifications (2)" in client.get("/").text

    page = client.get("/account/notifications").text
    assert page.count("Someone replied to your post") == 2
    # Listing them reads none: each is read when opened.
    assert "Notifications (2)" in client.get("/").text
    first, second = _told(app, community.wren)
    assert f'href="/account/notifications/{first.id}"' in page
    _opened(client, first.id)
    assert "Notifications (1)" in client.get("/").text
    _opened(client, first.id)
    assert "Notifications (1)" in client.get("/").text

    _decide(app, _reply(app, community.kestrel, experience), PostAction.APPROVE, moderator)
    assert "Notifications (2)" in client.get("/").text
    response = post_form(client, "/account/notifications/read", {}, "/account/notifications")
    assert response.status_code == 303
    assert "Notifications (" not in client.get("/").text


def test_a_notification_and_its_mail_lead_to_the_post_in_its_thread(app, client):
    community, moderator, experience = _world(app)
    app.config["COMMUNITY_CANONICAL_URL"] = "https://health.example.org"
    reply = _reply(app, community.kestrel, experience)
    _decide(app, reply, PostAction.APPROVE, moderator)
    log_in(client, "wren")
    [told] = _told(app, community.wren)

    assert _opened(client, told.id) == f"{QUESTION}#post-{reply}"
    [mail] = _mailed(app, community.wren, "reply")
    assert f"https://health.example.org{QUESTION}#post-{reply}" in mail.text_body
    assert f'href="https://health.example.org{QUESTION}#post-{reply}"' in mail.html_body


def test_a_notification_leads_to_the_page_of_the_question_that_shows_the_post(app, client):
    community, moderator, _ = _world(app)
    app.config["COMMUNITY_EXPERIENCES_PER_PAGE"] = 1
    # Kestrel's experience is the second one listed: it is read on page 2.
    later = make_post(app, community.kestrel, question_id=community.question_id)
    reply = _reply(app, community.wren, later)
    _decide(app, reply, PostAction.APPROVE, moderator)
    log_in(client, "kestrel")
    [told] = _told(app, community.kestrel, "reply")

    assert _opened(client, told.id) == f"{QUESTION}?page=2#post-{reply}"
    [mail] = _mailed(app, community.kestrel, "reply")
    assert f"{QUESTION}?page=2#post-{reply}" in mail.text_body
    assert f'id="post-{reply}"' in client.get(f"{QUESTION}?page=2").text


def test_a_decision_about_a_post_the_page_does_not_show_leads_to_the_account_page(app, client):
    community, moderator, experience = _world(app)
    reply = _reply(app, community.kestrel, experience)
    _decide(app, reply, PostAction.REJECT, moderator, reason="Off topic.")
    log_in(client, "kestrel")
    [told] = _told(app, community.kestrel)

    assert _opened(client, told.id) == "/account"


def test_a_member_cannot_open_anothers_notification_nor_one_about_a_hidden_post(app, client):
    community, moderator, experience = _world(app)
    reply = _reply(app, community.kestrel, experience)
    _decide(app, reply, PostAction.APPROVE, moderator)
    [told] = _told(app, community.wren)
    log_in(client, "kestrel")
    assert client.get(f"/account/notifications/{told.id}").status_code == 404
    assert _told(app, community.wren)[0].read_at is None

    _decide(app, reply, PostAction.REMOVE, moderator, reason="Rude.")
    assert client_as(app, "wren").get(f"/account/notifications/{told.id}").status_code == 404


def test_daily_digest_groups_waiting_notifications_by_kind_once(app):
    community, moderator, experience = _world(app)
    _setting(app, community.wren, "reply", MailChoice.DAILY)
    _setting(app, community.wren, "moderation", MailChoice.DAILY)
    _setting(app, community.kestrel, "moderation", MailChoice.NEVER)
    replies = [_reply(app, community.kestrel, experience) for _ in range(2)]
    for reply in replies:
        _decide(app, reply, PostAction.APPROVE, moderator)
    own = _reply(app, community.wren, experience)
    _decide(app, own, PostAction.REJECT, moderator, reason="Off topic.")
    assert _mailed(app, community.wren, "reply") == []
    assert _mailed(app, community.kestrel, "moderation") == []

    with app.test_request_context():
        assert notifications.send_digests(sentence_of) == 1
        db.session.commit()
    with app.test_request_context():
        assert notifications.send_digests(sentence_of) == 0
        db.session.commit()

    with app.app_context():
        [digest] = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.subject == "Your daily digest")
        ).all()
        assert digest.to_address == "wren@example.org"
        body = digest.text_body
        assert "Replies to your posts:" in body
        assert "Moderators' decisions about your posts:" in body
        assert body.count("Someone replied to your post") == 2
        assert body.count("/unsubscribe/") >= 2
        for reply in replies:
            assert f"{QUESTION}#post-{reply}" in body
            assert f"{QUESTION}#post-{reply}" in digest.html_body


def test_never_mails_but_still_tells_in_the_site(app):
    community, moderator, experience = _world(app)
    _setting(app, community.wren, "reply", MailChoice.NEVER)
    _decide(app, _reply(app, community.kestrel, experience), PostAction.APPROVE, moderator)

    assert len(_told(app, community.wren, "reply")) == 1
    assert _mailed(app, community.wren, "reply") == []


def test_export_holds_notifications_and_follows_and_deletion_removes_them(app, client):
    community, moderator, experience = _world(app)
    _decide(app, _reply(app, community.kestrel, experience), PostAction.APPROVE, moderator)
    with app.app_context():
        notifications.follow(
            db.session.get(User, community.wren), db.session.get(Question, community.question_id)
        )
        db.session.commit()
    log_in(client, "wren")

    data = client.get("/account/export").json
    assert [n["kind"] for n in data["notifications"]] == ["reply"]
    assert data["questions_followed"][0]["question_id"] == community.question_id

    response = post_form(
        client,
        "/account/delete",
        {"password": "correct horse battery", "posts": "remove"},
        "/account/delete",
    )
    assert response.status_code in (302, 303), response.text
    with app.app_context():
        assert (
            db.session.scalars(
                select(Notification).where(Notification.recipient_id == community.wren)
            ).all()
            == []
        )
        assert (
            db.session.scalars(
                select(QuestionFollow).where(QuestionFollow.user_id == community.wren)
            ).all()
            == []
        )


def _daily_reply(app, community, moderator, experience) -> int:
    """Wren, on daily digests of replies, is told of a reply of Kestrel's."""
    _setting(app, community.wren, "reply", MailChoice.DAILY)
    reply = _reply(app, community.kestrel, experience)
    _decide(app, reply, PostAction.APPROVE, moderator)
    return reply


def _digests(app, to: str = "wren@example.org") -> list[OutboxMessage]:
    with app.app_context():
        rows = list(
            db.session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.subject == "Your daily digest", OutboxMessage.to_address == to
                )
            )
        )
        db.session.expunge_all()
        return rows


def _send_due(app, now: datetime) -> int:
    with app.app_context():
        return send_due_digests(now)


def test_a_member_gets_one_digest_a_day_later_news_waits_for_the_next(app):
    community, moderator, experience = _world(app)
    _daily_reply(app, community, moderator, experience)
    morning = datetime(2026, 11, 30, 8, tzinfo=UTC)

    assert _send_due(app, morning) == 1
    _daily_reply(app, community, moderator, experience)
    assert _send_due(app, morning + timedelta(hours=10)) == 0
    assert len(_digests(app)) == 1

    assert _send_due(app, morning + timedelta(days=1)) == 1
    assert len(_digests(app)) == 2


def test_a_digest_leaves_out_a_post_removed_since_it_was_told(app):
    community, moderator, experience = _world(app)
    reply = _daily_reply(app, community, moderator, experience)
    kept = _daily_reply(app, community, moderator, experience)
    _decide(app, reply, PostAction.REMOVE, moderator, reason="Rude.")

    assert _send_due(app, datetime(2026, 11, 30, 8, tzinfo=UTC)) == 1
    [digest] = _digests(app)
    assert f"#post-{kept}" in digest.text_body
    assert digest.text_body.count("Someone replied to your post") == 1


def test_no_digest_is_sent_before_the_digest_hour(app):
    community, moderator, experience = _world(app)
    _daily_reply(app, community, moderator, experience)
    app.config["COMMUNITY_DIGEST_HOUR"] = 7

    assert _send_due(app, datetime(2026, 11, 30, 6, 59, tzinfo=UTC)) == 0
    assert _send_due(app, datetime(2026, 11, 30, 7, tzinfo=UTC)) == 1


def test_a_day_another_sender_claimed_is_not_sent_again(app):
    """Two delivery loops: the one that finds the member's day taken sends nothing."""
    community, moderator, experience = _world(app)
    _daily_reply(app, community, moderator, experience)
    now = datetime(2026, 11, 30, 8, tzinfo=UTC)
    with app.app_context():
        # What the other sender's transaction left when it queued the day's digest.
        db.session.add(DigestDay(user_id=community.wren, sent_on=now.date()))
        db.session.commit()

    assert _send_due(app, now) == 0
    assert _digests(app) == []
    assert _send_due(app, now + timedelta(days=1)) == 1


def test_of_two_senders_claiming_a_members_day_only_the_first_gets_it(app):
    """The compare-and-set each sender makes, whatever it read before."""
    community, _, _ = _world(app)
    today = datetime(2026, 11, 30, tzinfo=UTC).date()
    with app.app_context():
        assert notifications.claim_digest_day(community.wren, today)
        assert not notifications.claim_digest_day(community.wren, today)
        assert notifications.claim_digest_day(community.wren, today + timedelta(days=1))
        assert not notifications.claim_digest_day(community.wren, today + timedelta(days=1))
        db.session.rollback()


@pytest.mark.fresh_database
def test_delivery_loops_running_at_once_send_each_member_one_digest(app):
    """Several senders, each with its own connection and real commits, at the same moment."""
    community, moderator, experience = _world(app)
    _daily_reply(app, community, moderator, experience)
    _setting(app, community.kestrel, "moderation", MailChoice.DAILY)
    _daily_reply(app, community, moderator, experience)
    now = datetime(2026, 11, 30, 8, tzinfo=UTC)
    senders = 4
    start = threading.Barrier(senders)
    failures: list[BaseException] = []

    def sender() -> None:
        try:
            with app.app_context():
                start.wait(timeout=30)
                send_due_digests(now)
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)

    threads = [threading.Thread(target=sender) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    assert len(_digests(app, "wren@example.org")) == 1
    assert len(_digests(app, "kestrel@example.org")) == 1


def test_the_delivery_loop_sends_due_digests_without_cron(app, tmp_path):
    community, moderator, experience = _world(app)
    reply = _daily_reply(app, community, moderator, experience)
    app.config.update(
        COMMUNITY_DIGEST_HOUR=0,
        COMMUNITY_MAIL_FOLDER=str(tmp_path),
        COMMUNITY_CANONICAL_URL="https://health.example.org",
    )

    with app.app_context():
        delivery.deliver_round(app)
    written = [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in tmp_path.glob("*.eml")
    ]
    [digest] = [each for each in written if each["Subject"] == "Your daily digest"]
    assert digest["To"] == "wren@example.org"
    text = digest.get_body(("plain",)).get_content()
    assert f"https://health.example.org{QUESTION}#post-{reply}" in text

    with app.app_context():
        assert delivery.deliver_round(app).sent == 0


def test_send_digests_command_links_to_the_sites_public_address(app):
    community, moderator, experience = _world(app)
    reply = _daily_reply(app, community, moderator, experience)
    app.config["COMMUNITY_CANONICAL_URL"] = "https://health.example.org"

    result = app.test_cli_runner().invoke(args=["send-digests"])
    assert result.exit_code == 0, result.output
    assert "Queued 1 digests." in result.output
    [digest] = _digests(app)
    assert f"https://health.example.org{QUESTION}#post-{reply}" in digest.text_body
    assert "https://health.example.org/account/notifications" in digest.text_body
    assert "https://health.example.org/unsubscribe/" in digest.text_body

    again = app.test_cli_runner().invoke(args=["send-digests"])
    assert "Queued 0 digests." in again.output

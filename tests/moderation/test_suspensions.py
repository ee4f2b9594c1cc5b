"""Moderators suspend members, who keep reading and logging in but cannot write."""

from datetime import UTC, date, datetime, timedelta

from community.extensions import db
from community.models import ModerationEvent, Role, User
from community.moderation.forms import MAX_SUSPENSION_REASON_LENGTH
from tests.factories import make_membership, make_post, make_user
from tests.moderation.moderator import as_moderator, submit
from tests.web import log_in

QUESTION = "/conditions/asthma/questions/what-causes-it"


def _suspend(client, username: str, **data):
    return submit(client, f"/moderation/members/{username}/suspend", **data)


def _member(app, username: str) -> User:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == username))
        db.session.expunge(user)
        return user


def test_a_suspended_member_reads_but_cannot_share_reply_or_report(app, client, community):
    experience = make_post(app, community.author_id, question_id=community.question_id)
    reader = make_user(app, "reader")
    make_membership(app, reader, community.condition_id)
    moderator = as_moderator(app.test_client())
    until = date.today() + timedelta(days=7)
    response = _suspend(moderator, "reader", reason="Repeated spam links.", until=until.isoformat())
    assert response.status_code == 303

    log_in(client, "reader")
    page = client.get(QUESTION)
    assert page.status_code == 200
    assert "Your account is suspended until" in page.text
    assert "Repeated spam links." in page.text
    assert f"/posts/{experience}/report" not in page.text

    share = submit(client, "/conditions/asthma/questions/what-causes-it/experiences", body="Hi.")
    reply = submit(client, f"/posts/{experience}/replies", body="Hi.")
    report = submit(client, f"/posts/{experience}/report", reason="spam")
    for refused in (share, reply, report):
        assert refused.status_code == 403
        assert "Repeated spam links." in refused.text
    account = client.get("/account").text
    assert "Your account is suspended until" in account
    assert "Your account was suspended until" in account

    with app.app_context():
        event = db.session.scalar(
            db.select(ModerationEvent).where(ModerationEvent.action == "suspend")
        )
        assert (event.actor_id, event.action, event.subject_user_id, event.reason) == (
            community.moderator_id,
            "suspend",
            reader,
            "Repeated spam links.",
        )
        assert event.ends_at == datetime.combine(until, datetime.min.time(), UTC)


def test_a_suspension_without_an_end_lasts_until_lifted(app, client, community):
    make_user(app, "reader")
    moderator = as_moderator(client)
    assert _suspend(moderator, "reader", reason="Abuse.").status_code == 303
    member = _member(app, "reader")
    assert member.suspended_until is None and member.suspended_at is not None
    assert "until a moderator lifts it" in client.get("/moderation/members/reader").text

    lifted = submit(client, "/moderation/members/reader/lift")
    assert lifted.status_code == 303
    member = _member(app, "reader")
    assert (member.suspended_at, member.suspension_reason) == (None, None)
    assert submit(client, "/moderation/members/reader/lift").status_code == 409
    log = client.get("/moderation/log").text
    assert "Suspended a member" in log and "Lifted a suspension" in log


def test_a_suspension_reason_may_fill_its_whole_length(app, client, community):
    make_user(app, "reader")
    reason = "x" * MAX_SUSPENSION_REASON_LENGTH
    assert _suspend(as_moderator(client), "reader", reason=reason).status_code == 303
    assert _member(app, "reader").suspension_reason == reason


def test_a_suspension_ends_on_its_day(app, client, community):
    reader = make_user(app, "reader")
    with app.app_context():
        user = db.session.get(User, reader)
        user.suspended_at = datetime.now(UTC) - timedelta(days=8)
        user.suspended_until = datetime.now(UTC) - timedelta(days=1)
        user.suspension_reason = "Spam."
        db.session.commit()
    log_in(client, "reader")
    assert "suspended" not in client.get(QUESTION).text


def test_suspensions_that_are_refused(app, client, community):
    make_user(app, "reader")
    make_user(app, "mod_bo", roles=(Role.MODERATOR,))
    moderator = as_moderator(client)

    no_reason = _suspend(moderator, "reader", reason="")
    assert no_reason.status_code == 400 and "Say why the member is suspended" in no_reason.text
    past = _suspend(moderator, "reader", reason="Spam.", until=date.today().isoformat())
    assert past.status_code == 400 and "a day still to come" in past.text
    not_a_date = _suspend(moderator, "reader", reason="Spam.", until="next week")
    assert not_a_date.status_code == 400
    too_long = _suspend(moderator, "reader", reason="x" * (MAX_SUSPENSION_REASON_LENGTH + 1))
    assert too_long.status_code == 400 and "At most 500 characters." in too_long.text
    assert (
        "Moderators cannot suspend themselves or each other."
        in client.get("/moderation/members/mod_bo").text
    )
    assert _suspend(moderator, "mod_ada", reason="Me.").status_code == 403
    assert _suspend(moderator, "mod_bo", reason="Colleague.").status_code == 403
    assert _suspend(moderator, "nobody", reason="Spam.").status_code == 404
    assert _member(app, "reader").suspended_at is None
    with app.app_context():
        assert db.session.query(ModerationEvent).count() == 0

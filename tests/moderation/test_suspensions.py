"""Moderators suspend members, who keep reading and logging in but cannot write."""

from datetime import UTC, date, datetime, timedelta

import pytest

from community.extensions import db
from community.models import ModerationEvent, Role, User
from community.moderation.forms import MAX_SUSPENSION_REASON_LENGTH
from community.moderation.suspensions import SuspensionRefused, suspension_end
from community.permissions import suspension_notice
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


@pytest.mark.parametrize(
    ("reason", "notice"),
    [
        ("Spam.", "Your account is suspended: Spam. You can read"),
        ("Spam", "Your account is suspended: Spam. You can read"),
        ("Why sell pills?", "Your account is suspended: Why sell pills? You can read"),
        ("Links (rule 3)", "Your account is suspended: Links (rule 3). You can read"),
        ("Said “buy now.”", "Your account is suspended: Said “buy now.” You can read"),
        ("Spam;", "Your account is suspended: Spam. You can read"),
    ],
)
def test_the_suspension_notice_ends_its_sentence_once(reason, notice):
    member = User(username="reader", suspension_reason=reason, suspended_until=None)
    assert suspension_notice(member).startswith(notice)


def test_the_suspension_notice_without_a_reason_says_until_when():
    member = User(username="reader", suspended_until=datetime(2031, 5, 7, tzinfo=UTC))
    assert suspension_notice(member) == (
        "Your account is suspended until 7 May 2031. You can read, but not share, reply or report."
    )


NOW = datetime(2030, 1, 10, 15, 30, tzinfo=UTC)
NEXT_WEEK = date(2030, 1, 17)


@pytest.mark.parametrize(
    ("length", "day", "end"),
    [
        ("7-days", None, NOW + timedelta(days=7)),
        ("30-days", None, NOW + timedelta(days=30)),
        ("until-date", NEXT_WEEK, datetime(2030, 1, 17, tzinfo=UTC)),
        ("until-lifted", None, None),
        # No length picked: the day is the end, or else until lifted, as before lengths.
        (None, NEXT_WEEK, datetime(2030, 1, 17, tzinfo=UTC)),
        ("", None, None),
    ],
)
def test_a_suspension_length_gives_its_end(length, day, end):
    assert suspension_end(length, day, NOW) == end


@pytest.mark.parametrize(
    ("length", "day", "message"),
    [
        ("7-days", NEXT_WEEK, "You chose “7 days” and also gave a day"),
        ("30-days", NEXT_WEEK, "You chose “30 days” and also gave a day"),
        ("until-lifted", NEXT_WEEK, "You chose “Until a moderator lifts it” and also gave"),
        ("until-date", None, "Give the day the suspension ends."),
        ("a fortnight", None, "Choose how long"),
    ],
)
def test_a_suspension_length_that_contradicts_itself_is_refused(length, day, message):
    with pytest.raises(SuspensionRefused) as refused:
        suspension_end(length, day, NOW)
    assert message in str(refused.value) and refused.value.status == 400


def test_a_moderator_suspends_for_7_or_30_days_with_one_choice(app, client, community):
    make_user(app, "reader")
    make_user(app, "writer")
    moderator = as_moderator(client)
    page = moderator.get("/moderation/members/reader").text
    assert 'type="radio"' in page and "7 days" in page and "30 days" in page

    before = datetime.now(UTC)
    assert _suspend(moderator, "reader", reason="Spam.", length="7-days").status_code == 303
    assert _suspend(moderator, "writer", reason="Spam.", length="30-days").status_code == 303
    after = datetime.now(UTC)
    for username, days in (("reader", 7), ("writer", 30)):
        until = _member(app, username).suspended_until.replace(tzinfo=UTC)
        assert before + timedelta(days=days) <= until <= after + timedelta(days=days)


def test_a_length_and_a_day_together_are_refused_and_nothing_is_stored(app, client, community):
    make_user(app, "reader")
    moderator = as_moderator(client)
    next_week = (date.today() + timedelta(days=7)).isoformat()
    both = _suspend(moderator, "reader", reason="Spam.", length="30-days", until=next_week)
    assert both.status_code == 400 and "and also gave a day" in both.text
    unknown = _suspend(moderator, "reader", reason="Spam.", length="forever")
    assert unknown.status_code == 400 and "Choose how long" in unknown.text
    assert _member(app, "reader").suspended_at is None
    with app.app_context():
        assert db.session.query(ModerationEvent).count() == 0

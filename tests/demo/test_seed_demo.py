"""``seed-demo`` writes the demo once, with exact counts, and changes nothing when rerun."""

import configparser
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from community.demo import content
from community.demo.seed import DEMO_PASSWORD
from community.demo.summaries import moved_to_today
from community.editorial.summary_files import read_summary_files
from community.extensions import db
from community.models import (
    Condition,
    HelpedMark,
    Membership,
    ModerationEvent,
    Notification,
    Post,
    PostState,
    Question,
    QuestionSuggestion,
    Report,
    ReportStatus,
    ReviewerProfile,
    RevisionState,
    Role,
    SummaryRevision,
    User,
    utcnow,
)
from tests.web import log_in

PI_QUESTION_URL = (
    "/conditions/primary-immunodeficiency/questions/what-causes-primary-immunodeficiency"
)


def _row_counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
            for model in (
                Condition,
                Question,
                SummaryRevision,
                ReviewerProfile,
                ModerationEvent,
                User,
                Membership,
                Post,
                Report,
                QuestionSuggestion,
            )
        }


def test_seed_demo_is_idempotent_and_its_counts_are_exact(app, runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    rows = _row_counts(app)

    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert "already in place" in second.output
    assert _row_counts(app) == rows

    recount = runner.invoke(args=["recount"])
    assert recount.exit_code == 0, recount.output


def test_seed_demo_has_the_promised_shape(app, runner):
    runner.invoke(args=["seed-demo"])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Condition)) >= 5
        assert db.session.scalar(select(func.count()).select_from(User)) >= 30
        states = set(db.session.scalars(select(Post.state).distinct()))
        assert {PostState.PENDING, PostState.APPROVED, PostState.REJECTED} <= states
        assert {PostState.REMOVED, PostState.HIDDEN} <= states
        open_reports = db.session.scalars(
            select(Report.post_id).where(Report.status == ReportStatus.OPEN)
        ).all()
        # One post reported once, for the reported queue; one hidden by three reports.
        assert sorted(Counter(open_reports).values()) == [1, 3]
        assert db.session.scalar(select(func.max(Post.depth))) >= 3
        questions_without_summary = db.session.scalar(
            select(func.count())
            .select_from(Question)
            .where(~Question.id.in_(select(SummaryRevision.question_id)))
        )
        assert questions_without_summary == 0
        # Summaries in every state, each published one signed off by a reviewer account.
        assert set(db.session.scalars(select(SummaryRevision.state).distinct())) == set(
            RevisionState
        )
        published = db.session.scalars(
            select(SummaryRevision).where(SummaryRevision.state == RevisionState.PUBLISHED)
        ).all()
        assert all(r.signed_off_by_id not in (None, r.editor_id) for r in published)
        assert any(r.next_review_due < date.today() for r in published)
        reviewers = db.session.scalars(select(ReviewerProfile.user_id)).all()
        assert len(reviewers) >= 2
        # Someone runs the site in the browser: an admin, an editor and a moderator.
        held = {grant.role for user in db.session.scalars(select(User)) for grant in user.roles}
        assert {Role.ADMIN, Role.EDITOR, Role.MODERATOR, Role.REVIEWER} <= held


def test_demo_member_has_a_pending_and_a_declined_suggestion(app, runner):
    runner.invoke(args=["seed-demo"])
    with app.app_context():
        states = db.session.scalars(
            select(QuestionSuggestion.state)
            .join(User, User.id == QuestionSuggestion.author_id)
            .where(User.username == "marisol_k")
        ).all()
        assert sorted(state.value for state in states) == ["declined", "pending"]
    client = app.test_client()
    log_in(client, "marisol_k", DEMO_PASSWORD)
    account = client.get("/account").text
    assert "Which vaccines are safe for me?" in account and "Editor’s reason: Which" in account
    assert "How do you cope with infections at work?" in account


def test_demo_question_page_reads_like_the_seed(app, runner, client):
    runner.invoke(args=["seed-demo"])
    html = client.get(PI_QUESTION_URL).text
    assert "<h1>What are the primary causes of Primary Immunodeficiency?</h1>" in html
    assert (
        "2 people with Primary Immunodeficiency have shared their first-person experience"
        " on this question" in html
    )
    assert "Medically reviewed by" in html
    assert "4 people found this helpful" in html
    # The file says 7 April 2026, the day before its dates were written: kept that old.
    updated = moved_to_today(date(2026, 4, 7))
    assert (
        f'Last updated <time datetime="{updated.isoformat()}">'
        f"{updated.day} {updated:%B %Y}</time>" in html
    )


def test_every_demo_data_file_is_read_by_the_import_code():
    files = sorted(content.SUMMARIES.glob("*.md"))
    summaries = read_summary_files(content.SUMMARIES)
    assert [summary.file_name for summary in summaries] == [path.name for path in files]
    demo = content.load()
    # Every question of every condition has its file, and no file is left over.
    asked = {(c.slug, slug) for c in demo.conditions for slug in c.questions}
    assert asked == {(s.condition, s.question) for s in summaries}
    assert all(s.content.reviewer_name and s.content.next_review_due for s in summaries)
    members = {member.username for member in demo.members}

    def authors(stories):
        for story in stories:
            yield story.author
            yield from authors(story.replies)

    assert set(authors(demo.stories)) <= members


def test_the_data_files_are_package_data():
    parser = configparser.ConfigParser()
    parser.read(Path(__file__).parents[2] / "setup.cfg")
    patterns = parser["options.package_data"]["community"].split()
    package = Path(content.__file__).parents[1]
    shipped = {path for pattern in patterns for path in package.glob(pattern) if path.is_file()}
    assert set(content.DATA.rglob("*.*")) <= shipped


def _snapshot(app) -> list[tuple]:
    """Every seeded row's identity, state and dates."""
    with app.app_context():
        return [
            *db.session.execute(
                select(User.username, User.created_at).order_by(User.username)
            ).all(),
            *db.session.execute(
                select(Membership.user_id, Membership.condition_id, Membership.created_at).order_by(
                    Membership.id
                )
            ).all(),
            *db.session.execute(
                select(
                    Post.id, Post.state, Post.created_at, Post.approved_at, Post.body_markdown
                ).order_by(Post.id)
            ).all(),
            *db.session.execute(
                select(
                    SummaryRevision.id,
                    SummaryRevision.state,
                    SummaryRevision.reviewed_on,
                    SummaryRevision.updated_on,
                    SummaryRevision.next_review_due,
                    SummaryRevision.body_markdown,
                ).order_by(SummaryRevision.id)
            ).all(),
            *db.session.execute(
                select(ModerationEvent.id, ModerationEvent.created_at).order_by(ModerationEvent.id)
            ).all(),
        ]


def test_seeding_twice_changes_nothing(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    first = _snapshot(app)
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert _snapshot(app) == first


def test_every_demo_date_is_coherent_with_today(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        now = utcnow()
        today = now.date()
        first_post = dict(
            db.session.execute(
                select(Post.author_id, func.min(Post.created_at)).group_by(Post.author_id)
            ).all()
        )
        joined = db.session.execute(select(Membership.user_id, Membership.created_at)).all()
        accounts = dict(db.session.execute(select(User.id, User.created_at)).all())
        assert first_post
        for user_id, joined_at in joined:
            assert accounts[user_id] <= joined_at < first_post.get(user_id, now)
        for post in db.session.scalars(select(Post)):
            assert accounts[post.author_id] < post.created_at < now
            assert post.approved_at is None or post.created_at < post.approved_at < now
            if post.parent_id is not None:
                assert db.session.get(Post, post.parent_id).created_at < post.created_at
        for event_at in db.session.scalars(select(ModerationEvent.created_at)):
            assert event_at <= now
        for report_at in db.session.scalars(select(Report.created_at)):
            assert report_at <= now
        overdue = 0
        for revision in db.session.scalars(select(SummaryRevision)):
            assert revision.updated_on <= today
            if revision.state == RevisionState.PUBLISHED:
                assert revision.reviewed_on <= revision.updated_on
                assert revision.reviewed_on < revision.next_review_due
                assert revision.signed_off_at <= now
                overdue += revision.next_review_due < today
        # Exactly one summary is overdue for review, whatever the date the demo is seeded.
        assert overdue == 1


# Dates that are ahead of today on purpose.
AHEAD = {"next_review_due", "suspended_until", "ends_at", "expires_at"}


def test_nothing_in_the_demo_is_dated_in_the_future(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        now, today = utcnow(), utcnow().date()
        checked = 0
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                dated = column.name.endswith(("_at", "_on")) and column.name not in AHEAD
                if not dated:
                    continue
                newest = db.session.scalar(select(func.max(column)))
                if newest is not None:
                    checked += 1
                    limit = now if hasattr(newest, "hour") else today
                    assert newest <= limit, f"{table.name}.{column.name} is {newest}"
        assert checked > 15


def test_members_join_before_they_write_and_places_exist_before_their_posts(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        accounts = {user.id: user for user in db.session.scalars(select(User))}
        joined = {
            (membership.user_id, membership.condition_id): membership.created_at
            for membership in db.session.scalars(select(Membership))
        }
        # The demo's activity ends within hours of its last post, not on the day it is seeded.
        last_post = db.session.scalar(select(func.max(Post.created_at)))
        activity_ends = last_post + timedelta(hours=3)
        for post in db.session.scalars(select(Post)):
            assert post.updated_at <= activity_ends, post.id
            assert post.approved_at is None or post.approved_at <= activity_ends, post.id
            author = accounts[post.author_id]
            assert author.created_at <= joined[author.id, post.condition_id] < post.created_at
            assert post.condition.created_at < post.created_at
            assert post.question.created_at < post.created_at
            assert post.created_at <= post.updated_at
        for user in accounts.values():
            assert user.email_verified_at is None or user.created_at <= user.email_verified_at
        for profile in db.session.scalars(select(ReviewerProfile)):
            assert profile.created_at == accounts[profile.user_id].created_at
        marks = db.session.scalars(select(HelpedMark)).all()
        assert len(marks) == sum(len(story.helped_by) for story in content.load().stories)
        for mark in marks:
            post = db.session.get(Post, mark.post_id)
            assert post.approved_at < mark.created_at <= activity_ends
            assert joined[mark.user_id, post.condition_id] < mark.created_at
            assert mark.user_id != post.author_id
            assert post.helped_count == len([other for other in marks if other.post_id == post.id])
        for notification in db.session.scalars(select(Notification)):
            if notification.post_id is not None:
                written = db.session.get(Post, notification.post_id).created_at
                assert written <= notification.created_at <= activity_ends, notification.kind
        for revision in db.session.scalars(
            select(SummaryRevision).where(SummaryRevision.signed_off_at.is_not(None))
        ):
            assert revision.question.created_at <= revision.signed_off_at
            reviewer = accounts[revision.signed_off_by_id]
            assert reviewer.created_at <= revision.signed_off_at

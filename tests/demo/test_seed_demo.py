"""``seed-demo`` writes the demo once, with exact counts, and changes nothing when rerun."""

from collections import Counter
from datetime import date

from sqlalchemy import func, select

from community.extensions import db
from community.models import (
    Condition,
    Membership,
    ModerationEvent,
    Post,
    PostState,
    Question,
    Report,
    ReportStatus,
    ReviewerProfile,
    RevisionState,
    SummaryRevision,
    User,
)

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


def test_demo_question_page_reads_like_the_seed(app, runner, client):
    runner.invoke(args=["seed-demo"])
    html = client.get(PI_QUESTION_URL).text
    assert "<h1>What are the primary causes of Primary Immunodeficiency?</h1>" in html
    assert (
        "2 people with Primary Immunodeficiency have shared their first-person experience"
        " on this question" in html
    )
    assert "Medically reviewed by" in html
    assert 'Last updated <time datetime="2026-04-07">7 April 2026</time>' in html

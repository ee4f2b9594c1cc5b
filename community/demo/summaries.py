"""The demo's summaries, imported from their files and signed off through the editorial workflow.

Each summary file in ``data/summaries`` is imported by the same code as ``import-summaries
--signed-off-by``, signed off by the demo reviewer the file names (an account with a
profile), then dated as the file says, moved to today: the files were written as of
DATES_WRITTEN_ON, and the demo keeps their ages, so one summary is always overdue for
review and none is dated in the future. A few questions also carry a revision in each
unfinished state, written by the demo editor, for the dashboard.
"""

from datetime import UTC, date, datetime, time

from sqlalchemy import func, select, update

from community.demo import content
from community.editorial import services as editorial
from community.editorial.reviewers import reviewer_profile, save_reviewer_profile
from community.editorial.summary_files import SummaryFile, import_summary
from community.extensions import db
from community.models import ModerationEvent, Question, Role, SummaryRevision, User

DEMO_EDITOR = "demo_editor"
RETURN_REASON = "Please cite the current guideline for this advice before it goes live."
# "Today" for the dates in the summary files: the day after the newest of them.
DATES_WRITTEN_ON = date(2026, 4, 8)

# (condition slug, question slug): the unfinished revision that question also carries.
UNFINISHED = {
    ("type-1-diabetes", "how-is-type-1-diabetes-managed"): "draft",
    ("multiple-sclerosis", "how-is-multiple-sclerosis-diagnosed"): "submitted",
    ("crohns-disease", "how-is-crohns-disease-treated"): "returned",
}


def reviewer_username(name: str) -> str:
    """The demo account of a reviewer named in the summary files: rev_<surname>."""
    return "rev_" + name.split()[-1].lower()


def demo_reviewers() -> dict[str, tuple[str, str]]:
    """Each reviewer named in the summary files: their credentials and a condition, by name."""
    reviewers = {}
    for summary in content.load().summaries.values():
        reviewers[summary.content.reviewer_name] = (
            summary.content.reviewer_credentials,
            summary.condition_name,
        )
    return reviewers


def seed_people(make_user) -> tuple[User, dict[str, User]]:
    """The demo editor and every reviewer, each reviewer with a profile."""
    editor = make_user(DEMO_EDITOR, (Role.EDITOR,))
    reviewers = {}
    for name, (credentials, specialty) in demo_reviewers().items():
        user = make_user(reviewer_username(name), (Role.REVIEWER,))
        if reviewer_profile(user) is None:
            save_reviewer_profile(
                user,
                full_name=name,
                credentials=credentials,
                specialty=credentials.split(", ")[-1] or specialty,
            )
            # Written when the account was made, before the reviewer signed anything off.
            profile = reviewer_profile(user)
            profile.created_at = profile.updated_at = user.created_at
        reviewers[name] = user
    return editor, reviewers


def moved_to_today(day: date) -> date:
    """A date of the summary files, as many days before today as it was before they were written."""
    return day + (editorial.today() - DATES_WRITTEN_ON)


def seed_summary(
    question: Question, summary: SummaryFile, editor: User, reviewers: dict[str, User]
) -> None:
    """Import and publish the summary file of ``question``, unless it has revisions already."""
    has_revision = db.session.scalar(
        select(func.count())
        .select_from(SummaryRevision)
        .where(SummaryRevision.question_id == question.id)
    )
    if has_revision:
        return
    dated = summary.content
    revision = import_summary(summary, signed_off_by=reviewers[dated.reviewer_name])
    # The demo's history: written, submitted and signed off on the files' dates, kept as old.
    revision.reviewed_on = moved_to_today(dated.reviewed_on)
    revision.updated_on = moved_to_today(dated.updated_on)
    revision.next_review_due = moved_to_today(dated.next_review_due)
    signed_at = datetime.combine(revision.reviewed_on, time(10), tzinfo=UTC)
    revision.created_at = revision.submitted_at = revision.signed_off_at = signed_at
    db.session.execute(
        update(ModerationEvent)
        .where(ModerationEvent.summary_revision_id == revision.id)
        .values(created_at=signed_at)
        .execution_options(synchronize_session=False)
    )
    state = UNFINISHED.get((summary.condition, summary.question))
    if state is None:
        return
    revised = editorial.RevisionText(
        short_answer=dated.short_answer,
        body_markdown=dated.body
        + "\n\nAsk your care team how this applies to you: plans differ from person to person.",
        sources=dated.sources,
        change_note="Added a pointer to the care team.",
    )
    working = editorial.save_revision(editor, question, revised, submit=state != "draft")
    if state == "returned":
        reviewer = reviewers[dated.reviewer_name]
        editorial.request_changes(reviewer, working, working.fingerprint, RETURN_REASON)

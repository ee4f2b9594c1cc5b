"""The demo's summaries, written and signed off through the editorial workflow.

Every demo summary is written by the demo editor, submitted, and signed off by a demo
reviewer with a profile: the same path as on the site, then dated as the content says.
A few questions also carry a revision in each unfinished state, for the dashboard.
"""

from sqlalchemy import func, select

from community.demo import content
from community.editorial import services as editorial
from community.editorial.reviewers import reviewer_profile, save_reviewer_profile
from community.editorial.sources import Source
from community.extensions import db
from community.models import Question, Role, SummaryRevision, User

DEMO_EDITOR = "demo_editor"
RETURN_REASON = "Please cite the current guideline for this advice before it goes live."

# (condition slug, question slug): the unfinished revision that question also carries.
UNFINISHED = {
    ("type-1-diabetes", "how-is-type-1-diabetes-managed"): "draft",
    ("multiple-sclerosis", "how-is-multiple-sclerosis-diagnosed"): "submitted",
    ("crohns-disease", "how-is-crohns-disease-treated"): "returned",
}


def reviewer_username(name: str) -> str:
    """The demo account of a reviewer named in the content: rev_<surname>."""
    return "rev_" + name.split()[-1].lower()


def demo_reviewers() -> dict[str, tuple[str, str]]:
    """Each reviewer named in the content: their credentials, by full name."""
    reviewers = {}
    for condition in content.CONDITIONS:
        for question in condition.questions:
            summary = question.summary
            reviewers[summary.reviewer_name] = (summary.reviewer_credentials, condition.name)
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
        reviewers[name] = user
    return editor, reviewers


def seed_summary(
    question: Question,
    condition_slug: str,
    spec: content.Summary,
    editor: User,
    reviewers: dict[str, User],
) -> None:
    """Publish the content's summary of ``question``, unless it has revisions already."""
    has_revision = db.session.scalar(
        select(func.count())
        .select_from(SummaryRevision)
        .where(SummaryRevision.question_id == question.id)
    )
    if has_revision:
        return
    text = editorial.RevisionText(
        short_answer=spec.short_answer,
        body_markdown=spec.body_markdown,
        sources=tuple(Source(s.title, s.url) for s in spec.sources),
        change_note="First published version.",
    )
    revision = editorial.save_revision(editor, question, text, submit=True)
    editorial.sign_off(reviewers[spec.reviewer_name], revision, revision.fingerprint, None)
    # The demo's history: signed off on the dates the content gives, some now overdue.
    revision.reviewed_on, revision.updated_on = spec.reviewed_on, spec.updated_on
    revision.next_review_due = spec.next_review_due
    state = UNFINISHED.get((condition_slug, question.slug))
    if state is None:
        return
    revised = editorial.RevisionText(
        short_answer=spec.short_answer,
        body_markdown=spec.body_markdown
        + "\n\nAsk your care team how this applies to you: plans differ from person to person.",
        sources=text.sources,
        change_note="Added a pointer to the care team.",
    )
    working = editorial.save_revision(editor, question, revised, submit=state != "draft")
    if state == "returned":
        reviewer = reviewers[spec.reviewer_name]
        editorial.request_changes(reviewer, working, working.fingerprint, RETURN_REASON)

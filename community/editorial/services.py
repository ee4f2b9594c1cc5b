"""Editorial rules: questions, summary revisions, and their sign-off.

Every change goes through the lifecycle table (community.editorial.lifecycle) and into the
audit log; services flush, the caller commits once.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.conditions.services import next_question_position
from community.database import insert_unless_duplicate, lock_row
from community.editorial.lifecycle import (
    LIFECYCLE,
    OPEN_STATES,
    RevisionAction,
    RevisionRefused,
    check,
)
from community.editorial.reviewers import reviewer_profile
from community.editorial.sources import Source
from community.extensions import db
from community.models import (
    Condition,
    ModerationEvent,
    Question,
    RevisionState,
    SummaryRevision,
    User,
    utcnow,
)
from community.models.summaries import content_fingerprint
from community.posts.audit import record_event
from community.text import render_markdown

QUESTION_TITLE_LENGTH = Question.__table__.c.title.type.length
QUESTION_SLUG_LENGTH = Question.__table__.c.slug.type.length
# Actions that write a revision's text: whoever took one may not sign that revision off.
WRITING_ACTIONS = (
    RevisionAction.SAVE_DRAFT.value,
    RevisionAction.SUBMIT.value,
    "import_summary",
)


def today() -> date:
    return utcnow().date()


def default_next_review(on: date) -> date:
    """Twelve months after ``on`` (28 February for 29 February)."""
    try:
        return on.replace(year=on.year + 1)
    except ValueError:
        return on.replace(year=on.year + 1, day=28)


@dataclass(frozen=True)
class RevisionText:
    """What an editor writes in a revision, and what a reviewer signs."""

    short_answer: str
    body_markdown: str
    sources: tuple[Source, ...]
    change_note: str | None = None

    @classmethod
    def of(cls, revision: SummaryRevision) -> "RevisionText":
        return cls(
            short_answer=revision.short_answer,
            body_markdown=revision.body_markdown,
            sources=tuple(Source.of_stored(item) for item in revision.sources or []),
            change_note=revision.change_note,
        )

    @property
    def fingerprint(self) -> str:
        stored = [source.as_stored() for source in self.sources]
        return content_fingerprint(self.short_answer, self.body_markdown, stored, self.change_note)


class QuestionRefused(ValueError):
    """A question could not be created; ``field`` is the form field the message belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# Reading


def published_revision(question_id: int) -> SummaryRevision | None:
    """The revision visitors see: the newest signed-off one."""
    return db.session.scalar(
        select(SummaryRevision)
        .where(
            SummaryRevision.question_id == question_id,
            SummaryRevision.state == RevisionState.PUBLISHED,
        )
        .order_by(SummaryRevision.id.desc())
        .limit(1)
    )


def working_revision(question_id: int, *, lock: bool = False) -> SummaryRevision | None:
    """The revision being written: the newest that is a draft, submitted or returned.

    ``lock``: the question is about to be written for. Its row is locked first, so that
    two editors saving at once (even where nothing is being written yet) save one after
    the other, and the revision is read as the other left it, whatever this request had
    loaded of it before.
    """
    query = (
        select(SummaryRevision)
        .where(
            SummaryRevision.question_id == question_id,
            SummaryRevision.state.in_(OPEN_STATES),
        )
        .order_by(SummaryRevision.id.desc())
        .limit(1)
    )
    if lock:
        lock_row(Question, question_id)
        query = query.with_for_update().execution_options(populate_existing=True)
    return db.session.scalar(query)


def revision_history(question_id: int) -> list[SummaryRevision]:
    """Every revision of the question's summary, newest first (for editors and reviewers)."""
    return list(
        db.session.scalars(
            select(SummaryRevision)
            .options(selectinload(SummaryRevision.editor))
            .where(SummaryRevision.question_id == question_id)
            .order_by(SummaryRevision.id.desc())
        )
    )


def revision_events(revision_id: int) -> list[ModerationEvent]:
    """The audit entries about one revision, oldest first."""
    return list(
        db.session.scalars(
            select(ModerationEvent)
            .options(selectinload(ModerationEvent.actor))
            .where(ModerationEvent.summary_revision_id == revision_id)
            .order_by(ModerationEvent.created_at, ModerationEvent.id)
        )
    )


def writers_of(revision: SummaryRevision) -> set[int]:
    """Everyone who wrote any of the revision's text: none of them may sign it off."""
    actors = db.session.scalars(
        select(ModerationEvent.actor_id).where(
            ModerationEvent.summary_revision_id == revision.id,
            ModerationEvent.action.in_(WRITING_ACTIONS),
            ModerationEvent.actor_id.is_not(None),
        )
    )
    writers = set(actors)
    if revision.editor_id is not None:
        writers.add(revision.editor_id)
    return writers


# Questions


def slugify(title: str) -> str:
    """Make an address from a question: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:QUESTION_SLUG_LENGTH].strip("-")


def create_question(editor: User, condition_slug: str, title: str) -> Question:
    """Add a question at the end of the condition's list; raise QuestionRefused on bad input."""
    condition = db.session.scalar(select(Condition).where(Condition.slug == condition_slug))
    if condition is None:
        raise QuestionRefused("condition", "Choose a condition from the list.")
    title = " ".join((title or "").split())
    if not title:
        raise QuestionRefused("title", "Write the question.")
    if len(title) > QUESTION_TITLE_LENGTH:
        raise QuestionRefused("title", f"At most {QUESTION_TITLE_LENGTH} characters.")
    slug = slugify(title)
    if not slug:
        raise QuestionRefused("title", "The question needs some letters or digits.")
    taken = QuestionRefused(
        "title", f"{condition.name} already has a question at this address ({slug})."
    )
    if db.session.scalar(
        select(Question.id).where(Question.condition_id == condition.id, Question.slug == slug)
    ):
        raise taken
    question = Question(
        condition_id=condition.id,
        slug=slug,
        title=title,
        position=next_question_position(condition.id),
    )
    if not insert_unless_duplicate(question):
        raise taken  # by another editor a moment ago
    question.condition = condition
    record_event("create_question", actor=editor, question=question)
    return question


# Writing revisions


def save_revision(
    editor: User | None,
    question: Question,
    text: RevisionText,
    *,
    submit: bool,
    seen: str | None = None,
    fresh: bool = False,
    audit_action: str | None = None,
    updated_on: date | None = None,
) -> SummaryRevision:
    """Save the question's working revision (a new one if none), as a draft or submitted.

    Saving text a reviewer was sent returns it to draft unless it is submitted again:
    a reviewer signs exactly what they read. ``seen`` is the fingerprint of the draft the
    editor opened: a draft changed by someone else since is refused (409), not overwritten.
    ``editor`` None is the command line; ``fresh`` starts a new revision beside any being
    written (an import does not overwrite an editor's draft).
    """
    action = RevisionAction.SUBMIT if submit else RevisionAction.SAVE_DRAFT
    working = None if fresh else working_revision(question.id, lock=True)
    step = check(action, editor, working)
    # "" is what the editor saw when nothing was being written yet.
    if seen is not None and seen != (working.fingerprint if working is not None else ""):
        raise RevisionRefused(
            "Someone changed this draft since you opened it: your text was not saved. "
            "Copy your changes, reload the page and apply them again."
        )
    before = working if working is not None else published_revision(question.id)
    revision = working or SummaryRevision(question=question)
    text_before = before.body_markdown if before is not None else None
    revision.short_answer = text.short_answer
    revision.body_markdown = text.body_markdown
    revision.body_html = render_markdown(text.body_markdown, editorial=True)
    revision.sources = [source.as_stored() for source in text.sources]
    revision.change_note = text.change_note
    revision.updated_on = updated_on or today()
    revision.state = step.to_state
    if editor is not None:
        revision.editor_id = editor.id
    revision.submitted_at = utcnow() if submit else None
    if working is None:
        db.session.add(revision)
    db.session.flush()
    record_event(
        audit_action or action.value,
        actor=editor,
        revision=revision,
        reason=text.change_note,
        text_before=text_before,
        text_after=text.body_markdown if text_before != text.body_markdown else None,
    )
    return revision


# Reviewing


def get_revision(revision_id: int, *, lock: bool = False) -> SummaryRevision | None:
    """The revision with its question, condition and author: all its page shows of them."""
    # Loaded by separate queries: a lock cannot cover the outer join to an absent author.
    query = (
        select(SummaryRevision)
        .options(
            selectinload(SummaryRevision.question).selectinload(Question.condition),
            selectinload(SummaryRevision.editor),
        )
        .where(SummaryRevision.id == revision_id)
    )
    if lock:
        query = query.with_for_update()
    return db.session.scalar(query)


def _check_review(
    action: RevisionAction, reviewer: User, revision: SummaryRevision, fingerprint: str
) -> None:
    check(action, reviewer, revision)
    if reviewer.id in writers_of(revision):
        raise RevisionRefused(
            "You wrote part of this revision: another reviewer must decide on it.", 403
        )
    if fingerprint != revision.fingerprint:
        raise RevisionRefused(
            "This revision changed after you opened it. Read it again before deciding."
        )


def sign_off(
    reviewer: User, revision: SummaryRevision, fingerprint: str, next_review_due: date | None
) -> SummaryRevision:
    """Publish exactly the revision the reviewer read, signed with their profile."""
    _check_review(RevisionAction.SIGN_OFF, reviewer, revision, fingerprint)
    profile = reviewer_profile(reviewer)
    if profile is None:
        raise RevisionRefused(
            "You need a reviewer profile (full name, credentials and specialty) before "
            "you can sign off. Ask an administrator to add yours.",
            403,
        )
    signed_on = today()
    due = next_review_due or default_next_review(signed_on)
    if due <= signed_on:
        raise RevisionRefused("The next review must be due after today.", 400)
    revision.state = LIFECYCLE[RevisionAction.SIGN_OFF].to_state
    revision.signed_off_by_id = reviewer.id
    revision.signed_off_at = utcnow()
    revision.reviewer_name = profile.full_name
    revision.reviewer_credentials = profile.credentials
    revision.reviewed_on = signed_on
    revision.updated_on = signed_on
    revision.next_review_due = due
    revision.return_reason = None
    db.session.flush()
    record_event(
        RevisionAction.SIGN_OFF.value,
        actor=reviewer,
        revision=revision,
        reason=f"Next review due {due.isoformat()}.",
    )
    return revision


def request_changes(
    reviewer: User, revision: SummaryRevision, fingerprint: str, reason: str
) -> SummaryRevision:
    """Send the revision back to its editor with the reviewer's reason."""
    reason = (reason or "").strip()
    if not reason:
        raise RevisionRefused("Say what needs to change; the editor reads this.", 400)
    _check_review(RevisionAction.REQUEST_CHANGES, reviewer, revision, fingerprint)
    revision.state = LIFECYCLE[RevisionAction.REQUEST_CHANGES].to_state
    revision.return_reason = reason
    db.session.flush()
    record_event(
        RevisionAction.REQUEST_CHANGES.value, actor=reviewer, revision=revision, reason=reason
    )
    return revision


def next_review_default() -> date:
    return default_next_review(today())


def review_due_within(days: int) -> date:
    return today() + timedelta(days=days)

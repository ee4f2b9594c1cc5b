"""Summaries as Markdown files with YAML front matter, for editors who work outside the site.

One file per question, ``<condition-slug>--<question-slug>.md``: the front matter holds
the condition, question, short answer, reviewer, dates and sources; the body is the
summary's Markdown. Export writes the published revision of each summary. Import adds a
draft revision only where a file differs from the newest revision, so an export imported
again changes nothing. A file cannot claim a review: its reviewer fields are not read
back; an import is published only when signed off by a reviewer account
(``--signed-off-by``), recorded in the audit log like any sign-off.
"""

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from community.accounts.services import find_by_username
from community.conditions.services import get_condition, get_question, next_question_position
from community.editorial import services
from community.editorial.lifecycle import RevisionRefused
from community.editorial.reviewers import reviewer_profile
from community.editorial.sources import OPTIONAL_KEYS, Source, SourceError, make_source
from community.extensions import db
from community.models import Condition, Question, RevisionState, SummaryRevision, User
from community.permissions import can_review_summaries

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = re.compile(
    r"\A---[ \t]*\n(?P<front>.*?)^---[ \t]*(?:\n|\Z)(?P<body>.*)\Z", re.DOTALL | re.MULTILINE
)
REQUIRED_KEYS = ("condition", "question", "short_answer", "updated_on")


class SummaryFileError(ValueError):
    """Summary files could not be read; each problem names its file."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _Invalid(ValueError):
    pass


@dataclass(frozen=True)
class SummaryContent:
    """What a revision says; two revisions with equal content are the same summary."""

    short_answer: str
    body: str
    reviewer_name: str | None
    reviewer_credentials: str | None
    reviewed_on: date | None
    updated_on: date
    next_review_due: date | None
    sources: tuple[Source, ...]

    @classmethod
    def of_revision(cls, revision: SummaryRevision) -> "SummaryContent":
        """Read a stored revision, normalized the way files are."""
        return cls(
            short_answer=revision.short_answer.strip(),
            body=normalize_body(revision.body_markdown),
            reviewer_name=_blank_to_none(revision.reviewer_name),
            reviewer_credentials=_blank_to_none(revision.reviewer_credentials),
            reviewed_on=revision.reviewed_on,
            updated_on=revision.updated_on,
            next_review_due=revision.next_review_due,
            sources=tuple(Source.of_stored(item) for item in revision.sources or []),
        )

    def same_text(self, revision: SummaryRevision) -> bool:
        """Whether ``revision`` says the same: reviews and dates are not part of the text."""
        other = SummaryContent.of_revision(revision)
        return (self.short_answer, self.body, self.sources) == (
            other.short_answer,
            other.body,
            other.sources,
        )


@dataclass(frozen=True)
class SummaryFile:
    """One summary file: where the summary belongs, and what it says."""

    condition: str
    condition_name: str | None
    question: str
    question_title: str | None
    content: SummaryContent

    @property
    def file_name(self) -> str:
        return summary_file_name(self.condition, self.question)


@dataclass(frozen=True)
class ImportResult:
    revised: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.revised + self.unchanged


def summary_file_name(condition_slug: str, question_slug: str) -> str:
    """Name the file of a question's summary."""
    return f"{condition_slug}--{question_slug}.md"


def normalize_body(text: str) -> str:
    """Drop the line-ending and blank-line differences that editors and files introduce."""
    return text.replace("\r\n", "\n").lstrip("\n").rstrip()


def render_summary_file(summary: SummaryFile) -> str:
    """Write a summary as front matter and Markdown body, the same bytes for the same summary."""
    content = summary.content
    front = {
        "condition": summary.condition,
        "condition_name": summary.condition_name,
        "question": summary.question,
        "question_title": summary.question_title,
        "short_answer": content.short_answer,
        "reviewer_name": content.reviewer_name,
        "reviewer_credentials": content.reviewer_credentials,
        "reviewed_on": content.reviewed_on,
        "updated_on": content.updated_on,
        "next_review_due": content.next_review_due,
        "sources": [_source_entry(source) for source in content.sources],
    }
    text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n"
    return f"{text}\n{content.body}\n" if content.body else text


def parse_summary_file(name: str, text: str) -> SummaryFile:
    """Read and validate one summary file, raising :class:`SummaryFileError` with every problem."""
    text = text.replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if match is None and text.startswith("---"):
        raise SummaryFileError([f"{name}: front matter has no closing '---' line"])
    if match is None:
        raise SummaryFileError([f"{name}: no YAML front matter between '---' lines at the top"])
    try:
        front = yaml.safe_load(match["front"])
    except yaml.YAMLError as error:
        problem = f"{name}: front matter is not valid YAML ({_yaml_problem(error)})"
        raise SummaryFileError([problem]) from None
    if not isinstance(front, dict):
        raise SummaryFileError([f"{name}: front matter must be a mapping of keys to values"])

    problems = [f"unknown key {key!r}" for key in front if key not in FIELD_CHECKS]
    values: dict[str, Any] = {}
    for key, check in FIELD_CHECKS.items():
        if key not in front and key in REQUIRED_KEYS:
            problems.append(f"missing required key {key!r}")
            continue
        try:
            values[key] = check(key, front.get(key))
        except _Invalid as problem:
            problems.append(str(problem))
    if not problems:
        expected = summary_file_name(values["condition"], values["question"])
        if name != expected:
            problems.append(f"file name must be {expected!r} to match its condition and question")
    if problems:
        raise SummaryFileError(f"{name}: {problem}" for problem in problems)

    return SummaryFile(
        condition=values["condition"],
        condition_name=values["condition_name"],
        question=values["question"],
        question_title=values["question_title"],
        content=SummaryContent(
            short_answer=values["short_answer"],
            body=normalize_body(match["body"]),
            reviewer_name=values["reviewer_name"],
            reviewer_credentials=values["reviewer_credentials"],
            reviewed_on=values["reviewed_on"],
            updated_on=values["updated_on"],
            next_review_due=values["next_review_due"],
            sources=values["sources"],
        ),
    )


def read_summary_files(directory: Path) -> list[SummaryFile]:
    """Read every ``*.md`` file in ``directory``, by name, raising every problem at once."""
    if not directory.is_dir():
        raise SummaryFileError([f"{directory}: not a directory"])
    summaries, problems = [], []
    for path in sorted(directory.glob("*.md")):
        try:
            summaries.append(parse_summary_file(path.name, path.read_text(encoding="utf-8-sig")))
        except UnicodeDecodeError:
            problems.append(f"{path.name}: not UTF-8 text")
        except SummaryFileError as error:
            problems.extend(error.problems)
    if problems:
        raise SummaryFileError(problems)
    return summaries


def _source_entry(source: Source) -> dict[str, Any]:
    entry: dict[str, Any] = {"title": source.title, "url": source.url}
    if source.publisher:
        entry["publisher"] = source.publisher
    if source.year:
        entry["year"] = source.year
    if source.accessed:
        entry["accessed"] = source.accessed
    return entry


def export_summaries(directory: Path) -> int:
    """Write the published revision of every summary into ``directory``; return how many."""
    newest = (
        select(func.max(SummaryRevision.id))
        .where(SummaryRevision.state == RevisionState.PUBLISHED)
        .group_by(SummaryRevision.question_id)
    )
    revisions = db.session.scalars(
        select(SummaryRevision)
        .join(SummaryRevision.question)
        .join(Question.condition)
        .options(joinedload(SummaryRevision.question).joinedload(Question.condition))
        .where(SummaryRevision.id.in_(newest))
        .order_by(Condition.slug, Question.slug)
    ).all()
    directory.mkdir(parents=True, exist_ok=True)
    for revision in revisions:
        question = revision.question
        summary = SummaryFile(
            condition=question.condition.slug,
            condition_name=question.condition.name,
            question=question.slug,
            question_title=question.title,
            content=SummaryContent.of_revision(revision),
        )
        _write_file(directory / summary.file_name, render_summary_file(summary))
    return len(revisions)


class ExportRefused(Exception):
    """A summary file cannot be written; the message says which and why."""


def _write_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, replacing a file there but never writing through a link.

    A symbolic link planted in the folder would otherwise have the export overwrite
    whatever file it points to, with the rights of whoever runs the command.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except OSError as error:
        if path.is_symlink():
            raise ExportRefused(f"{path} is a symbolic link; remove it and export again.") from None
        raise ExportRefused(f"Cannot write {path}: {error.strerror}.") from None
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def find_signer(username: str) -> User:
    """The reviewer account that signs imported summaries off, or SummaryFileError."""
    user = find_by_username(username)
    if user is None:
        raise SummaryFileError([f"--signed-off-by: no account is called {username!r}"])
    if not can_review_summaries(user):
        raise SummaryFileError([f"--signed-off-by: {username!r} does not have the reviewer role"])
    if reviewer_profile(user) is None:
        raise SummaryFileError(
            [f"--signed-off-by: {username!r} has no reviewer profile (full name, credentials)"]
        )
    return user


def import_summaries(directory: Path, signed_off_by: User | None = None) -> ImportResult:
    """Add a draft revision for every file in ``directory`` that differs from its summary.

    With ``signed_off_by``, each new revision is signed off by that reviewer and published;
    otherwise it waits as a draft for an editor to submit and a reviewer to sign off.
    Every file is validated before anything is written, so a bad file leaves the database
    as it was; conditions and questions that do not exist yet are created.
    """
    summaries = read_summary_files(directory)
    _check_new_names(summaries)
    revised = sum(import_summary(summary, signed_off_by) is not None for summary in summaries)
    db.session.flush()
    return ImportResult(revised=revised, unchanged=len(summaries) - revised)


def import_summary(
    summary: SummaryFile, signed_off_by: User | None = None
) -> SummaryRevision | None:
    """Import one read file as :func:`import_summaries` does; None when it changes nothing.

    For callers that choose a different reviewer per file, such as the demo.
    """
    question = _find_or_create_question(summary)
    if signed_off_by is not None:
        current = services.published_revision(question.id)
    else:
        history = services.revision_history(question.id)
        current = history[0] if history else None
    if current is not None and summary.content.same_text(current):
        return None
    return _import_revision(question, summary, signed_off_by)


def _import_revision(
    question: Question, summary: "SummaryFile", signer: User | None
) -> SummaryRevision:
    content = summary.content
    text = services.RevisionText(
        short_answer=content.short_answer,
        body_markdown=content.body,
        sources=content.sources,
        change_note=f"Imported from {summary.file_name}.",
    )
    revision = services.save_revision(
        None,
        question,
        text,
        submit=signer is not None,
        fresh=True,
        audit_action="import_summary",
        updated_on=content.updated_on,
    )
    if signer is None:
        return revision
    due = content.next_review_due
    if due is not None and due <= services.today():
        due = None
    try:
        services.sign_off(signer, revision, revision.fingerprint, due)
    except RevisionRefused as refused:
        raise SummaryFileError([f"{summary.file_name}: {refused.message}"]) from None
    return revision


def _check_new_names(summaries: list[SummaryFile]) -> None:
    problems = []
    for summary in summaries:
        if summary.condition_name is None and get_condition(summary.condition) is None:
            problems.append(
                f"{summary.file_name}: 'condition_name' is required to create "
                f"the new condition {summary.condition!r}"
            )
        if (
            summary.question_title is None
            and get_question(summary.condition, summary.question) is None
        ):
            problems.append(
                f"{summary.file_name}: 'question_title' is required to create "
                f"the new question {summary.question!r}"
            )
    if problems:
        raise SummaryFileError(problems)


def _find_or_create_question(summary: SummaryFile) -> Question:
    question = get_question(summary.condition, summary.question)
    if question is not None:
        return question
    condition = get_condition(summary.condition)
    if condition is None:
        condition = Condition(slug=summary.condition, name=summary.condition_name)
        db.session.add(condition)
        db.session.flush()
    question = Question(
        condition=condition,
        slug=summary.question,
        title=summary.question_title,
        position=next_question_position(condition.id),
    )
    db.session.add(question)
    db.session.flush()
    return question


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip() or None


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or "unreadable"
    # The mark counts from the front matter; +2 makes it a line number in the whole file.
    return f"line {mark.line + 2}: {problem}" if mark is not None else problem


def _column_length(model: type[db.Model], name: str) -> int | None:
    return getattr(model.__table__.c[name].type, "length", None)


def _slug(key: str, value: Any, max_length: int | None) -> str:
    if not isinstance(value, str) or not SLUG_PATTERN.match(value):
        raise _Invalid(f"{key!r} must be a slug: lowercase letters and digits joined by hyphens")
    _check_length(key, value, max_length)
    return value


def _text(key: str, value: Any, max_length: int | None = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"{key!r} must be non-empty text")
    _check_length(key, value.strip(), max_length)
    return value.strip()


def _optional_text(key: str, value: Any, max_length: int | None = None) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _text(key, value, max_length)


def _check_length(key: str, value: str, max_length: int | None) -> None:
    if max_length is not None and len(value) > max_length:
        raise _Invalid(f"{key!r} must be at most {max_length} characters")


def _date(key: str, value: Any) -> date:
    # YAML reads an unquoted 2026-04-07 as a date and quoted as text; a time is not a date.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _Invalid(f"{key!r} must be an ISO date (YYYY-MM-DD), not {value!r}")


def _optional_date(key: str, value: Any) -> date | None:
    return None if value is None else _date(key, value)


def _sources(key: str, value: Any) -> tuple[Source, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _Invalid(f"{key!r} must be a list of entries with a 'title' and a 'url'")
    sources = []
    for number, item in enumerate(value, start=1):
        where = f"{key!r} entry {number}"
        allowed = {"title", "url", *OPTIONAL_KEYS}
        if not isinstance(item, dict) or not {"title", "url"} <= set(item):
            raise _Invalid(
                f"{where} must have a 'title' and a 'url' "
                f"(and may have {', '.join(repr(k) for k in OPTIONAL_KEYS)})"
            )
        unknown = sorted(set(item) - allowed)
        if unknown:
            raise _Invalid(f"{where} has unknown key {unknown[0]!r}")
        try:
            sources.append(make_source(where, **item))
        except SourceError as error:
            raise _Invalid(str(error)) from None
    return tuple(sources)


FIELD_CHECKS: dict[str, Callable[[str, Any], Any]] = {
    "condition": partial(_slug, max_length=_column_length(Condition, "slug")),
    "condition_name": partial(_optional_text, max_length=_column_length(Condition, "name")),
    "question": partial(_slug, max_length=_column_length(Question, "slug")),
    "question_title": partial(_optional_text, max_length=_column_length(Question, "title")),
    "short_answer": _text,
    "reviewer_name": partial(
        _optional_text, max_length=_column_length(SummaryRevision, "reviewer_name")
    ),
    "reviewer_credentials": partial(
        _optional_text, max_length=_column_length(SummaryRevision, "reviewer_credentials")
    ),
    "reviewed_on": _optional_date,
    "updated_on": _date,
    "next_review_due": _optional_date,
    "sources": _sources,
}

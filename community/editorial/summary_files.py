"""Summaries as Markdown files with YAML front matter, for editors who work outside the site.

One file per question, ``<condition-slug>--<question-slug>.md``: the front matter holds
the condition, question, short answer, reviewer, dates and sources; the body is the
summary's Markdown. Export writes the newest revision of each summary; import adds a
revision only where a file differs from it, so an export imported again changes nothing.
"""

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from community.conditions.services import current_summary, get_condition, get_question
from community.extensions import db
from community.models import Condition, Question, SummaryRevision
from community.text import render_markdown

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
class Source:
    title: str
    url: str


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
            sources=tuple(
                Source(str(item.get("title", "")).strip(), str(item.get("url", "")).strip())
                for item in revision.sources or []
            ),
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
        "sources": [{"title": s.title, "url": s.url} for s in content.sources],
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


def export_summaries(directory: Path) -> int:
    """Write the newest revision of every summary into ``directory``; return how many."""
    newest = select(func.max(SummaryRevision.id)).group_by(SummaryRevision.question_id)
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


def import_summaries(directory: Path) -> ImportResult:
    """Add a revision for every file in ``directory`` that differs from its question's newest.

    Every file is validated before anything is written, so a bad file leaves the database
    as it was; conditions and questions that do not exist yet are created.
    """
    summaries = read_summary_files(directory)
    _check_new_names(summaries)
    revised = unchanged = 0
    for summary in summaries:
        question = _find_or_create_question(summary)
        current = current_summary(question)
        if current is not None and SummaryContent.of_revision(current) == summary.content:
            unchanged += 1
            continue
        db.session.add(_new_revision(question, summary.content))
        revised += 1
    db.session.flush()
    return ImportResult(revised=revised, unchanged=unchanged)


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
    last_position = db.session.scalar(
        select(func.max(Question.position)).where(Question.condition_id == condition.id)
    )
    question = Question(
        condition=condition,
        slug=summary.question,
        title=summary.question_title,
        position=0 if last_position is None else last_position + 1,
    )
    db.session.add(question)
    db.session.flush()
    return question


def _new_revision(question: Question, content: SummaryContent) -> SummaryRevision:
    return SummaryRevision(
        question=question,
        short_answer=content.short_answer,
        body_markdown=content.body,
        body_html=render_markdown(content.body, editorial=True),
        reviewer_name=content.reviewer_name,
        reviewer_credentials=content.reviewer_credentials,
        reviewed_on=content.reviewed_on,
        updated_on=content.updated_on,
        next_review_due=content.next_review_due,
        sources=[{"title": source.title, "url": source.url} for source in content.sources],
    )


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
        if not isinstance(item, dict) or set(item) != {"title", "url"}:
            raise _Invalid(f"{where} must have exactly the keys 'title' and 'url'")
        title, url = item["title"], item["url"]
        if not isinstance(title, str) or not title.strip():
            raise _Invalid(f"{where} must have a non-empty 'title'")
        parts = urlsplit(url.strip()) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise _Invalid(f"{where} must have an http or https 'url', not {url!r}")
        sources.append(Source(title.strip(), url.strip()))
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

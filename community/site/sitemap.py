"""The sitemap: the directory, every condition and every question, with when each changed."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask import url_for

from community.canonical import canonical_url
from community.conditions import services


@dataclass(frozen=True)
class SitemapEntry:
    location: str
    last_modified: str | None


def _w3c(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _newest(values: list[date | datetime]) -> str | None:
    stamps = [_w3c(value) for value in values]
    # Dates and times in one list: a date sorts before any time on that day, as it should.
    return max(stamps, default=None)


def sitemap_entries() -> list[SitemapEntry]:
    """Every public page worth indexing, each with its last change where there is one."""
    questions = services.sitemap_questions()
    by_condition: dict[str, list] = {}
    for question in questions:
        by_condition.setdefault(question.condition_slug, []).append(question.last_modified)
    entries = [
        SitemapEntry(
            canonical_url(url_for("conditions.directory")),
            _newest([question.last_modified for question in questions]),
        )
    ]
    entries += [
        SitemapEntry(
            canonical_url(url_for("conditions.condition", slug=row.slug)),
            _newest(by_condition.get(row.slug, [])),
        )
        for row in services.list_conditions()
    ]
    entries += [
        SitemapEntry(
            canonical_url(
                url_for("conditions.question", slug=question.condition_slug, qslug=question.slug)
            ),
            _w3c(question.last_modified),
        )
        for question in questions
    ]
    return entries

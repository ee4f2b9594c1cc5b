"""Search published summaries and approved posts: the one service the site and the API call.

``search(query, condition_slug=None, page=1)`` returns a :class:`SearchPage` of plain
data. Whatever is typed, the answer is results or none, never an error: see
:mod:`community.search.query`.
"""

from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import Row

from community.conditions.services import ConditionEntry, conditions_matching, kept_conditions
from community.search.engines import find_page
from community.search.query import Query, parse_query
from community.search.snippets import snippet

PER_PAGE = 20

KIND_LABELS = {"summary": "Summary", "experience": "Experience", "reply": "Reply"}


class UnknownCondition(LookupError):
    """The condition to search within does not exist."""


@dataclass(frozen=True)
class SearchResult:
    """One found summary or post, as a result shows it."""

    kind: str  # "summary", "experience" or "reply"
    condition_slug: str
    condition_name: str
    question_slug: str
    question_title: str
    # The post found; None for a summary.
    post_id: int | None
    published_at: datetime
    # Escaped text with <mark> around the searched words: safe to show as HTML.
    snippet: Markup

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class SearchPage:
    query: str
    condition: ConditionEntry | None
    page: int
    per_page: int
    results: list[SearchResult]
    has_next: bool
    # Conditions whose name or another name of theirs was searched for.
    matching_conditions: list[ConditionEntry] = field(default_factory=list)
    # Every condition, to search within one.
    conditions: tuple[ConditionEntry, ...] = ()

    @property
    def searched(self) -> bool:
        """Whether the query held anything to look for."""
        return bool(parse_query(self.query))


def search(query: str, condition_slug: str | None = None, page: int = 1) -> SearchPage:
    """Find published summaries and approved posts matching ``query``, best first.

    Raise UnknownCondition when ``condition_slug`` names no condition.
    """
    conditions = kept_conditions()
    condition = None
    if condition_slug:
        condition = next((c for c in conditions if c.slug == condition_slug), None)
        if condition is None:
            raise UnknownCondition(condition_slug)
    parsed = parse_query(query)
    page = max(page, 1)
    rows: list[Row] = []
    if parsed:
        # One more than a page: whether there is a next page, without counting every match.
        offset = (page - 1) * PER_PAGE
        rows = find_page(parsed, condition.id if condition else None, PER_PAGE + 1, offset)
    return SearchPage(
        query=query,
        condition=condition,
        page=page,
        per_page=PER_PAGE,
        results=[_result(row, parsed) for row in rows[:PER_PAGE]],
        has_next=len(rows) > PER_PAGE,
        matching_conditions=conditions_matching(conditions, query),
        conditions=conditions,
    )


def _result(row: Row, query: Query) -> SearchResult:
    prefixes = tuple(term.words[-1] for term in query.terms if term.prefix)
    return SearchResult(
        kind=row.kind,
        condition_slug=row.condition_slug,
        condition_name=row.condition_name,
        question_slug=row.question_slug,
        question_title=row.question_title,
        post_id=row.post_id,
        published_at=row.published_at,
        snippet=snippet(row.text, query.words, prefixes),
    )

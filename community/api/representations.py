"""What the API says about conditions, questions, summaries and posts: named fields only.

Each function lists the fields it gives out, so nothing is published by being added to
a model: no email, password, session, pending text, report or moderation decision.
"""

import math
from datetime import date, datetime
from typing import Any

from flask import url_for
from sqlalchemy import Row

from community.canonical import canonical_url
from community.models import Condition, Question, SummaryRevision
from community.posts.threads import ExperiencePage, Reading, ThreadNode
from community.search.services import SearchPage, SearchResult


def _when(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _url(endpoint: str, **values: Any) -> str:
    return canonical_url(url_for(endpoint, **values))


def page_links(endpoint: str, page: int, pages: int, **values: Any) -> dict[str, str | None]:
    """The links of a paged answer: itself, and its neighbours where there are any."""
    return {
        "self": _url(endpoint, **values, page=page) if page > 1 else _url(endpoint, **values),
        "next": _url(endpoint, **values, page=page + 1) if page < pages else None,
        "prev": (
            None
            if page <= 1
            else _url(endpoint, **values, page=page - 1)
            if page > 2
            else _url(endpoint, **values)
        ),
    }


def pages_of(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))


def condition_item(row: Row | Condition) -> dict[str, Any]:
    return {
        "slug": row.slug,
        "name": row.name,
        "member_count": row.member_count,
        "contribution_count": row.contribution_count,
        "url": _url("api.condition", slug=row.slug),
        "page_url": _url("conditions.condition", slug=row.slug),
    }


def question_item(condition_slug: str, row: Row) -> dict[str, Any]:
    return {
        "slug": row.slug,
        "title": row.title,
        "sharer_count": row.sharer_count,
        "url": _url("api.question", slug=condition_slug, qslug=row.slug),
        "page_url": _url("conditions.question", slug=condition_slug, qslug=row.slug),
    }


def condition_detail(condition: Condition, questions: list[Row]) -> dict[str, Any]:
    return {
        **condition_item(condition),
        "about_html": condition.about_html,
        "feed_url": _url("feeds.condition_feed", slug=condition.slug),
        "questions": [question_item(condition.slug, row) for row in questions],
    }


def summary(revision: SummaryRevision | None) -> dict[str, Any] | None:
    if revision is None:
        return None
    reviewer = None
    if revision.reviewer_name:
        reviewer = {"name": revision.reviewer_name, "credentials": revision.reviewer_credentials}
    return {
        "short_answer": revision.short_answer,
        "body_html": revision.body_html,
        "reviewer": reviewer,
        "reviewed_on": _when(revision.reviewed_on),
        "updated_on": _when(revision.updated_on),
        "next_review_due": _when(revision.next_review_due),
        "sources": [
            {"title": str(source.get("title", "")), "url": source.get("url") or None}
            for source in revision.sources or []
        ],
    }


def post(node: ThreadNode) -> dict[str, Any]:
    """A published post with its replies; a placeholder keeps its place, naming nobody."""
    shown = node.published
    return {
        "id": node.id,
        "kind": node.kind.value,
        "available": shown,
        "author": node.author_name if shown else None,
        "relation": node.relation.value if shown and node.relation else None,
        "created_at": _when(node.created_at),
        "body_html": node.body_html if shown else None,
        "in_reply_to": node.in_reply_to if shown else None,
        "replies": [post(child) for child in node.children],
    }


def question_detail(
    question: Question,
    revision: SummaryRevision | None,
    experiences: ExperiencePage,
    reading: Reading,
) -> dict[str, Any]:
    condition = question.condition
    return {
        "slug": question.slug,
        "title": question.title,
        "sharer_count": question.sharer_count,
        "page_url": _url("conditions.question", slug=condition.slug, qslug=question.slug),
        "feed_url": _url("feeds.question_feed", slug=condition.slug, qslug=question.slug),
        "condition": {
            "slug": condition.slug,
            "name": condition.name,
            "url": _url("api.condition", slug=condition.slug),
        },
        "summary": summary(revision),
        "order": reading.order.value,
        "relation": reading.relation.value if reading.relation else None,
        "experiences": [post(node) for node in experiences.experiences],
        "page": experiences.page,
        "pages": experiences.pages,
        "total_experiences": experiences.total,
    }


def search_answer(found: SearchPage, endpoint_values: dict[str, Any]) -> dict[str, Any]:
    """A page of search results, each with where it stands and its marked snippet."""
    pages = found.page + 1 if found.has_next else found.page
    return {
        "query": found.query,
        "page": found.page,
        "matching_conditions": [
            {"slug": entry.slug, "name": entry.name, "url": _url("api.condition", slug=entry.slug)}
            for entry in found.matching_conditions
        ],
        "results": [_search_result(result) for result in found.results],
        "links": page_links("api.search", found.page, pages, **endpoint_values),
    }


def _search_result(result: SearchResult) -> dict[str, Any]:
    page_url = _url("conditions.question", slug=result.condition_slug, qslug=result.question_slug)
    return {
        "kind": result.kind,
        "condition": {"slug": result.condition_slug, "name": result.condition_name},
        "question": {
            "slug": result.question_slug,
            "title": result.question_title,
            "url": _url("api.question", slug=result.condition_slug, qslug=result.question_slug),
        },
        "post_id": result.post_id,
        "published_at": result.published_at.isoformat(),
        "snippet_html": str(result.snippet),
        "page_url": page_url if result.post_id is None else f"{page_url}#post-{result.post_id}",
    }

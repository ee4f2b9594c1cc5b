"""Shape what the feeds list as Atom 1.0 (RFC 4287) feeds and entries, ready to render.

Everything is worked out here, so that the template only writes it out: ids, links,
authors, dates. Text goes out as ``type="html"``: the stored, sanitized HTML, escaped by
the template.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask import current_app, url_for

from community.canonical import canonical_url, tag_uri
from community.feeds.services import PublishedExperience
from community.models import Condition, Question, SummaryRevision

# Whom an entry names when its author's account is gone.
DELETED_MEMBER = "deleted member"
# Characters XML 1.0 cannot carry at all, even escaped: a feed holding one is not XML.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    author: str
    published: str
    updated: str
    content_html: str
    summary: str | None = None


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str
    page: str  # the page the feed follows
    self: str
    updated: str
    entries: list[Entry]


def rfc3339(value: datetime | date) -> str:
    """Format a time as Atom's dates require: full date and time, in UTC."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(), tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def xml_text(text: str) -> str:
    """Drop the characters XML cannot hold; everything else is escaped when rendered."""
    return _NOT_XML.sub("", text)


def _question_page(condition_slug: str, question_slug: str) -> str:
    return canonical_url(url_for("conditions.question", slug=condition_slug, qslug=question_slug))


def experience_entry(condition_slug: str, experience: PublishedExperience) -> Entry:
    author = experience.author_name or DELETED_MEMBER
    page = _question_page(condition_slug, experience.question_slug)
    return Entry(
        id=tag_uri(f"post:{experience.id}"),
        title=xml_text(f"{author} on “{experience.question_title}”"),
        link=f"{page}#post-{experience.id}",
        author=author,
        published=rfc3339(experience.published),
        updated=rfc3339(max(experience.updated, experience.published)),
        content_html=xml_text(experience.body_html),
    )


def revision_entry(question: Question, revision: SummaryRevision) -> Entry:
    reviewer = revision.reviewer_name
    if reviewer and revision.reviewer_credentials:
        reviewer = f"{reviewer}, {revision.reviewer_credentials}"
    return Entry(
        id=tag_uri(f"summary-revision:{revision.id}"),
        title=xml_text(f"Summary updated: {question.title}"),
        link=_question_page(question.condition.slug, question.slug),
        author=xml_text(reviewer or current_app.config["COMMUNITY_SITE_NAME"]),
        published=rfc3339(revision.created_at),
        updated=rfc3339(revision.created_at),
        content_html=xml_text(revision.body_html),
        summary=xml_text(revision.short_answer),
    )


def _newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda entry: (entry.updated, entry.id), reverse=True)


def condition_feed(condition: Condition, experiences: list[PublishedExperience]) -> Feed:
    entries = [experience_entry(condition.slug, each) for each in experiences]
    return Feed(
        id=tag_uri(f"condition:{condition.id}:experiences"),
        title=xml_text(f"{condition.name}: new experiences"),
        subtitle=xml_text(f"Experiences shared in the {condition.name} community"),
        page=canonical_url(url_for("conditions.condition", slug=condition.slug)),
        self=canonical_url(url_for("feeds.condition_feed", slug=condition.slug)),
        updated=_feed_updated(entries, condition.created_at),
        entries=_newest_first(entries),
    )


def question_feed(
    question: Question,
    experiences: list[PublishedExperience],
    revisions: list[SummaryRevision],
) -> Feed:
    condition = question.condition
    entries = [experience_entry(condition.slug, each) for each in experiences]
    entries += [revision_entry(question, revision) for revision in revisions]
    return Feed(
        id=tag_uri(f"question:{question.id}"),
        title=xml_text(f"{question.title} ({condition.name})"),
        subtitle="New experiences and updates to the medically reviewed summary",
        page=_question_page(condition.slug, question.slug),
        self=canonical_url(
            url_for("feeds.question_feed", slug=condition.slug, qslug=question.slug)
        ),
        updated=_feed_updated(entries, question.created_at),
        entries=_newest_first(entries),
    )


def _feed_updated(entries: list[Entry], since: datetime) -> str:
    return max((entry.updated for entry in entries), default=rfc3339(since))

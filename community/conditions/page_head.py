"""What the condition and question pages tell search engines and link previews.

A canonical address, Open Graph and Twitter card tags, and on question pages JSON-LD
(schema.org ``MedicalWebPage`` with the reviewed summary's byline, and the published
experiences as ``DiscussionForumPosting`` with their replies as ``Comment``). Worked out
in the view, like everything a page shows; only published text goes in.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import current_app, url_for
from markupsafe import Markup

from community.canonical import canonical_url
from community.models import Condition, Question, SummaryRevision
from community.posts.threads import ExperiencePage, ThreadNode
from community.templating import UrlPattern
from community.text import plain_text

DESCRIPTION_LENGTH = 200
FORMER_MEMBER = "Former member"
# In a <script> block, these could end it or open a comment; JSON reads the escapes alike.
_SCRIPT_SAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


@dataclass(frozen=True)
class PageHead:
    canonical: str
    title: str
    description: str
    og_type: str
    site_name: str
    json_ld: Markup | None = None


def json_for_script(data: Any) -> Markup:
    """Serialize ``data`` as JSON that no text inside it can break out of a script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # str.replace, not str.translate: a page's JSON runs to a hundred KiB.
    for character, escape in _SCRIPT_SAFE:
        text = text.replace(character, escape)
    # Every "<", ">" and "&" is escaped above: nothing in it can close the script or open markup.
    return Markup(text)  # nosec B704


def _shortened(text: str) -> str:
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _iso(value: date | datetime) -> str:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value.isoformat()


def condition_head(condition: Condition) -> PageHead:
    about = plain_text(condition.about_html or "")
    return PageHead(
        canonical=canonical_url(url_for("conditions.condition", slug=condition.slug)),
        title=f"{condition.name} community",
        description=_shortened(
            about or f"Medically reviewed answers and members' experiences of {condition.name}."
        ),
        og_type="website",
        site_name=current_app.config["COMMUNITY_SITE_NAME"],
    )


def question_head(
    question: Question,
    summary: SummaryRevision | None,
    experiences: ExperiencePage,
    structured_data: bool = True,
    reordered: bool = False,
) -> PageHead:
    """The question page's head; JSON-LD only with ``structured_data`` (for visitors).

    Search engines read the page as visitors do. A member's page may show their own
    text awaiting moderation in place of the published one; it is not described.
    """
    condition = question.condition
    path = url_for("conditions.question", slug=condition.slug, qslug=question.slug)
    page_url = canonical_url(path)
    # The same experiences in another order or filtered: the plain question is canonical.
    first = experiences.page == 1 or reordered
    shown_url = page_url if first else f"{page_url}?page={experiences.page}"
    description = (
        summary.short_answer
        if summary
        else f"Members' experiences of {condition.name}: {question.title}"
    )
    return PageHead(
        canonical=shown_url,
        title=question.title,
        description=_shortened(description),
        og_type="article",
        site_name=current_app.config["COMMUNITY_SITE_NAME"],
        json_ld=_question_graph(question, summary, experiences, page_url)
        if structured_data
        else None,
    )


def _question_graph(
    question: Question, summary: SummaryRevision | None, experiences: ExperiencePage, url: str
) -> Markup:
    """The page and its published experiences as one JSON-LD graph, ready for the script.

    Visitors' pages are kept whole by the page cache, so the graph is made once per
    version of the page.
    """
    profile = UrlPattern(lambda name: canonical_url(url_for("accounts.profile", username=name)))
    postings = [
        json_for_script(_posting(node, question, url, profile))
        for node in experiences.experiences
        if node.published
    ]
    page = json_for_script(_medical_web_page(question, summary, url))
    # Escaped JSON joined by commas is still escaped JSON: the graph's items.
    return Markup(  # nosec B704  # pieces made by json_for_script, joined by literals
        '{"@context":"https://schema.org","@graph":[' + ",".join([page, *postings]) + "]}"
    )


def _medical_web_page(
    question: Question, summary: SummaryRevision | None, url: str
) -> dict[str, Any]:
    condition = question.condition
    page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": question.title,
        "inLanguage": "en",
        "about": {"@type": "MedicalCondition", "name": condition.name},
        "datePublished": _iso(question.created_at),
        "dateModified": _iso(summary.updated_on if summary else question.created_at),
    }
    if summary:
        page["description"] = summary.short_answer
        if summary.reviewer_name and summary.reviewed_on:
            reviewer: dict[str, Any] = {"@type": "Person", "name": summary.reviewer_name}
            if summary.reviewer_credentials:
                reviewer["hasCredential"] = {
                    "@type": "EducationalOccupationalCredential",
                    "name": summary.reviewer_credentials,
                }
            page["reviewedBy"] = reviewer
            page["lastReviewed"] = _iso(summary.reviewed_on)
    return page


def _author(node: ThreadNode, profile: UrlPattern) -> dict[str, Any]:
    if node.author_name is None:
        return {"@type": "Person", "name": FORMER_MEMBER}
    return {"@type": "Person", "name": node.author_name, "url": profile(node.author_name)}


def _published_replies(node: ThreadNode) -> list[ThreadNode]:
    """The published replies under ``node``; those under a placeholder move up to its place."""
    found = []
    for child in node.children:
        found.extend([child] if child.published else _published_replies(child))
    return found


def _comment(node: ThreadNode, url: str, profile: UrlPattern) -> dict[str, Any]:
    return {
        "@type": "Comment",
        "url": f"{url}#post-{node.id}",
        "author": _author(node, profile),
        "datePublished": _iso(node.created_at),
        "text": plain_text(node.body_html),
        "comment": [_comment(reply, url, profile) for reply in _published_replies(node)],
    }


def _posting(node: ThreadNode, question: Question, url: str, profile: UrlPattern) -> dict[str, Any]:
    return {
        **_comment(node, url, profile),
        "@type": "DiscussionForumPosting",
        "headline": question.title,
    }

"""Moderators' decisions on posts: each one a state change with its counts and audit entry.

Every decision names the version of the post the moderator read (``post_version``), so
that a decision taken on a page that has since gone stale is refused, not applied to text
the moderator never saw. Services flush; the request commits once.
"""

from community.models import Post, PostState, ReportStatus, User
from community.moderation import reports
from community.moderation.audit import record_event
from community.permissions import can_decide
from community.posts.forms import text_fingerprint
from community.posts.services import (
    apply_action,
    discard_pending_edit,
    publish_pending_edit,
    publish_text,
)
from community.posts.states import PostAction
from community.text import find_personal_information, redact

STALE = (
    "This post was decided on or changed since you opened it; here it is as it is now. "
    "Nothing was changed."
)


OWN_POST = "You wrote this post, so another moderator decides on it."


class DecisionRefused(Exception):
    """The moderator may not take this decision; the message says why."""


class StalePage(Exception):
    """The page the moderator decided on no longer shows the post as it is; nothing changed."""


def post_version(post: Post) -> str:
    """Identify what a moderator reads of a post: its state, text and any edit waiting."""
    return text_fingerprint(
        "\0".join((post.state.value, post.body_markdown, post.pending_markdown or ""))
    )


def has_pending_edit(post: Post) -> bool:
    return post.state is PostState.APPROVED and post.pending_markdown is not None


def text_under_review(post: Post) -> str:
    """The text a moderator decides on: the edit waiting, or else the post's own text."""
    return post.pending_markdown if post.pending_markdown is not None else post.body_markdown


def _check(moderator: User, post: Post, seen_version: str) -> None:
    if not can_decide(moderator, post):
        raise DecisionRefused(OWN_POST)
    if seen_version != post_version(post):
        raise StalePage(STALE)


def approve(moderator: User, post: Post, seen_version: str) -> PostAction:
    """Publish a pending post, or the edit waiting on a published one."""
    _check(moderator, post, seen_version)
    if has_pending_edit(post):
        apply_action(
            post, PostAction.APPROVE_EDIT, actor=moderator, revision=publish_pending_edit(post)
        )
        return PostAction.APPROVE_EDIT
    apply_action(post, PostAction.APPROVE, actor=moderator)
    return PostAction.APPROVE


def reject(moderator: User, post: Post, reason: str, seen_version: str) -> PostAction:
    """Refuse a pending post, or the edit waiting on a published one; the author reads why."""
    _check(moderator, post, seen_version)
    if has_pending_edit(post):
        apply_action(
            post,
            PostAction.REJECT_EDIT,
            actor=moderator,
            reason=reason,
            revision=discard_pending_edit(post),
        )
        return PostAction.REJECT_EDIT
    apply_action(post, PostAction.REJECT, actor=moderator, reason=reason)
    return PostAction.REJECT


def edit_and_approve(
    moderator: User, post: Post, markdown: str, reason: str, seen_version: str
) -> PostAction:
    """Publish the moderator's version of the text; reports about the old text are upheld."""
    _check(moderator, post, seen_version)
    apply_action(
        post,
        PostAction.EDIT_AND_APPROVE,
        actor=moderator,
        reason=reason,
        revision=publish_text(post, markdown),
    )
    reports.resolve_open_reports(post, moderator, ReportStatus.UPHELD)
    return PostAction.EDIT_AND_APPROVE


def remove(moderator: User, post: Post, reason: str, seen_version: str) -> PostAction:
    """Take a published or hidden post down; its open reports are upheld."""
    _check(moderator, post, seen_version)
    apply_action(post, PostAction.REMOVE, actor=moderator, reason=reason)
    reports.resolve_open_reports(post, moderator, ReportStatus.UPHELD)
    return PostAction.REMOVE


def restore(moderator: User, post: Post, seen_version: str) -> PostAction:
    """Publish a removed or hidden post again; the reports that hid it are dismissed."""
    _check(moderator, post, seen_version)
    apply_action(post, PostAction.RESTORE, actor=moderator)
    reports.resolve_open_reports(post, moderator, ReportStatus.DISMISSED)
    return PostAction.RESTORE


def dismiss_reports(moderator: User, post: Post, seen_version: str) -> None:
    """Keep a reported post as it is and close its open reports."""
    _check(moderator, post, seen_version)
    if post.state is PostState.HIDDEN:
        raise StalePage("A hidden post is restored or removed; its reports go with that.")
    if not reports.resolve_open_reports(post, moderator, ReportStatus.DISMISSED):
        raise StalePage("This post has no open reports left; another moderator closed them.")
    record_event("dismiss_reports", actor=moderator, post=post)


def redact_finding(markdown: str, span_text: str) -> tuple[str, bool]:
    """Replace every finding of personal information that reads ``span_text`` with "[removed]".

    Findings are looked for again in ``markdown`` as it is now (the moderator may have
    edited it since the page was drawn). Returns the text and whether anything was redacted.
    """
    spans = [
        (found.start, found.end)
        for found in find_personal_information(markdown)
        if found.text == span_text
    ]
    return redact(markdown, spans), bool(spans)


def redact_all_findings(markdown: str) -> tuple[str, bool]:
    """Replace every finding of personal information with "[removed]"."""
    spans = [(found.start, found.end) for found in find_personal_information(markdown)]
    return redact(markdown, spans), bool(spans)

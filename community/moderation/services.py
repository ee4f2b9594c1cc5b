"""Moderators' decisions on posts: each one a state change with its counts and audit entry.

Every decision names the version of the post the moderator read (``post_version``), so
that a decision taken on a page that has since gone stale is refused, not applied to text
the moderator never saw. Services flush; the request commits once.
"""

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.database import lock_row
from community.extensions import db
from community.models import Appeal, AppealStatus, ModerationEvent, Post, PostState, User
from community.permissions import can_decide
from community.posts.audit import record_event
from community.posts.reports import resolve_open_reports
from community.posts.services import (
    Revision,
    apply_action,
    close_open_appeal,
    discard_pending_edit,
    publish_pending_edit,
    publish_text,
)
from community.posts.states import ACTIONS, PostAction
from community.text import find_personal_information, redact, text_fingerprint

STALE = (
    "This post was decided on or changed since you opened it; here it is as it is now. "
    "Nothing was changed."
)


OWN_POST = "You wrote this post, so another moderator decides on it."
OWN_DECISION = "You took the decision appealed, so another moderator hears the appeal."

# The decisions taken with one button (and a reason, if the table asks for one), by the
# review page's address for them; each is called as (moderator, post, seen_version=...,
# reason=...).
Decision = Callable[..., PostAction]
DECISIONS: dict[str, Decision] = {}


def decision(verb: str) -> Callable[[Decision], Decision]:
    """Register a service as the decision the review page posts to /moderation/posts/<id>/<verb>."""

    def register(service: Decision) -> Decision:
        DECISIONS[verb] = service
        return service

    return register


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


def _check(
    moderator: User, post: Post, seen_version: str, action: PostAction, reason: str | None
) -> None:
    """Refuse a decision on the moderator's own post, on a stale page, or without its reason."""
    if not can_decide(moderator, post):
        raise DecisionRefused(OWN_POST)
    if seen_version != post_version(post):
        raise StalePage(STALE)
    asked = ACTIONS[action].reason
    if asked is not None and asked.required and not (reason or "").strip():
        raise DecisionRefused(asked.required_message or asked.hint)


def _decide(
    moderator: User,
    post: Post,
    action: PostAction,
    seen_version: str,
    reason: str | None = None,
    revision: Callable[[], Revision] | None = None,
) -> PostAction:
    """Take ``action`` as the table says: the state, counts, log and open appeal, then the
    open reports."""
    _check(moderator, post, seen_version, action, reason)
    apply_action(
        post, action, actor=moderator, reason=reason, revision=revision() if revision else None
    )
    if ACTIONS[action].reports is not None:
        resolve_open_reports(post, moderator, ACTIONS[action].reports)
    return action


@decision("approve")
def approve(
    moderator: User, post: Post, seen_version: str, *, reason: str | None = None
) -> PostAction:
    """Publish a pending post, or the edit waiting on a published one."""
    if has_pending_edit(post):
        return _decide(
            moderator,
            post,
            PostAction.APPROVE_EDIT,
            seen_version,
            revision=lambda: publish_pending_edit(post),
        )
    return _decide(moderator, post, PostAction.APPROVE, seen_version)


@decision("reject")
def reject(moderator: User, post: Post, reason: str, seen_version: str) -> PostAction:
    """Refuse a pending post, or the edit waiting on a published one; the author reads why."""
    if has_pending_edit(post):
        return _decide(
            moderator,
            post,
            PostAction.REJECT_EDIT,
            seen_version,
            reason,
            revision=lambda: discard_pending_edit(post),
        )
    return _decide(moderator, post, PostAction.REJECT, seen_version, reason)


def edit_and_approve(
    moderator: User, post: Post, markdown: str, reason: str, seen_version: str
) -> PostAction:
    """Publish the moderator's version of the text; reports about the old text are upheld."""
    return _decide(
        moderator,
        post,
        PostAction.EDIT_AND_APPROVE,
        seen_version,
        reason,
        revision=lambda: publish_text(post, markdown),
    )


@decision("remove")
def remove(moderator: User, post: Post, reason: str, seen_version: str) -> PostAction:
    """Take a published or hidden post down; its open reports are upheld."""
    return _decide(moderator, post, PostAction.REMOVE, seen_version, reason)


@decision("restore")
def restore(
    moderator: User, post: Post, seen_version: str, *, reason: str | None = None
) -> PostAction:
    """Publish a removed or hidden post again; the reports that hid it are dismissed."""
    return _decide(moderator, post, PostAction.RESTORE, seen_version)


@decision("dismiss-reports")
def dismiss_reports(
    moderator: User, post: Post, seen_version: str, *, reason: str | None = None
) -> PostAction:
    """Keep a reported post as it is and close its open reports; its state does not change."""
    action = PostAction.DISMISS_REPORTS
    # The post's state does not change, so no conditional UPDATE of it orders this decision
    # with a report being filed (see file_report): lock it, or a third report filed now
    # would count the reports being dismissed and hide the post.
    lock_row(Post, post.id)
    _check(moderator, post, seen_version, action, reason)
    if post.state is PostState.HIDDEN:
        raise StalePage("A hidden post is restored or removed; its reports go with that.")
    if not resolve_open_reports(post, moderator, ACTIONS[action].reports):
        raise StalePage("This post has no open reports left; another moderator closed them.")
    record_event(action.value, actor=moderator, post=post)
    return action


def open_appeal(post: Post) -> Appeal | None:
    """The author's appeal of a decision on ``post`` waiting to be heard, with that decision
    and who took it."""
    return db.session.scalar(
        select(Appeal)
        .options(joinedload(Appeal.event).joinedload(ModerationEvent.actor))
        .where(Appeal.post_id == post.id, Appeal.status == AppealStatus.OPEN)
    )


def may_hear(moderator: User, appeal: Appeal) -> bool:
    """A moderator other than the one who took the decision hears its appeal."""
    return appeal.event.actor_id != moderator.id


def _hear_appeal(
    moderator: User,
    post: Post,
    action: PostAction,
    outcome: AppealStatus,
    seen_version: str,
    reason: str | None,
) -> PostAction:
    appeal = open_appeal(post)
    if appeal is None:
        raise StalePage("This appeal was already heard. Nothing was changed.")
    if not may_hear(moderator, appeal):
        raise DecisionRefused(OWN_DECISION)
    _check(moderator, post, seen_version, action, reason)
    # Of two moderators hearing the appeal at once, one closes it; the other changes nothing.
    if not close_open_appeal(post, moderator, outcome):
        raise StalePage("This appeal was already heard. Nothing was changed.")
    return _decide(moderator, post, action, seen_version, reason or None)


@decision("uphold-appeal")
def uphold_appeal(moderator: User, post: Post, seen_version: str, *, reason: str) -> PostAction:
    """Hear an appeal and keep the decision; the author reads why."""
    action = PostAction.UPHOLD_ON_APPEAL
    return _hear_appeal(moderator, post, action, AppealStatus.UPHELD, seen_version, reason)


@decision("reverse-appeal")
def reverse_appeal(
    moderator: User, post: Post, seen_version: str, *, reason: str | None = None
) -> PostAction:
    """Hear an appeal and publish the post the decision had rejected or removed."""
    action = PostAction.REVERSE_ON_APPEAL
    return _hear_appeal(moderator, post, action, AppealStatus.REVERSED, seen_version, reason)


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

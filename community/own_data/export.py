"""Everything the site holds about a member, as one JSON document.

Each section collects one kind of data and names the tables it reads. A new table that
refers to an account gets a section here; ``tests/own_data/test_export.py`` fails
until it has one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from community.extensions import db
from community.models import (
    Appeal,
    DigestDay,
    HelpedMark,
    MailPreference,
    Membership,
    ModerationEvent,
    Notification,
    OutboxMessage,
    Post,
    QuestionFollow,
    QuestionSuggestion,
    Report,
    ReviewerProfile,
    SiteText,
    SummaryRevision,
    User,
    utcnow,
)
from community.posts.services import DELETED_TEXT

Collector = Callable[[User], Any]


@dataclass(frozen=True)
class Section:
    name: str
    tables: tuple[str, ...]
    collect: Collector


SECTIONS: list[Section] = []


def section(name: str, *tables: str) -> Callable[[Collector], Collector]:
    """Register a collector as the export's section ``name``, reading ``tables``."""

    def register(collect: Collector) -> Collector:
        SECTIONS.append(Section(name, tables, collect))
        return collect

    return register


def export_member_data(member: User) -> dict[str, Any]:
    """Return everything the site holds about ``member``, section by section."""
    document: dict[str, Any] = {"exported_at": _when(utcnow())}
    for each in SECTIONS:
        document[each.name] = each.collect(member)
    return document


def _when(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@section("account", "users", "user_roles")
def _account(member: User) -> dict[str, Any]:
    return {
        "username": member.username,
        "email": member.email,
        "created_at": _when(member.created_at),
        "roles": sorted(grant.role.value for grant in member.roles),
        "email_verified_at": _when(member.email_verified_at),
        "suspended_until": _when(member.suspended_until),
        "suspension_reason": member.suspension_reason,
        "note": "Your password is kept as a one-way hash only, which is not exported.",
    }


@section("memberships", "memberships")
def _memberships(member: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        select(Membership)
        .options(joinedload(Membership.condition))
        .where(Membership.user_id == member.id)
        .order_by(Membership.created_at, Membership.id)
    )
    return [
        {
            "condition": row.condition.name,
            "condition_slug": row.condition.slug,
            "joined_as": row.relation.joining_label,
            "joined_at": _when(row.created_at),
        }
        for row in rows
    ]


@section("posts", "posts", "moderation_events")
def _posts(member: User) -> list[dict[str, Any]]:
    posts = list(
        db.session.scalars(
            select(Post)
            .options(joinedload(Post.question), joinedload(Post.condition))
            .where(Post.author_id == member.id)
            .order_by(Post.created_at, Post.id)
        )
    )
    earlier = _audited_texts([post.id for post in posts])
    return [
        {
            "id": post.id,
            "kind": post.kind.value,
            "state": post.state.value,
            "condition": post.condition.name,
            "question": post.question.title,
            "in_reply_to_post": post.parent_id,
            "created_at": _when(post.created_at),
            "updated_at": _when(post.updated_at),
            "approved_at": _when(post.approved_at),
            "text": post.body_markdown,
            "edit_awaiting_moderation": post.pending_markdown,
            "earlier_versions": [
                text
                for text in earlier.get(post.id, [])
                if text not in (post.body_markdown, post.pending_markdown, DELETED_TEXT)
            ],
            "personal_information_found": post.personal_information,
        }
        for post in posts
    ]


def _audited_texts(post_ids: list[int]) -> dict[int, list[str]]:
    """Return every text of these posts that the audit log kept, oldest first."""
    texts: dict[int, list[str]] = {}
    if not post_ids:
        return texts
    events = db.session.execute(
        select(ModerationEvent.post_id, ModerationEvent.text_before, ModerationEvent.text_after)
        .where(ModerationEvent.post_id.in_(post_ids))
        .order_by(ModerationEvent.created_at, ModerationEvent.id)
    )
    for post_id, before, after in events:
        kept = texts.setdefault(post_id, [])
        kept.extend(text for text in (before, after) if text is not None and text not in kept)
    return texts


@section("reports_made", "reports")
def _reports(member: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        select(Report).where(Report.reporter_id == member.id).order_by(Report.id)
    )
    return [
        {
            "post": row.post_id,
            "reason": row.reason.value,
            "note": row.note,
            "status": row.status.value,
            "created_at": _when(row.created_at),
            "resolved_at": _when(row.resolved_at),
        }
        for row in rows
    ]


@section("experiences_that_helped_you", "helped_marks")
def _helped_marks(member: User) -> list[dict[str, Any]]:
    """The experiences the member marked "This helped me": only they can see these."""
    rows = db.session.scalars(
        select(HelpedMark)
        .where(HelpedMark.user_id == member.id)
        .order_by(HelpedMark.created_at, HelpedMark.post_id)
    )
    return [{"post": row.post_id, "marked_at": _when(row.created_at)} for row in rows]


@section("moderation", "moderation_events")
def _moderation(member: User) -> list[dict[str, Any]]:
    """Decisions about the member or their posts, and the ones the member took."""
    rows = db.session.scalars(
        select(ModerationEvent)
        .where(
            or_(
                ModerationEvent.subject_user_id == member.id,
                ModerationEvent.actor_id == member.id,
            )
        )
        .order_by(ModerationEvent.created_at, ModerationEvent.id)
    )
    return [
        {
            "action": row.action,
            "taken_by_you": row.actor_id == member.id,
            "about_you": row.subject_user_id == member.id,
            "post": row.post_id,
            "reason": row.reason,
            "at": _when(row.created_at),
        }
        for row in rows
    ]


@section("summary_revisions_edited", "summary_revisions")
def _summary_revisions(member: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        select(SummaryRevision)
        .where(
            or_(
                SummaryRevision.editor_id == member.id,
                SummaryRevision.signed_off_by_id == member.id,
            )
        )
        .order_by(SummaryRevision.id)
    )
    return [
        {
            "question_id": row.question_id,
            "short_answer": row.short_answer,
            "state": row.state.value,
            "written_by_you": row.editor_id == member.id,
            "signed_off_by_you": row.signed_off_by_id == member.id,
            "signed_off_at": _when(row.signed_off_at),
            "at": _when(row.created_at),
        }
        for row in rows
    ]


@section("reviewer_profile", "reviewer_profiles")
def _reviewer_profile(member: User) -> dict[str, Any] | None:
    profile = db.session.get(ReviewerProfile, member.id)
    if profile is None:
        return None
    return {
        "full_name": profile.full_name,
        "credentials": profile.credentials,
        "specialty": profile.specialty,
        "registration_number": profile.registration_number,
        "updated_at": _when(profile.updated_at),
    }


@section("mail_preferences", "mail_preferences")
def _mail_preferences(member: User) -> dict[str, str]:
    """The member's choices, kind by kind; kinds not listed get their default."""
    rows = db.session.scalars(
        select(MailPreference)
        .where(MailPreference.user_id == member.id)
        .order_by(MailPreference.kind)
    )
    return {row.kind: row.choice.value for row in rows}


@section("mail", "outbox")
def _mail(member: User) -> list[dict[str, Any]]:
    """Mail sent or waiting to be sent to the member; links in it are not repeated."""
    rows = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.user_id == member.id)
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
    )
    return [
        {
            "to": row.to_address,
            "subject": row.subject,
            "kind": row.kind,
            "queued_at": _when(row.created_at),
            "sent_at": _when(row.sent_at),
        }
        for row in rows
    ]


@section("appeals", "appeals")
def _appeals(member: User) -> list[dict[str, Any]]:
    """The member's appeals of decisions about their posts, and the ones they heard."""
    rows = db.session.scalars(
        select(Appeal)
        .where(or_(Appeal.author_id == member.id, Appeal.decided_by_id == member.id))
        .order_by(Appeal.id)
    )
    return [
        {
            "post": row.post_id,
            "yours": row.author_id == member.id,
            "heard_by_you": row.decided_by_id == member.id,
            "message": row.message if row.author_id == member.id else None,
            "status": row.status.value,
            "created_at": _when(row.created_at),
            "decided_at": _when(row.decided_at),
        }
        for row in rows
    ]


@section("notifications", "notifications")
def _notifications(member: User) -> list[dict[str, Any]]:
    """What the member was told; who caused it is not said of a moderator's decision."""
    rows = db.session.scalars(
        select(Notification)
        .where(Notification.recipient_id == member.id)
        .order_by(Notification.created_at, Notification.id)
    )
    return [
        {
            "kind": row.kind,
            "action": row.action,
            "post": row.post_id,
            "question_id": row.question_id,
            "suggestion": row.suggestion_id,
            "created_at": _when(row.created_at),
            "read_at": _when(row.read_at),
            "mailed_at": _when(row.mailed_at),
        }
        for row in rows
    ]


@section("site_texts_edited", "site_texts")
def _site_texts(member: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(select(SiteText).where(SiteText.updated_by_id == member.id))
    return [{"text": row.key, "at": _when(row.updated_at)} for row in rows]


@section("questions_followed", "question_follows")
def _follows(member: User) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        select(QuestionFollow)
        .where(QuestionFollow.user_id == member.id)
        .order_by(QuestionFollow.created_at, QuestionFollow.question_id)
    )
    return [{"question_id": row.question_id, "followed_at": _when(row.created_at)} for row in rows]


@section("questions_suggested", "question_suggestions")
def _suggestions(member: User) -> list[dict[str, Any]]:
    """The questions the member suggested and the editors' answers; which editor is not said."""
    rows = db.session.scalars(
        select(QuestionSuggestion)
        .options(joinedload(QuestionSuggestion.condition))
        .where(QuestionSuggestion.author_id == member.id)
        .order_by(QuestionSuggestion.created_at, QuestionSuggestion.id)
    )
    return [
        {
            "id": row.id,
            "condition": row.condition.name,
            "question": row.title,
            "state": row.state.value,
            "suggested_at": _when(row.created_at),
            "answered_at": _when(row.decided_at),
            "decline_reason": row.decline_reason,
            "became_question_id": row.question_id,
        }
        for row in rows
    ]


@section("last_daily_digest", "digest_days")
def _digest_day(member: User) -> str | None:
    """The day the member was last sent their daily digest, if ever."""
    day = db.session.get(DigestDay, member.id)
    return day.sent_on.isoformat() if day is not None else None

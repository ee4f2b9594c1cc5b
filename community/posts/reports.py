"""Members report published posts; enough open reports hide a post until a moderator decides.

Every report goes to the moderators' queue, but only reports from established members of
the post's community count toward hiding it: otherwise a few accounts made for the
purpose could hide any post.
"""

from contextlib import suppress
from datetime import timedelta

from flask import current_app
from sqlalchemy import ColumnElement, exists, func, or_, select, update
from sqlalchemy.orm import aliased

from community.database import insert_unless_duplicate, lock_row
from community.extensions import db
from community.models import (
    Membership,
    Post,
    PostState,
    Report,
    ReportReason,
    ReportStatus,
    User,
    utcnow,
)
from community.permissions import can_write, is_author, writing_notice
from community.posts.services import AlreadyDecided, apply_action
from community.posts.states import PostAction

# Open reports from this many different established members hide a post.
HIDE_AFTER_REPORTS = 3


class ReportRefused(Exception):
    """The member cannot report this post; the message says why."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


class AlreadyReported(ReportRefused):
    def __init__(self) -> None:
        super().__init__("You have already reported this post; a moderator will look at it.", 409)


def file_report(
    reporter: User, post: Post, reason: ReportReason, note: str | None = None
) -> Report:
    """Record a member's report, and hide the post once enough members have reported it.

    ``note`` is what the reporter wrote about it, for moderators; it is erased with the
    post's text when its author deletes the post (see delete_own_post).

    Only reports that count toward hiding (see ``count_reports_that_hide``) are counted.
    """
    # Reports of one post are filed one at a time, so the one that makes three is counted.
    lock_row(Post, post.id)
    _check_may_report(reporter, post)
    report = Report(post_id=post.id, reporter_id=reporter.id, reason=reason, note=note)
    if not insert_unless_duplicate(report):
        raise AlreadyReported()
    open_reports = count_reports_that_hide(post)
    if open_reports >= HIDE_AFTER_REPORTS:
        # A report filed at the same moment may have hidden it already.
        with suppress(AlreadyDecided):
            apply_action(
                post, PostAction.HIDE, actor=None, reason=f"{open_reports} members reported it."
            )
    return report


def _check_may_report(reporter: User, post: Post) -> None:
    if not can_write(reporter):
        raise ReportRefused(writing_notice(reporter))
    if is_author(reporter, post):
        raise ReportRefused("You cannot report your own post.")
    if post.state is not PostState.APPROVED:
        raise ReportRefused("Only published posts can be reported.", 409)
    already = db.session.scalar(
        select(Report.id).where(Report.post_id == post.id, Report.reporter_id == reporter.id)
    )
    if already is not None:
        raise AlreadyReported()


def count_reports_that_hide(post: Post) -> int:
    """Count the post's open reports from established members of its community."""
    return db.session.scalar(
        select(func.count())
        .select_from(Report)
        .join(User, User.id == Report.reporter_id)
        .where(
            Report.post_id == post.id,
            Report.status == ReportStatus.OPEN,
            _is_member_of(post.condition_id),
            _is_established(),
        )
    )


def _is_member_of(condition_id: int) -> ColumnElement[bool]:
    return exists().where(Membership.user_id == User.id, Membership.condition_id == condition_id)


def _is_established() -> ColumnElement[bool]:
    """An account older than COMMUNITY_REPORTER_MIN_AGE_DAYS, or one with a published post."""
    min_age = timedelta(days=current_app.config["COMMUNITY_REPORTER_MIN_AGE_DAYS"])
    published = aliased(Post)
    return or_(
        User.created_at <= utcnow() - min_age,
        exists().where(published.author_id == User.id, published.state == PostState.APPROVED),
    )


def resolve_open_reports(post: Post, moderator: User, status: ReportStatus) -> int:
    """Close the post's open reports as upheld or dismissed; return how many there were."""
    return db.session.execute(
        update(Report)
        .where(Report.post_id == post.id, Report.status == ReportStatus.OPEN)
        .values(status=status, resolved_at=utcnow(), resolved_by_id=moderator.id)
    ).rowcount

"""The moderation queue: what waits for a decision, with what a moderator needs to decide it."""

import enum
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from flask_sqlalchemy.pagination import Pagination
from markupsafe import Markup
from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import aliased, contains_eager, joinedload

from community.extensions import db
from community.models import (
    Appeal,
    AppealStatus,
    Condition,
    ModerationEvent,
    Post,
    PostState,
    Report,
    ReportReason,
    ReportStatus,
)
from community.moderation.authors import AuthorFacts, facts_about
from community.moderation.services import has_pending_edit, post_version, text_under_review
from community.posts.rewrite import EarlierRejection, earlier_rejections
from community.posts.states import PostAction, allowed
from community.text import PersonalInformation, describe_personal_information, mark_spans

QUEUE_PER_PAGE = 20


class Show(enum.Enum):
    """The queue's views: what waits for approval, what members reported, everything."""

    PENDING = "pending"
    REPORTED = "reported"
    APPEALS = "appeals"
    ALL = "all"


SHOW_LABELS = {
    Show.PENDING: "Pending",
    Show.REPORTED: "Reported",
    Show.APPEALS: "Appeals",
    Show.ALL: "All posts",
}


@dataclass(frozen=True)
class MarkedText:
    """A text and the personal information found in it, as moderators are shown it."""

    text: str
    findings: list[PersonalInformation]

    @property
    def described(self) -> str:
        return describe_personal_information(self.findings)

    @property
    def html(self) -> Markup:
        return mark_spans(self.text, [(found.start, found.end) for found in self.findings])


@dataclass
class UnderReview:
    """A post as moderators see it: the text to decide on, its author, what was found in it."""

    post: Post
    author: AuthorFacts

    @property
    def is_edit(self) -> bool:
        return has_pending_edit(self.post)

    @property
    def text(self) -> str:
        return text_under_review(self.post)

    @property
    def version(self) -> str:
        return post_version(self.post)

    @property
    def approvable(self) -> bool:
        """Whether the post, or the edit waiting on it, can be approved as it stands."""
        action = PostAction.APPROVE_EDIT if self.is_edit else PostAction.APPROVE
        return allowed(self.post.state, action)

    def watched(self, action: str) -> list[str]:
        """The watched words or crisis phrases of one action found when the text was written."""
        return [found["word"] for found in self.post.watched_words if found["action"] == action]

    @property
    def crisis_words(self) -> list[str]:
        return self.watched("crisis")

    @property
    def flagged_words(self) -> list[str]:
        return self.watched("flag") + self.watched("require_approval")

    @cached_property
    def marked(self) -> MarkedText:
        """The text with the personal information found in it when it was written."""
        stored = [PersonalInformation(**found) for found in self.post.personal_information]
        return MarkedText(self.text, stored)


EXCERPT_LENGTH = 160


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """The start of ``text`` on one line, cut at a word and marked "…" if cut."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0] or flat[:length]
    return cut + "…"


@dataclass
class QueueItem(UnderReview):
    open_reports: list[ReportReason]
    # The author's appeal waiting to be heard, with the decision appealed.
    appeal: Appeal | None = None
    # Sent again after a rejection: why it was rejected, and the text then.
    rejected_before: EarlierRejection | None = None

    @property
    def quoted(self) -> str | None:
        """What a reply answers, as readers see it; None when that post is not shown to them."""
        parent = self.post.parent
        if parent is None or parent.state is not PostState.APPROVED:
            return None
        return excerpt(parent.body_markdown)


@dataclass
class Queue:
    show: Show
    condition: Condition | None
    items: list[QueueItem]
    pagination: Pagination
    pending: int
    reported: int
    appeals: int = 0


def _awaiting_decision():
    pending_edit = and_(Post.state == PostState.APPROVED, Post.pending_markdown.is_not(None))
    return or_(Post.state == PostState.PENDING, pending_edit)


def _first_open_report():
    return (
        select(func.min(Report.created_at))
        .where(Report.post_id == Post.id, Report.status == ReportStatus.OPEN)
        .correlate(Post)
        .scalar_subquery()
    )


def _reported():
    return and_(
        Post.state.in_((PostState.APPROVED, PostState.HIDDEN)), _first_open_report().is_not(None)
    )


def _open_appeal_since():
    return (
        select(Appeal.created_at)
        .where(Appeal.post_id == Post.id, Appeal.status == AppealStatus.OPEN)
        .correlate(Post)
        .scalar_subquery()
    )


def _appealed():
    return _open_appeal_since().is_not(None)


def _listing(show: Show):
    """The filter and order of one view: waiting longest first, or newest first for all."""
    if show is Show.PENDING:
        # A new post waits since it was written; an edit since it was made.
        waiting_since = case(
            (Post.state == PostState.PENDING, Post.created_at), else_=Post.updated_at
        )
        # Posts in words of self-harm or suicide intent first: someone may need help now.
        return _awaiting_decision(), (Post.possible_crisis.desc(), waiting_since, Post.id)
    if show is Show.REPORTED:
        return _reported(), (_first_open_report(), Post.id)
    if show is Show.APPEALS:
        return _appealed(), (_open_appeal_since(), Post.id)
    return Post.state != PostState.DELETED, (Post.created_at.desc(), Post.id.desc())


def posts_in_context() -> Select:
    """Select posts with their question, condition and author, loaded in the same query."""
    return (
        select(Post)
        .join(Post.question)
        .join(Post.condition)
        .outerjoin(Post.author)
        .options(
            contains_eager(Post.question),
            contains_eager(Post.condition),
            contains_eager(Post.author),
        )
    )


def load_queue(show: Show, condition: Condition | None, page: int) -> Queue:
    """Return one page of the queue with each author's facts and open reports.

    A fixed number of queries, whatever the number of posts on the page.
    """
    where, order = _listing(show)
    if condition is not None:
        where = and_(where, Post.condition_id == condition.id)
    # Each reply quotes the post it answers: loaded in the same query, not one per reply.
    parent = aliased(Post)
    query = (
        posts_in_context()
        .outerjoin(parent, Post.parent_id == parent.id)
        .options(contains_eager(Post.parent.of_type(parent)))
        .where(where)
        .order_by(*order)
    )
    pagination = db.paginate(query, page=page, per_page=QUEUE_PER_PAGE, error_out=False)
    posts = list(pagination.items)
    authors = facts_about(posts)
    reasons = _open_report_reasons([post.id for post in posts])
    # Only the appeals view shows them: the other views send no statement for them.
    appeals = _open_appeals([post.id for post in posts]) if show is Show.APPEALS else {}
    rejected_before = earlier_rejections([post.id for post in posts])
    pending, reported, appealed = _tab_counts(condition)
    return Queue(
        show=show,
        condition=condition,
        items=[
            QueueItem(
                post,
                authors[post.id],
                reasons.get(post.id, []),
                appeals.get(post.id),
                rejected_before.get(post.id),
            )
            for post in posts
        ],
        pagination=pagination,
        pending=pending,
        reported=reported,
        appeals=appealed,
    )


def _open_appeals(post_ids: list[int]) -> dict[int, Appeal]:
    if not post_ids:
        return {}
    found = db.session.scalars(
        select(Appeal)
        .options(joinedload(Appeal.event).joinedload(ModerationEvent.actor))
        .where(Appeal.post_id.in_(post_ids), Appeal.status == AppealStatus.OPEN)
    )
    return {appeal.post_id: appeal for appeal in found}


def _open_report_reasons(post_ids: list[int]) -> dict[int, list[ReportReason]]:
    reasons: dict[int, list[ReportReason]] = defaultdict(list)
    if post_ids:
        for post_id, reason in db.session.execute(
            select(Report.post_id, Report.reason)
            .where(Report.post_id.in_(post_ids), Report.status == ReportStatus.OPEN)
            .order_by(Report.created_at)
        ):
            reasons[post_id].append(reason)
    return reasons


def _tab_counts(condition: Condition | None) -> tuple[int, int, int]:
    def count(where):
        if condition is not None:
            where = and_(where, Post.condition_id == condition.id)
        return select(func.count()).select_from(Post).where(where).scalar_subquery()

    pending, reported, appealed = db.session.execute(
        select(count(_awaiting_decision()), count(_reported()), count(_appealed()))
    ).one()
    return pending, reported, appealed

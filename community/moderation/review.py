"""What the review page shows: a post in its thread, its author, reports and history."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.extensions import db
from community.models import ModerationEvent, Post, PostState, Report, ReportStatus
from community.moderation.authors import facts_about
from community.moderation.queue import MarkedText, UnderReview, posts_in_context
from community.posts.states import TRANSITIONS, PostAction
from community.text import find_personal_information


@dataclass
class Review(UnderReview):
    ancestors: list[Post]
    reports: list[Report]
    history: list[ModerationEvent]

    def in_editor(self, text: str) -> MarkedText:
        """The moderator's text: found in when written, or looked through again once changed."""
        if text == self.text:
            return self.marked
        return MarkedText(text, find_personal_information(text))

    @property
    def open_reports(self) -> list[Report]:
        return [report for report in self.reports if report.status is ReportStatus.OPEN]

    @property
    def decisions(self) -> set[str]:
        """The decisions the post's state allows, by the address they post to."""
        state = self.post.state

        def allowed(action: PostAction) -> bool:
            return (state, action) in TRANSITIONS

        by_verb = {
            "approve": self.approvable,
            "reject": allowed(PostAction.REJECT_EDIT if self.is_edit else PostAction.REJECT),
            "edit": allowed(PostAction.EDIT_AND_APPROVE),
            "remove": allowed(PostAction.REMOVE),
            "restore": allowed(PostAction.RESTORE),
            "dismiss-reports": state is PostState.APPROVED and bool(self.open_reports),
        }
        return {verb for verb, open_to_moderator in by_verb.items() if open_to_moderator}


def load_post(post_id: int) -> Post | None:
    """Return the post with its question, condition and author, in one query."""
    return db.session.scalar(posts_in_context().where(Post.id == post_id))


def load_review(post: Post) -> Review:
    """Gather the post's context: the posts above it, its reports and its history."""
    ancestor_ids = [int(segment) for segment in post.path.split("/")[:-1]]
    ancestors = (
        list(
            db.session.scalars(
                select(Post)
                .options(joinedload(Post.author))
                .where(Post.id.in_(ancestor_ids))
                .order_by(Post.depth)
            )
        )
        if ancestor_ids
        else []
    )
    reports = list(
        db.session.scalars(
            select(Report)
            .options(joinedload(Report.reporter))
            .where(Report.post_id == post.id)
            .order_by(Report.created_at)
        )
    )
    history = list(
        db.session.scalars(
            select(ModerationEvent)
            .options(joinedload(ModerationEvent.actor))
            .where(ModerationEvent.post_id == post.id)
            .order_by(ModerationEvent.created_at, ModerationEvent.id)
        )
    )
    return Review(post, facts_about([post])[post.id], ancestors, reports, history)

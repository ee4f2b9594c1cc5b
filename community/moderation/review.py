"""What the review page shows: a post in its thread, its author, reports and history."""

from dataclasses import dataclass

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.extensions import db
from community.models import Appeal, ModerationEvent, Post, Report, ReportStatus, User
from community.moderation.authors import facts_about
from community.moderation.queue import MarkedText, UnderReview, posts_in_context
from community.moderation.services import may_hear, open_appeal
from community.posts.states import ACTIONS, EDIT_VERB, MODERATOR_ACTIONS, Needs, PostAction
from community.text import find_personal_information


@dataclass(frozen=True)
class Button:
    """A decision's button on the review page: where it posts, what it says it does."""

    verb: str
    hint: str | None
    danger: bool
    place: int


@dataclass
class Review(UnderReview):
    ancestors: list[Post]
    reports: list[Report]
    history: list[ModerationEvent]
    # The author's appeal waiting to be heard, and whether the moderator reading may hear it.
    appeal: Appeal | None = None
    may_hear_appeal: bool = False

    def in_editor(self, text: str) -> MarkedText:
        """The moderator's text: found in when written, or looked through again once changed."""
        if text == self.text:
            return self.marked
        return MarkedText(text, find_personal_information(text))

    @property
    def open_reports(self) -> list[Report]:
        return [report for report in self.reports if report.status is ReportStatus.OPEN]

    def allows(self, action: PostAction) -> bool:
        """Whether the table lets a moderator take ``action`` on the post as it stands."""
        rule = ACTIONS[action]
        if self.post.state not in rule.moves:
            return False
        return {
            None: True,
            Needs.PENDING_EDIT: self.is_edit,
            Needs.NO_PENDING_EDIT: not self.is_edit,
            Needs.OPEN_REPORTS: bool(self.open_reports),
            Needs.OPEN_APPEAL: self.may_hear_appeal,
        }[rule.needs]

    @property
    def decisions(self) -> set[str]:
        """The decisions the post allows, by the address they post to."""
        return {rule.verb for action, rule in MODERATOR_ACTIONS.items() if self.allows(action)}

    @property
    def buttons(self) -> list[Button]:
        """The one-button decisions the post allows, as the review page lays them out."""
        found = [
            Button(
                rule.verb,
                rule.hint_with_reports
                if rule.hint_with_reports and self.open_reports
                else rule.hint,
                rule.danger,
                rule.place,
            )
            for action, rule in MODERATOR_ACTIONS.items()
            if rule.verb != EDIT_VERB and self.allows(action)
        ]
        return sorted(found, key=lambda button: button.place)


def load_post(post_id: int) -> Post | None:
    """Return the post with its question, condition and author, in one query."""
    return db.session.scalar(posts_in_context().where(Post.id == post_id))


def load_review(post: Post, moderator: User | None = None) -> Review:
    """Gather the post's context: the posts above it, its reports, its history, its appeal."""
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
    appeal = open_appeal(post)
    return Review(
        post,
        facts_about([post])[post.id],
        ancestors,
        reports,
        history,
        appeal=appeal,
        may_hear_appeal=appeal is not None
        and moderator is not None
        and may_hear(moderator, appeal),
    )


MEMBER_POSTS_PER_PAGE = 50


def load_member_posts(member: User, page: int) -> Pagination:
    """One page of everything ``member`` wrote, in every state, newest first."""
    query = (
        posts_in_context()
        .where(Post.author_id == member.id)
        .order_by(Post.created_at.desc(), Post.id.desc())
    )
    return db.paginate(query, page=page, per_page=MEMBER_POSTS_PER_PAGE, error_out=False)

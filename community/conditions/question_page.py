"""Render the question page: the reviewed summary, the experiences, and what the viewer may do."""

from dataclasses import dataclass

from flask import current_app, render_template
from flask_login import current_user
from sqlalchemy import select

from community.conditions import services
from community.conditions.forms import JoinForm
from community.extensions import db
from community.models import Membership, Post, PostKind, PostState, Question, Relation, Report
from community.permissions import can_write
from community.posts.forms import ReplyForm, ReportForm, ShareForm
from community.posts.threads import load_experience_page


@dataclass(frozen=True)
class Viewer:
    """What the page needs to know about who is reading it."""

    user_id: int | None = None
    can_write: bool = False
    relation: Relation | None = None
    own_experience_id: int | None = None
    # Posts on this question the viewer has reported: a member reports a post once.
    reported_post_ids: frozenset[int] = frozenset()

    @property
    def is_member(self) -> bool:
        return self.relation is not None


def viewer_of(question: Question) -> Viewer:
    """Read the viewer's membership and own experience on this question in one query."""
    if not current_user.is_authenticated:
        return Viewer()
    relation = (
        select(Membership.relation)
        .where(
            Membership.user_id == current_user.id,
            Membership.condition_id == question.condition_id,
        )
        .scalar_subquery()
    )
    own_experience = (
        select(Post.id)
        .where(
            Post.question_id == question.id,
            Post.author_id == current_user.id,
            Post.kind == PostKind.EXPERIENCE,
            Post.state != PostState.DELETED,
        )
        .limit(1)
        .scalar_subquery()
    )
    row = db.session.execute(select(relation, own_experience)).one()
    writer = can_write(current_user)
    return Viewer(
        user_id=current_user.id,
        can_write=writer,
        relation=Relation(row[0]) if isinstance(row[0], str) else row[0],
        own_experience_id=row[1],
        reported_post_ids=_reported_by_viewer(question) if writer else frozenset(),
    )


def _reported_by_viewer(question: Question) -> frozenset[int]:
    return frozenset(
        db.session.scalars(
            select(Report.post_id)
            .join(Post, Post.id == Report.post_id)
            .where(Report.reporter_id == current_user.id, Post.question_id == question.id)
        )
    )


def render_question_page(question: Question, page: int = 1):
    viewer = viewer_of(question)
    experiences = load_experience_page(
        question,
        page=page,
        per_page=current_app.config["COMMUNITY_EXPERIENCES_PER_PAGE"],
        viewer_id=viewer.user_id,
    )
    return render_template(
        "conditions/question.html",
        condition=question.condition,
        question=question,
        summary=services.current_summary(question),
        experiences=experiences,
        viewer=viewer,
        share_form=ShareForm(formdata=None),
        reply_form=ReplyForm(formdata=None),
        report_form=ReportForm(formdata=None),
        join_form=JoinForm(formdata=None),
    )

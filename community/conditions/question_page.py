"""Render the question page: the reviewed summary, the experiences, and what the viewer may do."""

from dataclasses import dataclass
from functools import cache

from flask import current_app, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import bindparam, select

from community.conditions.forms import FollowForm, JoinForm
from community.conditions.page_head import question_head
from community.conditions.services import list_questions
from community.extensions import db
from community.models import (
    Membership,
    Question,
    QuestionFollow,
    Relation,
    SummaryRevision,
    utcnow,
)
from community.paging import reading_arguments
from community.permissions import can_write, must_verify_email, writing_notice
from community.posts.forms import ReportForm, ShareForm
from community.posts.services import involved_in, own_experience
from community.posts.thread_fragments import (
    EXPERIENCES_MARK,
    ThreadKeeping,
    read_thread_versions,
    rendered_experiences,
)
from community.posts.threads import (
    EVERY_EXPERIENCE_OLDEST_FIRST,
    ExperienceOrder,
    ExperiencePage,
    Reading,
    load_experience_page,
)
from community.templating import MarkupPattern, UrlPattern, csrf_field


@dataclass(frozen=True)
class Viewer:
    """What the page needs to know about who is reading it."""

    user_id: int | None = None
    can_write: bool = False
    relation: Relation | None = None
    own_experience_id: int | None = None
    # Why a signed-in member may not write (suspended, address not confirmed), if so.
    writing_notice: str | None = None
    must_verify: bool = False
    # Whether they follow the question (told of each new published experience).
    follows: bool = False
    # Whether they wrote, reported or found helpful any post on the question: if not, they
    # read its experiences as every member like them does.
    involved: bool = False

    @property
    def is_member(self) -> bool:
        return self.relation is not None

    @property
    def may_join(self) -> bool:
        """Join from the share area: writers who are not members, and members-to-be
        whose address awaits confirmation (they join, then write once confirmed)."""
        if self.user_id is None or self.is_member:
            return False
        return self.can_write or self.must_verify

    @property
    def reply_control(self) -> str | None:
        """What each published post offers to answer it: a form, a way in, or nothing."""
        if self.user_id is None:
            return "log-in"
        if not self.can_write:
            return None
        return "form" if self.is_member else "join"


class PostLinks:
    """The links every post on the page carries, each built once for the whole page."""

    def __init__(self) -> None:
        self.profile = UrlPattern(lambda name: url_for("accounts.profile", username=name))
        self.reply = UrlPattern(lambda post_id: url_for("posts.reply", post_id=post_id))
        self.edit = UrlPattern(lambda post_id: url_for("posts.edit", post_id=post_id))
        self.report = UrlPattern(lambda post_id: url_for("posts.report", post_id=post_id))
        self.helped = UrlPattern(lambda post_id: url_for("posts.mark_helped", post_id=post_id))
        self.log_in_to_reply = UrlPattern(
            lambda post_id: url_for("accounts.login", next=f"{request.path}#post-{post_id}")
        )


@dataclass(frozen=True)
class ReadingLink:
    """One of the links that order or filter the experiences; ``current``: the one shown."""

    label: str
    url: str
    current: bool


def _reading_links(question: Question, reading: Reading) -> tuple[list, list]:
    """The order links and the relation links, each keeping the other choice."""

    def url(choice: Reading) -> str:
        return url_for(
            "conditions.question",
            slug=question.condition.slug,
            qslug=question.slug,
            **reading_arguments(choice),
        )

    orders = [
        ReadingLink(order.label, url(Reading(order, reading.relation)), order is reading.order)
        for order in (ExperienceOrder.NEWEST, ExperienceOrder.OLDEST, ExperienceOrder.MOST_REPLIED)
    ]
    relations = [
        ReadingLink("Everyone", url(Reading(reading.order)), reading.relation is None),
        *(
            ReadingLink(
                relation.badge, url(Reading(reading.order, relation)), relation is reading.relation
            )
            for relation in Relation
        ),
    ]
    return orders, relations


def viewer_of(question: Question) -> Viewer:
    """Read the viewer's membership, own experience, follow and involvement on this
    question in one statement."""
    if not current_user.is_authenticated:
        return Viewer()
    values = {
        "user_id": current_user.id,
        "question_id": question.id,
        "condition_id": question.condition_id,
    }
    row = db.session.execute(_viewer_statement(), values).one()
    writer = can_write(current_user)
    return Viewer(
        user_id=current_user.id,
        can_write=writer,
        writing_notice=None if writer else writing_notice(current_user),
        must_verify=must_verify_email(current_user),
        relation=Relation(row[0]) if isinstance(row[0], str) else row[0],
        own_experience_id=row[1],
        follows=bool(row[2]),
        involved=bool(row[3]),
    )


@cache
def _viewer_statement():
    """The member's membership, own experience, follow and involvement on a question: one
    statement, built once."""
    user_id, question_id = bindparam("user_id"), bindparam("question_id")
    relation = (
        select(Membership.relation)
        .where(
            Membership.user_id == user_id,
            Membership.condition_id == bindparam("condition_id"),
        )
        .scalar_subquery()
    )
    experience = own_experience(question_id, user_id).limit(1).scalar_subquery()
    follows = (
        select(QuestionFollow.user_id)
        .where(QuestionFollow.user_id == user_id, QuestionFollow.question_id == question_id)
        .exists()
    )
    return select(relation, experience, follows, involved_in(question_id, user_id))


def is_review_overdue(summary: SummaryRevision | None) -> bool:
    """A published summary whose next review date has passed."""
    return summary is not None and summary.is_overdue_on(utcnow().date())


def render_question_page(
    question: Question,
    summary: SummaryRevision | None,
    page: int = 1,
    reading: Reading = EVERY_EXPERIENCE_OLDEST_FIRST,
):
    viewer = viewer_of(question)
    signed_in = viewer.user_id is not None
    # Read before the threads' rows (community/posts/thread_fragments.py).
    versions = read_thread_versions(question.id, question.condition_id, signed_in)

    def load() -> ExperiencePage:
        return load_experience_page(
            question,
            page=page,
            per_page=current_app.config["COMMUNITY_EXPERIENCES_PER_PAGE"],
            viewer_id=viewer.user_id,
            reading=reading,
        )

    order_links, relation_links = _reading_links(question, reading)
    # What each post carries: links built once, one CSRF input for every reply and report
    # form, the report form's reasons, and (members only) the way back to this very page
    # after "This helped me", in its order, filter and page.
    thread_context = {
        "viewer": viewer,
        "reply_control": viewer.reply_control,
        "links": PostLinks(),
        "report_reason": _report_reason() if viewer.can_write else None,
        "helped_next": request.full_path.rstrip("?") if viewer.can_write else None,
    }
    post_csrf_field = csrf_field() if viewer.can_write else Markup("")
    rendered = None
    if versions is None:
        experiences = load()
    else:
        alike = (viewer.reply_control, viewer.can_write, thread_context["helped_next"])
        keeping = ThreadKeeping(versions, alike, (page, reading), thread_context)
        rendered = rendered_experiences(load, keeping, viewer.involved, post_csrf_field)
        experiences = rendered.experiences
    html = render_template(
        "conditions/question.html",
        condition=question.condition,
        question=question,
        summary=summary,
        review_overdue=is_review_overdue(summary),
        experiences=experiences,
        head=question_head(
            question,
            summary,
            experiences,
            structured_data=viewer.user_id is None,
            reordered=not reading.is_default,
        ),
        reading=reading,
        order_links=order_links,
        relation_links=relation_links,
        page_url=UrlPattern(
            lambda number: url_for(
                "conditions.question",
                slug=question.condition.slug,
                qslug=question.slug,
                **reading_arguments(reading, page=number),
            )
        ),
        # The condition's other questions, most shared first.
        related_questions=[
            row for row in list_questions(question.condition_id) if row.id != question.id
        ],
        question_url=UrlPattern(
            lambda qslug: url_for("conditions.question", slug=question.condition.slug, qslug=qslug)
        ),
        **thread_context,
        post_csrf_field=post_csrf_field,
        # A member's page is given its experiences rendered (thread_fragments.py).
        experiences_html=None if rendered is None else EXPERIENCES_MARK,
        # Forms are built only for the viewers who are shown them.
        share_form=ShareForm(formdata=None) if viewer.reply_control == "form" else None,
        join_form=JoinForm(formdata=None) if viewer.may_join else None,
        # Members only: their pages are never cached, so no visitor's copy shows it.
        follow_form=FollowForm(formdata=None) if signed_in else None,
    )
    return html if rendered is None else rendered.page(html)


def _report_reason() -> MarkupPattern:
    """The report form's reason list, rendered once for all the page's posts."""
    # Its field alone is shown: the token goes in with the page's one CSRF input.
    return MarkupPattern(
        lambda post_id: ReportForm(formdata=None, meta={"csrf": False}).reason(
            id=f"report-reason-{post_id}", required=True
        )
    )

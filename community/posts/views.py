"""Share an experience, reply, edit and delete one's own posts."""

from dataclasses import dataclass

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from community.database import empty_write_ahead_log
from community.extensions import db
from community.messages import CRISIS, at, confirm, post_place
from community.models import Post, PostKind, PostState, Question, ReportReason
from community.permissions import (
    can_delete,
    can_edit,
    can_reply_to,
    can_write,
    is_author,
    writing_notice,
)
from community.post_location import post_path
from community.posts import helped, reports, rewrite, services
from community.posts.forms import (
    DeleteForm,
    EditForm,
    HelpedForm,
    ReplyForm,
    ReportForm,
    RewriteForm,
    ShareForm,
)
from community.posts.states import TransitionRefused
from community.ratelimits import edit_limit, helped_limit, reply_limit, report_limit, share_limit
from community.redirects import safe_next
from community.text import PersonalInformation, find_personal_information

blueprint = Blueprint("posts", __name__)

AWAITING = "Thank you. Your {kind} will appear once a moderator has approved it."
# Said at the top of the support panel (community/templates/safety/_support_panel.html).
CRISIS_SUPPORT = (
    "It sounds like you may be going through a very hard time. You do not have to face it "
    "alone: people are ready to listen right now."
)

# What the pages below show of a post besides its text, loaded with it: the question and
# condition it is written on (edit page), and its author (quoted above a refused reply).
WITH_PLACE = (joinedload(Post.question), joinedload(Post.condition))
WITH_PLACE_AND_AUTHOR = (*WITH_PLACE, joinedload(Post.author))


@blueprint.post("/conditions/<slug>/questions/<qslug>/experiences")
@share_limit
@login_required
def share(slug: str, qslug: str):
    question = services.find_question(slug, qslug) or abort(404)
    return _write(ShareForm(), services.share_experience, question)


@blueprint.post("/posts/<id:post_id>/replies")
@reply_limit
@login_required
def reply(post_id: int):
    parent = db.session.get(Post, post_id, options=WITH_PLACE_AND_AUTHOR) or abort(404)
    return _write(ReplyForm(), services.reply_to, parent)


@blueprint.route("/posts/<id:post_id>/edit", methods=["GET", "POST"])
@edit_limit
@login_required
def edit(post_id: int):
    post = db.session.get(Post, post_id, options=WITH_PLACE) or abort(404)
    _require_writer()
    if not can_edit(current_user, post):
        abort(403)
    form = EditForm()
    if not form.is_submitted():
        form.body.data = post.pending_markdown or post.body_markdown
        return _edit_page(post, form)
    problem = _check_form(form)
    if problem:
        return _edit_page(post, form, problem)
    try:
        services.edit_post(post, form.body.data)
    except services.PostingRefused as refused:
        db.session.rollback()
        return _edit_page(post, form, (str(refused), refused.status))
    written = Written.of(post)
    db.session.commit()
    confirm(
        "Your changes are saved and will appear once a moderator has approved them.",
        post_place(written.id),
    )
    _offer_support(written.possible_crisis)
    return redirect(written.landing, 303)


@blueprint.route("/posts/<id:post_id>/rewrite", methods=["GET", "POST"])
@edit_limit
@login_required
def rewrite_post(post_id: int):
    """Rewrite a rejected post and send it to moderation again, once."""
    post = db.session.get(Post, post_id, options=WITH_PLACE) or abort(404)
    _require_writer()
    if not is_author(current_user, post):
        abort(403)
    refused = rewrite.refusal(current_user, post)
    if refused:
        abort(409, description=refused)
    form = RewriteForm()
    if not form.is_submitted():
        form.body.data = post.body_markdown
        return _rewrite_page(post, form)
    problem = _check_form(form)
    if problem:
        return _rewrite_page(post, form, problem)
    try:
        rewrite.rewrite_and_send(current_user, post, form.body.data)
    except services.PostingRefused as refusal:
        db.session.rollback()
        return _rewrite_page(post, form, (str(refusal), refusal.status))
    except TransitionRefused as refusal:
        db.session.rollback()
        abort(409, description=str(refusal))
    db.session.commit()
    kind = "experience" if post.kind is PostKind.EXPERIENCE else "reply"
    confirm(
        f"Thank you. Your rewritten {kind} is sent again: it will appear once a moderator "
        "has approved it.",
        post_place(post.id),
    )
    _offer_support(post.possible_crisis)
    account = url_for("accounts.account")
    if post.possible_crisis:
        return redirect(f"{account}#support", 303)
    return redirect(at(account, post_place(post.id)), 303)


@blueprint.route("/posts/<id:post_id>/delete", methods=["GET", "POST"])
@login_required
def delete(post_id: int):
    post = db.session.get(Post, post_id, options=WITH_PLACE) or abort(404)
    if not can_delete(current_user, post):
        abort(403)
    if request.method == "GET":
        # Deleting cannot be undone: the author sees what goes and confirms it.
        return render_template("posts/delete.html", post=post, form=DeleteForm(formdata=None))
    if not DeleteForm().validate_on_submit():
        abort(400)
    services.delete_own_post(post, current_user)
    db.session.commit()
    empty_write_ahead_log()
    confirm("Your post was deleted. Replies to it stay in the thread.", post_place(post.id))
    return redirect(at(_post_url(post), post_place(post.id)), 303)


@blueprint.post("/posts/<id:post_id>/report")
@report_limit
@login_required
def report(post_id: int):
    post = db.session.get(Post, post_id) or abort(404)
    _require_writer()
    form = ReportForm()
    if not form.validate_on_submit():
        if form.details.errors:
            abort(400, description=form.details.errors[0])
        abort(400, description="Choose why you report this post: the Reason list says it.")
    try:
        reports.file_report(current_user, post, ReportReason(form.reason.data), form.note)
    except reports.AlreadyReported as refused:
        db.session.rollback()
        confirm(str(refused), post_place(post.id))
        return redirect(at(_post_url(post), post_place(post.id)), 303)
    except reports.ReportRefused as refused:
        db.session.rollback()
        abort(refused.status, description=str(refused))
    db.session.commit()
    confirm("Thank you. A moderator will review your report.", post_place(post.id))
    return redirect(at(_post_url(post), post_place(post.id)), 303)


@blueprint.post("/posts/<id:post_id>/helped")
@helped_limit
@login_required
def mark_helped(post_id: int):
    post = db.session.get(Post, post_id) or abort(404)
    form = HelpedForm()
    if not form.validate_on_submit() or form.helped.data not in ("yes", "no"):
        abort(400, description="Say whether this experience helped you, or take that back.")
    member = current_user._get_current_object()
    try:
        if form.helped.data == "yes":
            helped.mark_helped(member, post)
            message = "Thank you. You marked this experience as helpful."
        else:
            helped.unmark_helped(member, post)
            message = "Your mark is taken back."
    except helped.HelpedRefused as refused:
        db.session.rollback()
        abort(refused.status, description=str(refused))
    db.session.commit()
    confirm(message, post_place(post.id))
    # Back to the page it was pressed on, in its order and filter, at the experience.
    return redirect(at(safe_next(form.next.data, _post_url(post)), post_place(post.id)), 303)


def _write(form, write, subject: Question | Post):
    """Store an experience on a question or a reply to a post with ``write``.

    When it is not stored, the form is shown again, saying why.
    """
    _require_writer()
    problem = _check_form(form)
    if problem:
        return _compose(form, problem, subject)
    try:
        post = write(current_user, subject, form.body.data)
    except services.PostingRefused as refused:
        problem = (str(refused), refused.status)
        return _compose(form, problem, subject, existing=refused.existing_id)
    written = Written.of(post)
    db.session.commit()
    return _posted(written)


def _require_writer() -> None:
    if not can_write(current_user):
        abort(403, description=writing_notice(current_user))


def _check_form(form) -> tuple[str, int] | None:
    """Return a (message, status) to show instead of storing, or None to go ahead."""
    if not form.validate_on_submit():
        return ("Please correct the post below.", 400)
    findings = find_personal_information(form.body.data)
    if findings and not form.warning_acknowledged():
        form.acknowledge_warning()
        return (
            f"Your post may contain personal information: {_list_findings(findings)}. "
            "Edit it, or send it again as it is.",
            200,
        )
    return None


def _list_findings(findings: list[PersonalInformation]) -> str:
    """Name each finding with its text, e.g. 'email address “jo@example.org”', once each."""
    return ", ".join(dict.fromkeys(f"{found.kind} “{found.text}”" for found in findings))


def _compose(form, problem: tuple[str, int], subject: Question | Post, existing=None):
    message, status = problem
    parent = subject if isinstance(subject, Post) else None
    question = parent.question if parent else subject
    return (
        render_template(
            "posts/compose.html",
            form=form,
            message=message,
            question=question,
            condition=parent.condition if parent else question.condition,
            parent=parent,
            # The post answered is quoted while it is published, as it can be answered.
            quoted=parent if parent is not None and can_reply_to(parent) else None,
            existing_id=existing,
        ),
        status,
    )


def _edit_page(post: Post, form, problem: tuple[str, int] | None = None):
    message, status = problem or (None, 200)
    form.body.label.text = "Your experience" if post.kind is PostKind.EXPERIENCE else "Your reply"
    return (
        render_template(
            "posts/edit.html",
            post=post,
            form=form,
            message=message,
        ),
        status,
    )


def _rewrite_page(post: Post, form, problem: tuple[str, int] | None = None):
    message, status = problem or (None, 200)
    form.body.label.text = "Your experience" if post.kind is PostKind.EXPERIENCE else "Your reply"
    found = rewrite.rewritable(current_user, [post]).get(post.id)
    return (
        render_template(
            "posts/rewrite.html",
            post=post,
            form=form,
            message=message,
            reason=found.reason if found else None,
        ),
        status,
    )


def _offer_support(possible_crisis: bool) -> None:
    """After a post in words of self-harm or suicide intent, show its author where help is."""
    if possible_crisis:
        flash(CRISIS_SUPPORT, CRISIS)


@dataclass(frozen=True)
class Written:
    """What the answer to a write says of the post, read in the transaction that wrote it:
    after the commit, the post and its author would each be loaded again."""

    id: int
    kind: PostKind
    published: bool
    possible_crisis: bool
    # Where the author goes: to the message beside their post, or to where help is.
    landing: str

    @classmethod
    def of(cls, post: Post) -> "Written":
        url = _post_url(post)
        landing = (
            url.partition("#")[0] + "#support"
            if post.possible_crisis
            else at(url, post_place(post.id))
        )
        published = post.state is PostState.APPROVED
        return cls(post.id, post.kind, published, post.possible_crisis, landing)


def _posted(written: Written):
    _offer_support(written.possible_crisis)
    kind = "experience" if written.kind is PostKind.EXPERIENCE else "reply"
    if written.published:
        confirm(f"Thank you. Your {kind} is published.", post_place(written.id))
    else:
        confirm(AWAITING.format(kind=kind), post_place(written.id))
    return redirect(written.landing, 303)


def _post_url(post: Post) -> str:
    """Link to the post on the page of the question that shows its thread, as its author sees it."""
    return post_path(post, current_user.id)

"""The editorial pages: the dashboard, new questions, writing summaries, reviewing revisions.

Visitors are sent to log in; signed-in people without the role for a page get a 403.
"""

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from community.conditions.services import list_conditions, published_history
from community.editorial import services
from community.editorial import suggestions as suggestion_answers
from community.editorial.dashboard import load_dashboard
from community.editorial.diff import revision_diff
from community.editorial.forms import (
    AcceptSuggestionForm,
    DeclineSuggestionForm,
    QuestionForm,
    RequestChangesForm,
    SignOffForm,
    SummaryForm,
    suggestion_prefix,
)
from community.editorial.lifecycle import (
    LIFECYCLE,
    STATE_LABELS,
    RevisionAction,
    RevisionRefused,
    audit_label,
    available_actions,
)
from community.editorial.reviewers import reviewer_profile
from community.editorial.sources import Source
from community.extensions import db, login_manager
from community.models import Question, RevisionState, SummaryRevision
from community.permissions import (
    AnyUser,
    can_read_revisions,
    can_review_summaries,
    can_use_editorial,
    can_write_summaries,
)
from community.posts.audit import action_label as post_action_label
from community.suggestions.lifecycle import LIFECYCLE as SUGGESTION_LIFECYCLE
from community.suggestions.lifecycle import STATE_LABELS as SUGGESTION_STATE_LABELS
from community.suggestions.lifecycle import SuggestionAction, SuggestionRefused
from community.suggestions.lifecycle import available_actions as suggestion_actions
from community.suggestions.services import get_suggestion
from community.text import render_markdown

blueprint = Blueprint("editorial", __name__, url_prefix="/editorial")


@blueprint.before_request
def require_sign_in():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


@blueprint.context_processor
def editorial_helpers():
    return {
        "state_labels": STATE_LABELS,
        "action_label": lambda action: audit_label(action) or post_action_label(action),
        "can_write_summaries": can_write_summaries,
        "can_read_revisions": can_read_revisions,
    }


def _require(allowed: Callable[[AnyUser], bool]) -> None:
    if not allowed(current_user):
        abort(403)


@blueprint.get("/")
def dashboard():
    _require(can_use_editorial)
    return _dashboard_page()


SuggestionForms = tuple[AcceptSuggestionForm, DeclineSuggestionForm]


def _dashboard_page(
    status: int = 200, message: str | None = None, sent: dict[int, SuggestionForms] | None = None
):
    """The dashboard; ``sent`` keeps the forms an editor sent, with their errors."""
    board = load_dashboard(services.today())
    forms: dict[int, SuggestionForms] = {}
    for suggestion in board.suggested:
        if not suggestion_actions(current_user, suggestion):
            continue
        prefix = suggestion_prefix(suggestion.id)
        forms[suggestion.id] = (sent or {}).get(suggestion.id) or (
            AcceptSuggestionForm(formdata=None, prefix=prefix, data={"title": suggestion.title}),
            DeclineSuggestionForm(formdata=None, prefix=prefix),
        )
    page = render_template(
        "editorial/dashboard.html",
        board=board,
        suggestion_forms=forms,
        suggestion_states=SUGGESTION_STATE_LABELS,
        message=message,
    )
    return page, status


def _answer_suggestion(suggestion_id: int, action: SuggestionAction):
    _require(can_write_summaries)
    found = get_suggestion(suggestion_id) or abort(404)
    prefix = suggestion_prefix(found.id)
    accept_form = AcceptSuggestionForm(prefix=prefix)
    decline_form = DeclineSuggestionForm(prefix=prefix)
    accepting = action is SuggestionAction.ACCEPT
    form = accept_form if accepting else decline_form
    # The other form is shown as it was, unsent.
    if accepting:
        decline_form = DeclineSuggestionForm(formdata=None, prefix=prefix)
    else:
        accept_form = AcceptSuggestionForm(
            formdata=None, prefix=prefix, data={"title": found.title}
        )
    sent = {found.id: (accept_form, decline_form)}
    if not form.validate_on_submit():
        return _dashboard_page(400, sent=sent)
    try:
        if accepting:
            question = suggestion_answers.accept(current_user, found, accept_form.title.data)
        else:
            suggestion_answers.decline(current_user, found, decline_form.reason.data)
    except SuggestionRefused as refused:
        db.session.rollback()
        if refused.field is None:
            return _dashboard_page(refused.status, message=refused.message)
        field = getattr(form, refused.field)
        field.errors = [*field.errors, refused.message]
        return _dashboard_page(refused.status, sent=sent)
    db.session.commit()
    flash(SUGGESTION_LIFECYCLE[action].notice, "success")
    if accepting:
        return redirect(url_for("editorial.summary", question_id=question.id), 303)
    return redirect(url_for("editorial.dashboard") + "#suggested-questions", 303)


@blueprint.post("/suggestions/<id:suggestion_id>/accept")
def accept_suggestion(suggestion_id: int):
    return _answer_suggestion(suggestion_id, SuggestionAction.ACCEPT)


@blueprint.post("/suggestions/<id:suggestion_id>/decline")
def decline_suggestion(suggestion_id: int):
    return _answer_suggestion(suggestion_id, SuggestionAction.DECLINE)


@blueprint.route("/questions/new", methods=["GET", "POST"])
def new_question():
    _require(can_write_summaries)
    form = QuestionForm()
    form.condition.choices += [SelectChoice(row.slug, row.name) for row in list_conditions()]
    if request.method == "GET":
        return render_template("editorial/new_question.html", form=form)
    if form.validate_on_submit():
        try:
            question = services.create_question(current_user, form.condition.data, form.title.data)
        except services.QuestionRefused as refused:
            db.session.rollback()
            field = form.condition if refused.field == "condition" else form.title
            field.errors = [*field.errors, refused.message]
        else:
            db.session.commit()
            flash(f"Question created: “{question.title}”. Now write its summary.", "success")
            return redirect(url_for("editorial.summary", question_id=question.id), 303)
    return render_template("editorial/new_question.html", form=form), 400


def _load_question(question_id: int) -> Question:
    question = db.session.scalar(
        select(Question).options(joinedload(Question.condition)).where(Question.id == question_id)
    )
    return question or abort(404)


def _form_data(revision: SummaryRevision | None, keep_note: bool) -> dict:
    if revision is None:
        return {}
    lines = [Source.of_stored(item).as_line() for item in revision.sources or []]
    return {
        "short_answer": revision.short_answer,
        "body": revision.body_markdown,
        "sources": "\n".join(lines),
        "change_note": revision.change_note if keep_note else "",
    }


def _summary_page(question, form, working, published, status=200, preview=None, message=None):
    return (
        render_template(
            "editorial/summary.html",
            question=question,
            form=form,
            working=working,
            published=published,
            history=services.revision_history(question.id),
            preview=preview,
            message=message,
        ),
        status,
    )


@blueprint.route("/questions/<id:question_id>/summary", methods=["GET", "POST"])
def summary(question_id: int):
    _require(can_write_summaries)
    question = _load_question(question_id)
    working = services.working_revision(question.id)
    published = services.published_revision(question.id)
    if request.method == "GET":
        form = SummaryForm(
            formdata=None,
            data={
                **_form_data(working or published, keep_note=working is not None),
                "version": working.fingerprint if working else "",
            },
        )
        return _summary_page(question, form, working, published)
    form = SummaryForm()
    if not form.validate_on_submit():
        return _summary_page(question, form, working, published, status=400)
    if form.preview.data:
        preview = render_markdown(form.body.data, editorial=True)
        return _summary_page(question, form, working, published, preview=preview)
    text = services.RevisionText(
        short_answer=form.short_answer.data.strip(),
        body_markdown=form.body.data.strip(),
        sources=form.parsed_sources,
        change_note=(form.change_note.data or "").strip() or None,
    )
    submit = bool(form.submit.data)
    try:
        revision = services.save_revision(
            current_user, question, text, submit=submit, seen=form.version.data or ""
        )
    except RevisionRefused as refused:
        db.session.rollback()
        return _summary_page(
            question, form, working, published, status=refused.status, message=refused.message
        )
    db.session.commit()
    action = RevisionAction.SUBMIT if submit else RevisionAction.SAVE_DRAFT
    flash(LIFECYCLE[action].notice, "success")
    return redirect(url_for("editorial.revision", revision_id=revision.id), 303)


def _revision_page(
    revision: SummaryRevision,
    *,
    status: int = 200,
    message: str | None = None,
    sign_off_form: SignOffForm | None = None,
    changes_form: RequestChangesForm | None = None,
):
    question = revision.question
    published = services.published_revision(question.id)
    if published is not None and published.id == revision.id:
        # The published text itself: compare it with the one it replaced.
        earlier = [each for each in published_history(question.id) if each.id < revision.id]
        published = earlier[0] if earlier else None
    actions = available_actions(current_user, revision)
    has_profile = reviewer_profile(current_user) is not None
    if RevisionAction.SIGN_OFF in actions and has_profile and sign_off_form is None:
        sign_off_form = SignOffForm(
            formdata=None,
            fingerprint=revision.fingerprint,
            next_review_due=services.next_review_default(),
        )
    if RevisionAction.REQUEST_CHANGES in actions and changes_form is None:
        changes_form = RequestChangesForm(formdata=None, fingerprint=revision.fingerprint)
    return (
        render_template(
            "editorial/revision.html",
            revision=revision,
            question=question,
            compared_with=published,
            diff=revision_diff(published, revision),
            history=services.revision_history(question.id),
            events=services.revision_events(revision.id),
            needs_profile=RevisionAction.SIGN_OFF in actions and not has_profile,
            sign_off_form=sign_off_form if RevisionAction.SIGN_OFF in actions else None,
            changes_form=changes_form,
            can_revise=can_write_summaries(current_user)
            and revision.state is not RevisionState.PUBLISHED,
            lifecycle=LIFECYCLE,
            actions=RevisionAction,
            message=message,
        ),
        status,
    )


def _load_revision(revision_id: int, lock: bool = False) -> SummaryRevision:
    return services.get_revision(revision_id, lock=lock) or abort(404)


@blueprint.get("/revisions/<id:revision_id>")
def revision(revision_id: int):
    _require(can_read_revisions)
    return _revision_page(_load_revision(revision_id))


def _decide(revision_id: int, form, decide: Callable, action: RevisionAction, forms_key: str):
    _require(can_review_summaries)
    found = _load_revision(revision_id, lock=True)
    if not form.validate_on_submit():
        return _revision_page(found, status=400, **{forms_key: form})
    try:
        decide(found, form)
    except RevisionRefused as refused:
        db.session.rollback()
        found = _load_revision(revision_id)
        return _revision_page(found, status=refused.status, message=refused.message)
    db.session.commit()
    flash(LIFECYCLE[action].notice, "success")
    return redirect(url_for("editorial.revision", revision_id=revision_id), 303)


@blueprint.post("/revisions/<id:revision_id>/sign-off")
def sign_off(revision_id: int):
    return _decide(
        revision_id,
        SignOffForm(),
        lambda found, form: services.sign_off(
            current_user, found, form.fingerprint.data, form.next_review_due.data
        ),
        RevisionAction.SIGN_OFF,
        "sign_off_form",
    )


@blueprint.post("/revisions/<id:revision_id>/request-changes")
def request_changes(revision_id: int):
    return _decide(
        revision_id,
        RequestChangesForm(),
        lambda found, form: services.request_changes(
            current_user, found, form.fingerprint.data, form.reason.data
        ),
        RevisionAction.REQUEST_CHANGES,
        "changes_form",
    )

"""The moderation pages: the queue, reviewing a post, suspending members, the audit log.

Every route here is for moderators: visitors are sent to log in, members get a 403.
"""

from collections.abc import Callable

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from community.accounts.services import find_by_username
from community.conditions.services import get_condition, list_conditions
from community.editorial.lifecycle import AUDIT_LABELS, audit_label
from community.extensions import db, login_manager
from community.models import Condition, Post, PostKind, User, utcnow
from community.moderation import bulk, cleanup, services, suspensions
from community.moderation.canned import canned_reasons
from community.moderation.forms import (
    DECISION_FORMS,
    BulkDecisionForm,
    CleanUpForm,
    DecisionForm,
    EditForm,
    LiftSuspensionForm,
    LogFilterForm,
    QueueFilterForm,
    SuspendForm,
    offer_canned_reasons,
)
from community.moderation.log import LogFilter, list_moderators, load_log
from community.moderation.queue import SHOW_LABELS, Show, excerpt, load_queue
from community.moderation.review import load_member_posts, load_post, load_review
from community.paging import requested_page
from community.permissions import can_decide, can_moderate, can_suspend, is_suspended
from community.posts.audit import ACTION_LABELS, action_label
from community.posts.services import approved_post_count
from community.posts.states import ACTIONS, MODERATOR_STATE_LABELS, PostAction, TransitionRefused
from community.redirects import safe_next

blueprint = Blueprint("moderation", __name__, url_prefix="/moderation")

# Each one-button decision: its form, worded by the table of post actions, and its service.
DECISIONS: dict[str, tuple[type[DecisionForm], services.Decision]] = {
    verb: (DECISION_FORMS[verb], service) for verb, service in services.DECISIONS.items()
}


@blueprint.before_request
def require_moderator():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not can_moderate(current_user):
        abort(403)
    return None


def log_label(action: str) -> str:
    """What the audit log calls an action: a post action, or an editorial one."""
    return audit_label(action) or action_label(action)


@blueprint.context_processor
def moderation_helpers():
    return {
        "state_labels": MODERATOR_STATE_LABELS,
        "approve_button": ACTIONS[PostAction.APPROVE].button,
        "action_label": log_label,
        "can_decide": can_decide,
        "own_post": services.OWN_POST,
        "post_excerpt": excerpt,
        "own_decision": services.OWN_DECISION,
    }


@blueprint.get("/")
def queue():
    # "Select all on this page" works without script: the page comes back with every box ticked.
    return _queue_page(
        BulkDecisionForm(formdata=None), select_all=request.args.get("select") == "all"
    )


@blueprint.post("/bulk")
def bulk_decide():
    """Approve or reject the posts ticked on the queue; the address carries the queue's view."""
    form = _offering_reasons(BulkDecisionForm())
    if not form.validate_on_submit():
        return _queue_page(form, message=_CORRECT, status=400)
    selected = [bulk.Selected(post_id, version) for post_id, version in form.chosen()]
    try:
        outcome = bulk.decide_selected(
            current_user, form.verb, selected, (form.reason.data or "").strip() or None
        )
    except services.DecisionRefused as refused:
        db.session.rollback()
        return _queue_page(form, message=str(refused), status=400)
    db.session.commit()
    flash(outcome.summary, "success" if not outcome.skipped else "warning")
    return redirect(url_for(".queue", **_queue_view_arguments()), 303)


def _queue_view_arguments() -> dict[str, str]:
    """The queue's view, condition and page, as given in the address (checked on display)."""
    return {
        name: request.args[name] for name in ("show", "condition", "page") if request.args.get(name)
    }


def _queue_page(
    bulk_form: BulkDecisionForm,
    *,
    select_all: bool = False,
    message: str | None = None,
    status: int = 200,
):
    show = _choice(Show, request.args.get("show") or Show.PENDING.value, "view")
    condition = _condition_argument(request.args.get("condition"))
    found = load_queue(show, condition, requested_page())
    filter_form = QueueFilterForm(
        formdata=None, show=show.value, condition=condition.slug if condition else ""
    )
    filter_form.condition.choices += _condition_choices()
    _offering_reasons(bulk_form)
    ticked = {value.split(":", 1)[0] for value in bulk_form.selected.data or ()}
    # The posts a bulk decision may take: those this moderator could approve one by one.
    selectable = {
        item.post.id
        for item in found.items
        if item.approvable and can_decide(current_user, item.post)
    }
    return (
        render_template(
            "moderation/queue.html",
            queue=found,
            selectable=selectable,
            show_labels=SHOW_LABELS,
            filter_form=filter_form,
            bulk_form=bulk_form,
            view_arguments=_queue_view_arguments(),
            ticked=ticked,
            select_all=select_all,
            message=message,
        ),
        status,
    )


@blueprint.get("/posts/<id:post_id>")
def review(post_id: int):
    return _review_page(load_post(post_id) or abort(404))


def decide(post_id: int, verb: str):
    post = load_post(post_id) or abort(404)
    form_class, run = DECISIONS[verb]
    form = _offering_reasons(form_class())
    if not form.validate_on_submit():
        return _review_page(post, submitted=(verb, form), message=_CORRECT, status=400)
    reason = (form.reason.data or "").strip() if "reason" in form else None
    return _decided(
        post,
        form,
        lambda: run(current_user, post, seen_version=form.version.data, reason=reason),
    )


# One address per decision, e.g. /moderation/posts/7/approve.
for _verb in DECISIONS:
    blueprint.add_url_rule(
        f"/posts/<id:post_id>/{_verb}",
        endpoint="decide",
        view_func=decide,
        methods=["POST"],
        defaults={"verb": _verb},
    )


@blueprint.post("/posts/<id:post_id>/edit")
def edit(post_id: int):
    post = load_post(post_id) or abort(404)
    if not can_decide(current_user, post):
        abort(403, description=services.OWN_POST)
    form = _offering_reasons(EditForm())
    form.original_text = services.text_under_review(post)
    if form.redacting:
        # Redacting only redraws the form with the span replaced: nothing is stored yet.
        text = form.body.data or ""
        if form.redact_all.data:
            form.body.data, redacted = services.redact_all_findings(text)
        else:
            form.body.data, redacted = services.redact_finding(text, form.redact.data)
        message = None if redacted else "That text is no longer in the post; nothing was redacted."
        return _review_page(post, submitted=("edit", form), message=message)
    if not form.validate_on_submit():
        return _review_page(post, submitted=("edit", form), message=_CORRECT, status=400)
    return _decided(
        post,
        form,
        lambda: services.edit_and_approve(
            current_user, post, form.body.data, form.reason.data.strip(), form.version.data
        ),
    )


_CORRECT = "Please correct the form below; nothing was changed."


def _decided(post: Post, form: DecisionForm, run: Callable[[], object]):
    """Take the decision and go back to the queue, or say why it was not taken."""
    try:
        action = run()
    except services.DecisionRefused as refused:
        abort(403, description=str(refused))
    except (services.StalePage, TransitionRefused) as refused:
        db.session.rollback()
        return _review_page(load_post(post.id), message=str(refused), status=409)
    db.session.commit()
    done = action_label(action.value)
    kind = "experience" if post.kind is PostKind.EXPERIENCE else "reply"
    author = post.author.username if post.author else "a former member"
    flash(f"{done}: the {kind} by {author} on “{post.question.title}”.", "success")
    return redirect(safe_next(form.next.data, url_for(".queue")), 303)


def _review_page(post: Post, *, submitted=None, message: str | None = None, status: int = 200):
    review_ = load_review(post, current_user)
    forms = _decision_forms(review_, submitted)
    return (
        render_template(
            "moderation/review.html",
            review=review_,
            forms=forms,
            editor=review_.in_editor(forms["edit"].body.data or ""),
            message=message,
        ),
        status,
    )


def _decision_forms(review_, submitted) -> dict[str, DecisionForm]:
    """A blank form per decision, carrying the post's version; the submitted one as sent."""
    next_url = safe_next(request.args.get("next"), "") or None
    forms = {
        verb: form_class(formdata=None, version=review_.version, next=next_url)
        for verb, (form_class, _) in DECISIONS.items()
    }
    forms["edit"] = EditForm(
        formdata=None,
        version=review_.version,
        next=next_url,
        body=review_.text,
    )
    if submitted is not None:
        verb, form = submitted
        forms[verb] = form
    for form in forms.values():
        _offering_reasons(form)
    return forms


def _offering_reasons(form):
    """Offer the admins' canned reasons beside the form's Reason; loaded once per request."""
    if "canned_reasons" not in g:
        g.canned_reasons = canned_reasons()
    offer_canned_reasons([form], g.canned_reasons)
    return form


@blueprint.get("/members/<username>")
def member(username: str):
    return _member_page(find_by_username(username) or abort(404))


@blueprint.post("/members/<username>/suspend")
def suspend(username: str):
    found = find_by_username(username) or abort(404)
    form = _offering_reasons(SuspendForm())
    if not form.validate_on_submit():
        return _member_page(found, suspend_form=form, message=_CORRECT, status=400)
    try:
        until = suspensions.suspension_end(form.length.data, form.until.data, utcnow())
        suspensions.suspend(current_user, found, form.reason.data.strip(), until)
    except suspensions.SuspensionRefused as refused:
        db.session.rollback()
        return _member_page(found, suspend_form=form, message=str(refused), status=refused.status)
    db.session.commit()
    flash(f"{found.username} is suspended.", "success")
    return redirect(url_for(".member", username=found.username), 303)


@blueprint.post("/members/<username>/clean-up")
def clean_up(username: str):
    found = find_by_username(username) or abort(404)
    form = _offering_reasons(CleanUpForm())
    if not form.validate_on_submit():
        return _member_page(found, clean_up_form=form, message=_CORRECT, status=400)
    try:
        outcome = cleanup.remove_all_and_suspend(current_user, found, form.reason.data.strip())
    except suspensions.SuspensionRefused as refused:
        db.session.rollback()
        return _member_page(found, clean_up_form=form, message=str(refused), status=refused.status)
    db.session.commit()
    flash(outcome.summary(found), "success")
    return redirect(url_for(".member", username=found.username), 303)


@blueprint.post("/members/<username>/lift")
def lift_suspension(username: str):
    found = find_by_username(username) or abort(404)
    if not LiftSuspensionForm().validate_on_submit():
        abort(400)
    try:
        suspensions.lift_suspension(current_user, found)
    except suspensions.SuspensionRefused as refused:
        db.session.rollback()
        return _member_page(found, message=str(refused), status=refused.status)
    db.session.commit()
    flash(f"{found.username}'s suspension is lifted.", "success")
    return redirect(url_for(".member", username=found.username), 303)


def _member_page(
    member_: User, *, suspend_form=None, clean_up_form=None, message=None, status: int = 200
):
    return (
        render_template(
            "moderation/member.html",
            member=member_,
            suspended=is_suspended(member_),
            may_suspend=can_suspend(current_user, member_),
            approved_posts=approved_post_count(member_),
            events=load_log(LogFilter(subject=member_), page=1, per_page=20),
            suspend_form=_offering_reasons(suspend_form or SuspendForm(formdata=None)),
            lift_form=LiftSuspensionForm(formdata=None),
            clean_up_form=_offering_reasons(clean_up_form or CleanUpForm(formdata=None)),
            posts=load_member_posts(member_, requested_page()),
            message=message,
        ),
        status,
    )


@blueprint.get("/log")
def log():
    moderators = list_moderators()
    form = LogFilterForm(request.args)
    form.moderator.choices += [SelectChoice(user.username, user.username) for user in moderators]
    form.action.choices += [
        SelectChoice(action, label) for action, label in (ACTION_LABELS | AUDIT_LABELS).items()
    ]
    form.condition.choices += _condition_choices()
    if not form.validate():
        abort(400, description="Choose the log's filters from their lists.")
    log_filter = LogFilter(
        moderator=next((u for u in moderators if u.username == form.moderator.data), None),
        action=form.action.data or None,
        condition=get_condition(form.condition.data) if form.condition.data else None,
    )
    return render_template(
        "moderation/log.html",
        form=form,
        log_filter=log_filter,
        events=load_log(log_filter, requested_page()),
    )


def _choice(enum_class, value: str, name: str):
    try:
        return enum_class(value)
    except ValueError:
        abort(400, description=f"There is no {name} called “{value}”.")


def _condition_choices() -> list[SelectChoice]:
    return [SelectChoice(item.slug, item.name) for item in list_conditions()]


def _condition_argument(slug: str | None) -> Condition | None:
    if not slug:
        return None
    return get_condition(slug) or abort(400, description=f"There is no condition “{slug}”.")

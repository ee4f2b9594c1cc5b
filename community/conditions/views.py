"""The directory, condition pages and question pages, and joining a community."""

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from community import memberships
from community.conditions import services
from community.conditions.forms import FollowForm, JoinForm, LeaveForm
from community.conditions.page_head import condition_head
from community.conditions.question_page import render_question_page
from community.extensions import db
from community.messages import at, confirm
from community.models import Relation
from community.notifications import services as notifications
from community.page_cache import visitor_page
from community.page_versions import (
    DIRECTORY,
    SITE,
    condition_scope_by_slug,
    question_scope_by_slugs,
)
from community.paging import requested_page, requested_reading
from community.permissions import can_write
from community.redirects import safe_next
from community.templating import UrlPattern

blueprint = Blueprint("conditions", __name__)


@blueprint.get("/")
@visitor_page(lambda: (SITE, DIRECTORY))
def directory():
    conditions = services.list_conditions()
    # ?q= finds conditions by any of their names: "PID" finds Primary Immunodeficiency.
    query = request.args.get("q", "", type=str).strip()
    if query:
        conditions = services.conditions_matching(conditions, query)
    return render_template(
        "conditions/directory.html",
        conditions=tuple(conditions),
        query=query,
        condition_url=UrlPattern(lambda slug: url_for("conditions.condition", slug=slug)),
    )


@blueprint.get("/conditions/<slug>")
@visitor_page(lambda slug: (SITE, condition_scope_by_slug(slug)), query=("order",))
def condition(slug: str):
    found = services.get_condition(slug) or abort(404)
    signed_in = current_user.is_authenticated
    membership = memberships.membership_of(current_user, found.id) if signed_in else None
    order = request.args.get("order", type=str)
    if order not in services.QUESTION_ORDERS:
        order = services.DEFAULT_QUESTION_ORDER
    return render_template(
        "conditions/condition.html",
        condition=found,
        head=condition_head(found),
        questions=services.list_questions(found.id, order),
        order=order,
        question_url=UrlPattern(
            lambda qslug: url_for("conditions.question", slug=found.slug, qslug=qslug)
        ),
        membership=membership,
        # Visitors see links to log in, not forms: no form is built for them.
        join_form=JoinForm(formdata=None) if signed_in and not membership else None,
        leave_form=LeaveForm(formdata=None) if membership else None,
        may_suggest=can_write(current_user),
    )


@blueprint.get("/conditions/<slug>/questions/<qslug>")
@visitor_page(
    lambda slug, qslug: (
        SITE,
        condition_scope_by_slug(slug),
        question_scope_by_slugs(slug, qslug),
    ),
    query=("page", "order", "relation"),
)
def question(slug: str, qslug: str):
    reading = requested_reading()
    question, summary = services.get_question_with_summary(slug, qslug) or abort(404)
    return render_question_page(question, summary, page=requested_page(), reading=reading)


@blueprint.get("/conditions/<slug>/questions/<qslug>/history")
@visitor_page(
    lambda slug, qslug: (
        SITE,
        condition_scope_by_slug(slug),
        question_scope_by_slugs(slug, qslug),
    )
)
def history(slug: str, qslug: str):
    found = services.get_question(slug, qslug) or abort(404)
    return render_template(
        "conditions/history.html",
        condition=found.condition,
        question=found,
        revisions=services.published_history(found.id),
    )


@blueprint.post("/conditions/<slug>/join")
@login_required
def join(slug: str):
    found = services.get_condition(slug) or abort(404)
    form = JoinForm()
    if not form.validate_on_submit():
        abort(400, description="Choose how you relate to this condition to join its community.")
    memberships.join(current_user, found, Relation(form.relation.data))
    db.session.commit()
    return _back_to_membership(form, f"You have joined the {found.name} community.", found)


@blueprint.post("/conditions/<slug>/leave")
@login_required
def leave(slug: str):
    found = services.get_condition(slug) or abort(404)
    form = LeaveForm()
    if not form.validate_on_submit():
        abort(400)
    if memberships.leave(current_user, found):
        db.session.commit()
        return _back_to_membership(form, f"You have left the {found.name} community.", found)
    fallback = url_for("conditions.condition", slug=found.slug)
    return redirect(safe_next(form.next.data, fallback), 303)


def _back_to_membership(form, message: str, found) -> Response:
    """Go back to the page the form was on, the message beside the form that was used.

    The join form sits on the condition page ("join") and, for a member who has not
    joined, in a question page's share section ("share").
    """
    back = safe_next(form.next.data, url_for("conditions.condition", slug=found.slug))
    place = "share" if back.endswith("#share") else "join"
    confirm(message, place)
    return redirect(at(back, place), 303)


@blueprint.post("/conditions/<slug>/questions/<qslug>/follow")
@login_required
def follow(slug: str, qslug: str):
    found = services.get_question(slug, qslug) or abort(404)
    form = FollowForm()
    if not form.validate_on_submit() or form.follow.data not in ("yes", "no"):
        abort(400, description="Choose to follow this question or to stop following it.")
    member = current_user._get_current_object()
    if form.follow.data == "yes":
        notifications.follow(member, found)
        message = "You follow this question: you will be told of each new experience on it."
    else:
        notifications.unfollow(member, found)
        message = "You no longer follow this question."
    db.session.commit()
    confirm(message, "follow")
    return redirect(at(url_for("conditions.question", slug=slug, qslug=qslug), "follow"), 303)

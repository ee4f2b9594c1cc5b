"""The directory, condition pages and question pages, and joining a community."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from community.conditions import memberships, services
from community.conditions.forms import JoinForm, LeaveForm
from community.conditions.question_page import render_question_page
from community.extensions import db
from community.models import Relation
from community.paging import requested_page
from community.redirects import safe_next

blueprint = Blueprint("conditions", __name__)


@blueprint.get("/")
def directory():
    return render_template("conditions/directory.html", conditions=services.list_conditions())


@blueprint.get("/conditions/<slug>")
def condition(slug: str):
    found = services.get_condition(slug) or abort(404)
    membership = (
        memberships.membership_of(current_user, found.id) if current_user.is_authenticated else None
    )
    return render_template(
        "conditions/condition.html",
        condition=found,
        questions=services.list_questions(found),
        membership=membership,
        join_form=JoinForm(formdata=None),
        leave_form=LeaveForm(formdata=None),
    )


@blueprint.get("/conditions/<slug>/questions/<qslug>")
def question(slug: str, qslug: str):
    found = services.get_question(slug, qslug) or abort(404)
    return render_question_page(found, page=requested_page())


@blueprint.post("/conditions/<slug>/join")
@login_required
def join(slug: str):
    found = services.get_condition(slug) or abort(404)
    form = JoinForm()
    if not form.validate_on_submit():
        abort(400, description="Choose how you relate to this condition to join its community.")
    memberships.join(current_user, found, Relation(form.relation.data))
    db.session.commit()
    flash(f"You have joined the {found.name} community.", "success")
    fallback = url_for("conditions.condition", slug=found.slug)
    return redirect(safe_next(form.next.data, fallback), 303)


@blueprint.post("/conditions/<slug>/leave")
@login_required
def leave(slug: str):
    found = services.get_condition(slug) or abort(404)
    form = LeaveForm()
    if not form.validate_on_submit():
        abort(400)
    if memberships.leave(current_user, found):
        db.session.commit()
        flash(f"You have left the {found.name} community.", "success")
    fallback = url_for("conditions.condition", slug=found.slug)
    return redirect(safe_next(form.next.data, fallback), 303)

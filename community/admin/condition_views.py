"""Admins' pages for conditions: name, address, about text, other names."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from community.admin import conditions
from community.admin.forms import ConditionForm
from community.admin.views import CORRECT, blueprint
from community.database import is_unique_violation
from community.extensions import db


@blueprint.get("/conditions")
def condition_list():
    return render_template("admin/conditions.html", conditions=conditions.list_conditions())


@blueprint.route("/conditions/new", methods=["GET", "POST"])
def new_condition():
    form = ConditionForm()
    form.submit.label.text = "Add condition"
    if not form.is_submitted():
        return _condition_page(None, form)
    if not form.validate():
        return _condition_page(None, form, message=CORRECT, status=400)
    try:
        added = conditions.add_condition(current_user, _text(form), _reason(form))
        db.session.commit()
    except conditions.ConditionRefused as refused:
        db.session.rollback()
        return _refused(None, form, refused)
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        db.session.rollback()
        return _refused(None, form, _TAKEN_MEANWHILE, status=409)
    flash(f"Condition “{added.name}” added.", "success")
    return redirect(url_for(".condition_list"), 303)


@blueprint.route("/conditions/<id:condition_id>", methods=["GET", "POST"])
def condition(condition_id: int):
    found = conditions.get_condition(condition_id) or abort(404)
    form = ConditionForm(
        data={
            "name": found.name,
            "slug": found.slug,
            "about": found.about_markdown,
            "synonyms": "\n".join(found.synonyms or ()),
        }
    )
    if not form.is_submitted():
        return _condition_page(found, form)
    if not form.validate():
        return _condition_page(found, form, message=CORRECT, status=400)
    try:
        changed = conditions.change_condition(current_user, found, _text(form), _reason(form))
        db.session.commit()
    except conditions.ConditionRefused as refused:
        db.session.rollback()
        return _refused(conditions.get_condition(condition_id), form, refused)
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        db.session.rollback()
        return _refused(conditions.get_condition(condition_id), form, _TAKEN_MEANWHILE, status=409)
    if changed:
        flash(f"Condition “{found.name}” saved: {', '.join(changed).lower()} changed.", "success")
    else:
        flash(f"Nothing was changed in “{found.name}”.", "success")
    return redirect(url_for(".condition_list"), 303)


def _text(form: ConditionForm) -> conditions.ConditionText:
    return conditions.ConditionText(
        form.name.data or "", form.slug.data or "", form.about.data or "", form.synonyms.data or ""
    )


def _reason(form: ConditionForm) -> str | None:
    return (form.reason.data or "").strip() or None


# Two admins passed the checks at once and the database kept the first: slugs and old
# slugs are unique there, whatever the checks above them saw.
_TAKEN_MEANWHILE = conditions.ConditionRefused(
    "slug",
    "Another admin took this slug, or one of these addresses, a moment ago. Nothing was "
    "changed: look again and choose another.",
)


def _refused(
    found, form: ConditionForm, refused: conditions.ConditionRefused, *, status: int = 400
):
    form[refused.field].errors = [str(refused)]
    return _condition_page(found, form, message=CORRECT, status=status)


def _condition_page(found, form: ConditionForm, *, message: str | None = None, status: int = 200):
    return (
        render_template("admin/condition.html", condition=found, form=form, message=message),
        status,
    )

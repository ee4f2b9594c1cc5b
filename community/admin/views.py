"""Administration pages, under /admin, for admins only.

The blueprint and its admin check are shared: each admin page (the index and canned
reasons here; members, reviewers and conditions in modules of their own) adds its routes
to ``blueprint``.
"""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from community.admin import services
from community.admin.forms import DeleteReasonForm, ReasonForm
from community.extensions import db, login_manager
from community.permissions import can_administer

blueprint = Blueprint("admin", __name__, url_prefix="/admin")

CORRECT = "Please correct the form below; nothing was changed."


@blueprint.before_request
def require_admin():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not can_administer(current_user):
        abort(403)
    return None


@blueprint.get("/")
def index():
    return render_template("admin/index.html")


@blueprint.get("/reasons")
def reasons():
    return _reasons_page(ReasonForm(formdata=None))


@blueprint.post("/reasons")
def add_reason():
    form = ReasonForm()
    if not form.validate_on_submit():
        return _reasons_page(form, message=CORRECT, status=400)
    reason = services.add_reason(current_user, form.title.data.strip(), form.text.data.strip())
    db.session.commit()
    flash(f"Reason “{reason.title}” added.", "success")
    return redirect(url_for(".reasons"), 303)


@blueprint.route("/reasons/<id:reason_id>", methods=["GET", "POST"])
def reason(reason_id: int):
    found = services.get_reason(reason_id) or abort(404)
    form = ReasonForm(obj=found)
    form.submit.label.text = "Save reason"
    if not form.is_submitted():
        return _reason_page(found, form)
    if not form.validate():
        return _reason_page(found, form, message=CORRECT, status=400)
    services.change_reason(current_user, found, form.title.data.strip(), form.text.data.strip())
    db.session.commit()
    flash(f"Reason “{found.title}” saved.", "success")
    return redirect(url_for(".reasons"), 303)


@blueprint.post("/reasons/<id:reason_id>/delete")
def delete_reason(reason_id: int):
    found = services.get_reason(reason_id) or abort(404)
    if not DeleteReasonForm().validate_on_submit():
        abort(400)
    title = found.title
    services.delete_reason(current_user, found)
    db.session.commit()
    flash(f"Reason “{title}” deleted.", "success")
    return redirect(url_for(".reasons"), 303)


def _reasons_page(form: ReasonForm, *, message: str | None = None, status: int = 200):
    return (
        render_template(
            "admin/reasons.html",
            reasons=services.list_reasons(),
            form=form,
            delete_form=DeleteReasonForm(formdata=None),
            message=message,
        ),
        status,
    )


def _reason_page(found, form: ReasonForm, *, message: str | None = None, status: int = 200):
    return (
        render_template("admin/reason.html", reason=found, form=form, message=message),
        status,
    )


# Their routes join this blueprint; imported last, as they import it.
from community.admin import condition_views, member_views  # noqa: E402,F401

"""``/account/export`` and ``/account/delete``: a member's own data."""

from flask import Blueprint, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required, logout_user

from community.accounts.services import password_matches
from community.admin.roles import RolesRefused
from community.database import empty_write_ahead_log
from community.extensions import db
from community.own_data.deletion import PostsChoice, delete_account
from community.own_data.export import export_member_data
from community.own_data.forms import DeleteAccountForm

blueprint = Blueprint("own_data", __name__)


@blueprint.get("/account/export")
@login_required
def export():
    response = jsonify(export_member_data(current_user))
    filename = f"{current_user.username}-data.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@blueprint.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete():
    form = DeleteAccountForm()
    if not form.validate_on_submit():
        return _confirmation_page(form, 400 if form.is_submitted() else 200)
    if not password_matches(current_user, form.password.data):
        form.password.errors.append("That password is not right.")
        return _confirmation_page(form, 400)
    try:
        delete_account(current_user._get_current_object(), PostsChoice(form.posts.data))
    except RolesRefused as refused:
        db.session.rollback()
        return _confirmation_page(form, 409, message=str(refused))
    db.session.commit()
    empty_write_ahead_log()
    logout_user()
    flash("Your account is deleted. Thank you for having been part of the community.", "success")
    return redirect(url_for("conditions.directory"), 303)


def _confirmation_page(form: DeleteAccountForm, status: int, message: str | None = None):
    return render_template("own_data/delete.html", form=form, message=message), status

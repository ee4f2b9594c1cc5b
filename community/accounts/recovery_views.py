"""Forgot your password: ask for a link by email, then set a new password from it."""

from flask import flash, redirect, render_template, url_for
from flask_login import login_user

from community.accounts import recovery
from community.accounts.forms import ForgotPasswordForm, ResetPasswordForm
from community.accounts.services import AccountError
from community.accounts.views import blueprint, form_status
from community.extensions import db
from community.ratelimits import reset_limit, reset_request_limits

LINK_NOT_GOOD = (
    "This link has expired or was used already. Reset links work once, within an hour: "
    "ask for a new one."
)


@blueprint.route("/auth/forgot", methods=["GET", "POST"])
@reset_request_limits
def forgot_password():
    form = ForgotPasswordForm()
    if not form.validate_on_submit():
        return render_template("accounts/forgot.html", form=form), form_status(form)
    recovery.send_reset_link(form.email.data)
    db.session.commit()
    # The same words, whether or not an account has the address.
    return render_template("accounts/forgot.html", form=None, sent_to=form.email.data.strip())


@blueprint.route("/auth/reset/<token>", methods=["GET", "POST"])
@reset_limit
def reset_password(token: str):
    if recovery.account_for_reset(token) is None:
        return _link_not_good()
    form = ResetPasswordForm()
    if not form.validate_on_submit():
        return render_template("accounts/reset.html", form=form), form_status(form)
    try:
        user = recovery.use_reset_link(token, form.new_password.data)
    except AccountError as error:
        db.session.rollback()
        form.new_password.errors.append(str(error))
        return render_template("accounts/reset.html", form=form), 400
    if user is None:
        # Used by another request since this one began.
        db.session.rollback()
        return _link_not_good()
    db.session.commit()
    # Every other session ended with the old password; this browser starts a new one.
    login_user(user)
    flash("Your new password is set, and you are logged in. Other sessions were ended.", "success")
    return redirect(url_for("conditions.directory"))


def _link_not_good():
    return render_template("accounts/reset.html", form=None, problem=LINK_NOT_GOOD), 400

"""Confirm an email address from the mailed link, and send the link again."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from community.accounts import verification
from community.accounts.forms import ResendVerificationForm
from community.accounts.services import AccountError
from community.accounts.views import blueprint, invite_to_join
from community.extensions import db
from community.permissions import must_verify_email
from community.ratelimits import verify_resend_limit
from community.redirects import safe_next


@blueprint.get("/auth/verify/<token>")
def verify_email(token: str):
    user = verification.verify_email(token)
    if user is None:
        return render_template(
            "accounts/link_not_good.html",
            problem="This confirmation link has expired or is not valid. "
            "Log in and choose Send the link again for a new one.",
        ), 400
    db.session.commit()
    flash("Thank you: your email address is confirmed.", "success")
    # The link does not sign anyone in: whoever opens it may not be the member.
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(invite_to_join(user, url_for("conditions.directory")))
    return redirect(url_for("accounts.login"))


@blueprint.post("/auth/verify/send")
@verify_resend_limit
@login_required
def resend_verification():
    if not ResendVerificationForm().validate_on_submit():
        abort(400)
    back = safe_next(request.form.get("next"), url_for("accounts.account"))
    if not must_verify_email(current_user):
        flash("Your email address is confirmed already.", "success")
        return redirect(back, 303)
    verification.send_verification(current_user)
    db.session.commit()
    flash(f"We sent a new link to {current_user.email}.", "success")
    return redirect(back, 303)


@blueprint.get("/account/email/<token>")
def confirm_email_change(token: str):
    try:
        user = verification.confirm_email_change(token)
    except AccountError as refused:
        db.session.rollback()
        return render_template("accounts/link_not_good.html", problem=str(refused)), 400
    db.session.commit()
    flash(f"Your email address is now {user.email}.", "success")
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(url_for("accounts.settings_page"))
    return redirect(url_for("accounts.login"))

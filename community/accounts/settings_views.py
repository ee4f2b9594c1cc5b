"""Account settings: password, email address, sessions, and the mail a member receives."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from community.accounts import settings, verification
from community.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    LogOutEverywhereForm,
    mail_choices_form,
)
from community.accounts.services import AccountError, end_all_sessions
from community.accounts.views import blueprint
from community.extensions import db
from community.mail import services as mail
from community.models import MailChoice


@blueprint.route("/account/settings", methods=["GET", "POST"])
@login_required
def settings_page():
    member = current_user._get_current_object()
    if request.method == "GET":
        return _page()
    # Each form on the page says which it is.
    section = SECTIONS.get(request.form.get("section", ""))
    if section is None:
        return _page(400, problem="Choose one of the buttons on this page.")
    return section(member)


def _page(status: int = 200, problem: str | None = None, **forms):
    choices = mail.mail_choices(current_user)
    return render_template(
        "accounts/settings.html",
        password_form=forms.get("password_form") or ChangePasswordForm(formdata=None),
        email_form=forms.get("email_form") or ChangeEmailForm(formdata=None),
        everywhere_form=LogOutEverywhereForm(formdata=None),
        choices_form=forms.get("choices_form")
        or mail_choices_form(mail.KINDS, mail.CHOICE_LABELS, choices, formdata={}),
        kinds=list(mail.KINDS),
        email=current_user.email,
        problem=problem,
    ), status


def _change_password(member):
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return _page(400, password_form=form)
    try:
        settings.change_password(member, form.current_password.data, form.new_password.data)
    except AccountError as error:
        db.session.rollback()
        getattr(form, error.field or "new_password").errors.append(str(error))
        return _page(400, password_form=form)
    db.session.commit()
    # Every other session ended; this browser carries on under the new session token.
    login_user(member)
    flash("Your password is changed. You were logged out everywhere else.", "success")
    return redirect(url_for("accounts.settings_page"), 303)


def _change_email(member):
    form = ChangeEmailForm()
    if not form.validate_on_submit():
        return _page(400, email_form=form)
    try:
        address = verification.request_email_change(member, form.new_email.data)
    except AccountError as error:
        db.session.rollback()
        form.new_email.errors.append(str(error))
        return _page(400, email_form=form)
    db.session.commit()
    flash(
        f"We sent a link to {address}. Your email address changes when you follow it.",
        "success",
    )
    return redirect(url_for("accounts.settings_page"), 303)


def _log_out_everywhere(member):
    if not LogOutEverywhereForm().validate_on_submit():
        return _page(400, problem="Please try again.")
    end_all_sessions(member)
    db.session.commit()
    logout_user()
    flash("You are logged out everywhere, on this browser too.", "success")
    return redirect(url_for("accounts.login"), 303)


def _save_choices(member):
    form = mail_choices_form(mail.KINDS, mail.CHOICE_LABELS, mail.mail_choices(member))
    if not form.validate_on_submit():
        return _page(400, choices_form=form)
    for kind in mail.KINDS:
        mail.set_mail_choice(member, kind, MailChoice(form[f"mail_{kind}"].data))
    db.session.commit()
    flash("Your mail choices are saved.", "success")
    return redirect(url_for("accounts.settings_page"), 303)


SECTIONS = {
    "password": _change_password,
    "email": _change_email,
    "sessions": _log_out_everywhere,
    "mail": _save_choices,
}

"""An author's appeal of a decision about their post."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from community.appeals import services
from community.appeals.forms import AppealForm
from community.extensions import db
from community.posts.audit import action_label

blueprint = Blueprint("appeals", __name__)


@blueprint.route("/account/appeals/<id:event_id>", methods=["GET", "POST"])
@login_required
def appeal(event_id: int):
    event = services.decision_to_appeal(event_id) or abort(404)
    if not services.is_own_decision(current_user, event):
        abort(403)
    form = AppealForm()
    message, status = None, 200
    if form.is_submitted():
        if form.validate():
            try:
                services.file_appeal(current_user, event, form.message.data.strip())
            except services.AppealRefused as refused:
                db.session.rollback()
                message, status = str(refused), refused.status
            else:
                db.session.commit()
                flash("Your appeal is sent. Another moderator will look at it.", "success")
                return redirect(url_for("accounts.account"), 303)
        else:
            message, status = "Please correct the form below; nothing was sent.", 400
    return (
        render_template(
            "appeals/appeal.html",
            event=event,
            decision=action_label(event.action),
            form=form,
            message=message,
        ),
        status,
    )

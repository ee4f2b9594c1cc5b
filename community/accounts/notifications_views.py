"""The member's notifications: the list, opening one (which reads it) and *Mark all as read*."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from community.accounts import notifications_page
from community.accounts.forms import MarkAllReadForm
from community.accounts.views import blueprint
from community.extensions import db
from community.notifications import services as notifications
from community.paging import requested_page


@blueprint.get("/account/notifications")
@login_required
def notifications_list():
    member = current_user._get_current_object()
    listing = notifications_page.shown(member, requested_page())
    return render_template(
        "accounts/notifications.html",
        listing=listing,
        mark_form=MarkAllReadForm(formdata=None),
    )


@blueprint.get("/account/notifications/<id:notification_id>")
@login_required
def open_notification(notification_id: int):
    """Mark the notification read and go to the post it tells of.

    A GET that changes state: it is a link (opened in a new tab, from the keyboard, by
    a mail program's preview), and all it changes is its owner's own read mark, which
    opening it again would set anyway. Another member's id is not found.
    """
    target = notifications.open_notification(current_user._get_current_object(), notification_id)
    if target is None:
        abort(404)
    db.session.commit()
    return redirect(target, 303)


@blueprint.post("/account/notifications/read")
@login_required
def mark_all_read():
    if not MarkAllReadForm().validate_on_submit():
        return redirect(url_for("accounts.notifications_list"), 303)
    notifications.mark_all_read(current_user._get_current_object())
    db.session.commit()
    flash("All your notifications are marked as read.", "success")
    return redirect(url_for("accounts.notifications_list"), 303)

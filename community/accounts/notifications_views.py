"""The member's notifications: the list (read once opened) and *Mark all as read*."""

from flask import flash, redirect, render_template, url_for
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
    # Opening the page reads what it shows; the header counts what is still unread.
    notifications.mark_read(member, [each.id for each in listing.items])
    db.session.commit()
    return render_template(
        "accounts/notifications.html",
        listing=listing,
        mark_form=MarkAllReadForm(formdata=None),
    )


@blueprint.post("/account/notifications/read")
@login_required
def mark_all_read():
    if not MarkAllReadForm().validate_on_submit():
        return redirect(url_for("accounts.notifications_list"), 303)
    notifications.mark_all_read(current_user._get_current_object())
    db.session.commit()
    flash("All your notifications are marked as read.", "success")
    return redirect(url_for("accounts.notifications_list"), 303)

"""Admins' pages for members' roles and reviewers' profiles."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from community.admin import reviewers, roles
from community.admin.forms import (
    USERNAME_LENGTH,
    MemberFilterForm,
    ReviewerProfileForm,
    RolesForm,
)
from community.admin.views import CORRECT, blueprint
from community.extensions import db
from community.paging import requested_page
from community.permissions import can_administer


@blueprint.get("/members")
def members():
    form = MemberFilterForm(request.args)
    if not form.validate():
        abort(400, description=f"A username is at most {USERNAME_LENGTH} characters.")
    username = (form.username.data or "").strip()
    return render_template(
        "admin/members.html",
        form=form,
        username=username,
        members=roles.list_members(requested_page(), username),
        roles_of=roles.roles_of,
    )


@blueprint.route("/members/<username>", methods=["GET", "POST"])
def member(username: str):
    found = roles.find_member(username) or abort(404)
    form = RolesForm(data={role.value: found.has_role(role) for role in roles.ROLE_ORDER})
    if not form.is_submitted():
        return _member_page(found, form)
    if not form.validate():
        return _member_page(found, form, message=CORRECT, status=400)
    try:
        changed = roles.set_roles(current_user, found, form.wanted(), _reason(form))
    except roles.RolesRefused as refused:
        db.session.rollback()
        found = roles.find_member(username)
        stored = RolesForm(
            formdata=None, data={role.value: found.has_role(role) for role in roles.ROLE_ORDER}
        )
        return _member_page(found, stored, message=str(refused), status=409)
    db.session.commit()
    held = roles.describe_roles(roles.roles_of(found))
    flash(
        f"Roles of {found.username} saved: {held}." if changed else "No role was changed.",
        "success",
    )
    if not can_administer(current_user):
        # An admin who gave up their own admin role has no admin page left to see.
        return redirect(url_for("conditions.directory"), 303)
    return redirect(url_for(".member", username=found.username), 303)


@blueprint.get("/reviewers")
def reviewer_list():
    return render_template("admin/reviewers.html", reviewers=reviewers.list_reviewers())


@blueprint.route("/reviewers/<username>", methods=["GET", "POST"])
def reviewer(username: str):
    found = roles.find_member(username) or abort(404)
    if not reviewers.is_reviewer(found):
        abort(404, description=f"{found.username} is not a reviewer: give them the role first.")
    profile = reviewers.reviewer_profile(found)
    form = ReviewerProfileForm(obj=profile)
    if not form.is_submitted():
        return _reviewer_page(found, form)
    if not form.validate():
        return _reviewer_page(found, form, message=CORRECT, status=400)
    try:
        reviewers.save_profile(
            current_user,
            found,
            full_name=form.full_name.data,
            credentials=form.credentials.data,
            specialty=form.specialty.data,
            registration_number=form.registration_number.data,
            reason=_reason(form),
        )
    except reviewers.ProfileRefused as refused:
        db.session.rollback()
        return _reviewer_page(roles.find_member(username), form, message=str(refused), status=400)
    db.session.commit()
    flash(f"Reviewer profile of {found.username} saved.", "success")
    return redirect(url_for(".reviewer_list"), 303)


def _reason(form) -> str | None:
    return (form.reason.data or "").strip() or None


def _member_page(found, form: RolesForm, *, message: str | None = None, status: int = 200):
    return (
        render_template(
            "admin/member.html",
            member=found,
            held=roles.roles_of(found),
            is_reviewer=reviewers.is_reviewer(found),
            form=form,
            message=message,
        ),
        status,
    )


def _reviewer_page(found, form, *, message: str | None = None, status: int = 200):
    return (
        render_template("admin/reviewer.html", member=found, form=form, message=message),
        status,
    )

"""Register, log in, log out, and the public member profile."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.exceptions import HTTPException

from community import memberships
from community.accounts import account_page, profiles, registration, services
from community.accounts.forms import LoginForm, RegisterForm
from community.extensions import db
from community.messages import at, confirm
from community.models import User
from community.notifications import services as notifications
from community.paging import requested_page
from community.permissions import (
    can_administer,
    can_edit,
    can_moderate,
    can_use_editorial,
    can_write,
    is_suspended,
    must_verify_email,
)
from community.posts import rewrite
from community.ratelimits import log_in_limits, register_limit
from community.redirects import safe_next

blueprint = Blueprint("accounts", __name__)


@blueprint.route("/auth/register", methods=["GET", "POST"])
@register_limit
def register():
    form = RegisterForm(next=request.args.get("next", ""))
    guidelines = _guidelines_url()
    if not form.validate_on_submit():
        page = render_template("accounts/register.html", form=form, guidelines=guidelines)
        return page, form_status(form)
    try:
        address = registration.register(form.username.data, form.email.data, form.password.data)
    except services.AccountError as error:
        db.session.rollback()
        getattr(form, error.field or "username").errors.append(str(error))
        return render_template("accounts/register.html", form=form, guidelines=guidelines), 400
    db.session.commit()
    # The same page whether the address is new or has an account: it tells nothing, and
    # signs nobody in (the account is used once its address is confirmed).
    return render_template(
        "accounts/check_email.html",
        address=address,
        next=safe_next(form.next.data, "") or None,
    )


def _guidelines_url() -> str | None:
    """The community guidelines, where the site has them."""
    if "site.guidelines" in current_app.view_functions:
        return url_for("site.guidelines")
    return None


@blueprint.route("/auth/login", methods=["GET", "POST"])
@log_in_limits(services.find_by_login)
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return render_template("accounts/login.html", form=form), form_status(form)
    user = services.authenticate(form.identifier.data, form.password.data)
    if user is None:
        form.password.errors.append("That email or username and password do not match.")
        return render_template("accounts/login.html", form=form), 400
    login_user(user, remember=form.remember.data)
    landing = safe_next(form.next.data, url_for("conditions.directory"))
    return redirect(invite_to_join(user, landing))


JOIN_INVITATION = "Join a community to share your experience"
# Pages that hold a join form, and the place of the form on them (community.messages).
JOIN_FORMS = {"conditions.condition": "join", "conditions.question": "share"}


def invite_to_join(user: User, landing: str) -> str:
    """Invite a member who has joined no community, where they land; return where to go.

    On a page with a join form the invitation sits beside it, and the address points at it;
    elsewhere it says where the join forms are.
    """
    if memberships.has_joined_any(user):
        return landing
    try:
        endpoint, _ = current_app.url_map.bind("localhost").match(urlsplit(landing).path)
    except HTTPException:
        endpoint = None
    place = JOIN_FORMS.get(endpoint)
    if place:
        confirm(
            f"{JOIN_INVITATION}: choose how you relate to this condition below, "
            "then Join this community.",
            place,
        )
        return at(landing, place)
    if endpoint == "conditions.directory":
        confirm(f"{JOIN_INVITATION}: open a condition below and choose Join this community.")
    else:
        confirm(
            f"{JOIN_INVITATION}: each condition's page, listed under Conditions, "
            "has a Join this community button."
        )
    return landing


@blueprint.post("/auth/logout")
def logout():
    # The cookies this browser sends are not the only copies (another device, a kept
    # cookie): logging out ends every session of the account, not just this one.
    if current_user.is_authenticated:
        services.end_all_sessions(current_user._get_current_object())
        db.session.commit()
    logout_user()
    flash("You have logged out.", "success")
    return redirect(url_for("conditions.directory"))


@blueprint.get("/members/<username>")
def profile(username: str):
    member = services.find_by_username(username) or abort(404)
    page = requested_page()
    return render_template(
        "accounts/profile.html",
        member=member,
        memberships=profiles.memberships_of(member),
        posts=profiles.posts_of(member, page),
    )


@blueprint.get("/account")
@login_required
def account():
    posts = profiles.posts_of(current_user, requested_page(), account_page.OWN_STATES)
    return render_template(
        "accounts/account.html",
        suspended=is_suspended(current_user),
        posts=posts,
        editable={post.id for post in posts.items if can_edit(current_user, post)},
        # Rejected posts the member may rewrite and send again, with why they were rejected;
        # only offered while they may write.
        rewritable=rewrite.rewritable(current_user, posts.items) if can_write(current_user) else {},
        notifications=account_page.notifications_for(current_user),
        state_labels=account_page.STATE_LABELS,
        suggestions=account_page.suggestions_for(current_user),
        suggestion_states=account_page.SUGGESTION_STATE_LABELS,
    )


def form_status(form) -> int:
    """A form shown for the first time is a 200; one submitted with errors is a 400."""
    return 400 if form.is_submitted() else 200


@dataclass(frozen=True)
class Reader:
    """What every page's layout shows of the signed-in member."""

    username: str
    moderates: bool
    # Editors, reviewers and admins: the header links to the editorial dashboard.
    edits: bool
    # Their address while it awaits confirmation; every page offers to send the link again.
    unverified_email: str | None = None
    # How many notifications they have not read: "Notifications (N)".
    unread_notifications: int = 0
    # Admins: the header links to the administration pages.
    administers: bool = False


@blueprint.app_context_processor
def signed_in_reader():
    from community.accounts.forms import LogoutForm, ResendVerificationForm

    if not current_user.is_authenticated:
        return {"reader": None, "logout_form": None}
    # Read here, before the page renders: after a write was undone, the member's row must
    # be read again, and the layout would otherwise read it while it renders.
    unverified = current_user.email if must_verify_email(current_user) else None
    return {
        "reader": Reader(
            current_user.username,
            can_moderate(current_user),
            can_use_editorial(current_user),
            unverified,
            notifications.unread_count(current_user),
            administers=can_administer(current_user),
        ),
        "resend_form": ResendVerificationForm(formdata=None) if unverified else None,
        # formdata=None: the error page of a request whose body was refused renders this too.
        "logout_form": LogoutForm(formdata=None),
    }


# Their routes join this blueprint; imported last, as they import it.
from community.accounts import (  # noqa: E402,F401
    email_views,
    notifications_views,
    recovery_views,
    settings_views,
)

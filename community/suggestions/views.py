"""``/conditions/<slug>/suggest``: a member suggests a question for a condition's editors."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from community.conditions.services import get_condition
from community.extensions import db
from community.permissions import can_write
from community.ratelimits import suggest_limit
from community.suggestions import services
from community.suggestions.forms import SuggestForm
from community.suggestions.lifecycle import SuggestionRefused

blueprint = Blueprint("suggestions", __name__)

SENT = (
    "Thank you: your question “{title}” is with the editors. When an editor answers it, "
    "you will be told, and your account page will show whether it was added to "
    "{condition} or why not."
)


@blueprint.route("/conditions/<slug>/suggest", methods=["GET", "POST"])
@suggest_limit
@login_required
def suggest(slug: str):
    condition = get_condition(slug) or abort(404)
    form = SuggestForm()
    if not can_write(current_user):
        notice = services.not_allowed_notice(current_user)
        return _page(condition, None, notice), 403
    if not form.is_submitted():
        return _page(condition, form)
    if not form.validate_on_submit():
        return _page(condition, form), 400
    try:
        suggestion = services.suggest(current_user, condition, form.title.data)
    except SuggestionRefused as refused:
        db.session.rollback()
        # Loaded again: the rollback expired it, and the page is drawn from what is loaded.
        condition = get_condition(slug)
        if refused.field is None:
            return _page(condition, None, refused.message), refused.status
        form.title.errors = [*form.title.errors, refused.message]
        return _page(condition, form), refused.status
    db.session.commit()
    flash(SENT.format(title=suggestion.title, condition=condition.name), "success")
    return redirect(url_for("conditions.condition", slug=condition.slug), 303)


def _page(condition, form: SuggestForm | None, notice: str | None = None) -> str:
    return render_template(
        "suggestions/suggest.html", condition=condition, form=form, notice=notice
    )

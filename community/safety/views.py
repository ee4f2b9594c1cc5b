"""Admins' pages for watched words, crisis phrases and the guidelines; the guidelines page."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from community.extensions import db
from community.models import WordAction
from community.permissions import can_administer
from community.safety import services
from community.safety.forms import (
    CrisisPhraseForm,
    DeleteWordForm,
    GuidelinesForm,
    WatchedWordForm,
)

blueprint = Blueprint("safety", __name__)

CRISIS = (WordAction.CRISIS,)
# Each list's page: its actions, its form, its template.
LISTS = {
    "watched_words": (services.WATCHED_ACTIONS, WatchedWordForm, "safety/watched_words.html"),
    "crisis_phrases": (CRISIS, CrisisPhraseForm, "safety/crisis_phrases.html"),
}


def _require_admin() -> None:
    if not can_administer(current_user):
        abort(403)


@blueprint.get("/guidelines")
def guidelines():
    return render_template("safety/guidelines.html", guidelines=services.guidelines())


@blueprint.route("/admin/guidelines", methods=["GET", "POST"])
@login_required
def edit_guidelines():
    _require_admin()
    form = GuidelinesForm()
    if not form.is_submitted():
        form.body.data = services.guidelines().body_markdown
    elif form.validate():
        services.save_guidelines(form.body.data, current_user)
        db.session.commit()
        flash("The guidelines are published.", "success")
        return redirect(url_for(".guidelines"), 303)
    status = 400 if form.errors else 200
    return render_template("safety/edit_guidelines.html", form=form), status


@blueprint.route("/admin/watched-words", methods=["GET", "POST"])
@login_required
def watched_words():
    return _word_list("watched_words")


@blueprint.route("/admin/crisis-phrases", methods=["GET", "POST"])
@login_required
def crisis_phrases():
    return _word_list("crisis_phrases")


@blueprint.post("/admin/watched-words/<id:word_id>/delete")
@login_required
def delete_watched_word(word_id: int):
    return _delete_word("watched_words", word_id)


@blueprint.post("/admin/crisis-phrases/<id:word_id>/delete")
@login_required
def delete_crisis_phrase(word_id: int):
    return _delete_word("crisis_phrases", word_id)


def _word_list(page: str):
    """Show a list with its form; add the word sent, or say why it was not added."""
    _require_admin()
    actions, form_class, template = LISTS[page]
    form = form_class()
    message, status = None, 200
    if form.is_submitted():
        if form.validate():
            action = WordAction(form.action.data) if "action" in form else actions[0]
            try:
                entry = services.add_word(form.word.data, action, current_user)
            except services.WordRefused as refused:
                db.session.rollback()
                message, status = str(refused), 409
            else:
                db.session.commit()
                flash(f"Added “{entry.word}”.", "success")
                return redirect(url_for(f".{page}"), 303)
        else:
            message, status = "Please correct the form below; nothing was added.", 400
    return (
        render_template(
            template,
            form=form,
            words=services.list_words(actions),
            labels=services.WORD_ACTION_LABELS,
            delete_form=DeleteWordForm(formdata=None),
            message=message,
        ),
        status,
    )


def _delete_word(page: str, word_id: int):
    # Not found before not allowed, as for every id in an address (tests/test_ids_in_urls.py).
    entry = services.find_word(word_id, LISTS[page][0]) or abort(404)
    _require_admin()
    if not DeleteWordForm().validate_on_submit():
        abort(400)
    services.delete_word(entry, current_user)
    db.session.commit()
    flash(f"Deleted “{entry.word}”.", "success")
    return redirect(url_for(f".{page}"), 303)

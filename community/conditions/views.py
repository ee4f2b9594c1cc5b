"""The directory, condition pages and question pages."""

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

from community.conditions import services
from community.posts.threads import load_experience_page

blueprint = Blueprint("conditions", __name__)


@blueprint.get("/")
def directory():
    return render_template("conditions/directory.html", conditions=services.list_conditions())


@blueprint.get("/conditions/<slug>")
def condition(slug: str):
    found = services.get_condition(slug) or abort(404)
    return render_template(
        "conditions/condition.html",
        condition=found,
        questions=services.list_questions(found),
    )


@blueprint.get("/conditions/<slug>/questions/<qslug>")
def question(slug: str, qslug: str):
    found = services.get_question(slug, qslug) or abort(404)
    page = request.args.get("page", 1, type=int)
    experiences = load_experience_page(
        found,
        page=page,
        per_page=current_app.config["COMMUNITY_EXPERIENCES_PER_PAGE"],
        viewer_id=current_user.id if current_user.is_authenticated else None,
    )
    return render_template(
        "conditions/question.html",
        condition=found.condition,
        question=found,
        summary=services.current_summary(found),
        experiences=experiences,
    )

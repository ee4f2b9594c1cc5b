"""The Atom feeds of a condition's and a question's new published posts."""

from flask import Blueprint, abort, render_template

from community.conditions import services as conditions
from community.feeds import atom, services
from community.page_cache import visitor_page
from community.page_versions import (
    SITE,
    condition_experiences_scope_by_slug,
    condition_scope_by_slug,
    question_scope_by_slugs,
)

blueprint = Blueprint("feeds", __name__)

ATOM = "application/atom+xml; charset=utf-8"


@blueprint.get("/conditions/<slug>/feed.atom")
@visitor_page(
    lambda slug: (
        SITE,
        condition_scope_by_slug(slug),
        condition_experiences_scope_by_slug(slug),
    )
)
def condition_feed(slug: str):
    condition = conditions.get_condition(slug) or abort(404)
    experiences = services.newest_experiences(condition_id=condition.id)
    return _atom(atom.condition_feed(condition, experiences))


@blueprint.get("/conditions/<slug>/questions/<qslug>/feed.atom")
@visitor_page(
    lambda slug, qslug: (
        SITE,
        condition_scope_by_slug(slug),
        question_scope_by_slugs(slug, qslug),
    )
)
def question_feed(slug: str, qslug: str):
    question = conditions.get_question(slug, qslug) or abort(404)
    experiences = services.newest_experiences(question_id=question.id)
    revisions = services.newest_revisions(question)
    return _atom(atom.question_feed(question, experiences, revisions))


def _atom(feed: atom.Feed):
    return render_template("feeds/feed.atom", feed=feed), 200, {"Content-Type": ATOM}

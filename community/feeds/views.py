"""The Atom feeds of a condition's and a question's new published posts."""

from flask import Blueprint, abort, render_template

from community.conditions import services as conditions
from community.feeds import atom, services
from community.http_caching import public_page

blueprint = Blueprint("feeds", __name__)

ATOM = "application/atom+xml; charset=utf-8"


@blueprint.get("/conditions/<slug>/feed.atom")
@public_page
def condition_feed(slug: str):
    condition = conditions.get_condition(slug) or abort(404)
    experiences = services.newest_experiences(condition_id=condition.id)
    return _atom(atom.condition_feed(condition, experiences))


@blueprint.get("/conditions/<slug>/questions/<qslug>/feed.atom")
@public_page
def question_feed(slug: str, qslug: str):
    question = conditions.get_question(slug, qslug) or abort(404)
    experiences = services.newest_experiences(question_id=question.id)
    revisions = services.newest_revisions(question)
    return _atom(atom.question_feed(question, experiences, revisions))


def _atom(feed: atom.Feed):
    return render_template("feeds/feed.atom", feed=feed), 200, {"Content-Type": ATOM}

"""The search page: /search?q=...&condition=<slug>&page=<n>."""

from flask import Blueprint, abort, render_template, request, url_for

from community.page_cache import visitor_page
from community.page_versions import PUBLISHED, SITE
from community.paging import requested_page
from community.search import services
from community.templating import UrlPattern

blueprint = Blueprint("search", __name__)


@blueprint.get("/search")
@visitor_page(lambda: (SITE, PUBLISHED), query=("q", "condition", "page"))
def search():
    query = request.args.get("q", "", type=str)
    condition = request.args.get("condition", "", type=str) or None
    try:
        found = services.search(query, condition, page=requested_page())
    except services.UnknownCondition:
        abort(404, description="There is no such condition to search within.")
    return render_template(
        "search/results.html",
        found=found,
        condition_url=UrlPattern(lambda slug: url_for("conditions.condition", slug=slug)),
        page_url=lambda page: url_for("search.search", q=query, condition=condition, page=page),
    )

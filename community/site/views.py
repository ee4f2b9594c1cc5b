"""Operator and crawler endpoints, and the error pages."""

from flask import Blueprint, Flask, Response, render_template, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.http import HTTP_STATUS_CODES

from community.canonical import canonical_url
from community.conditions.slug_aliases import redirect_from_old_slug
from community.extensions import db
from community.json_errors import is_api_request, json_error
from community.page_cache import visitor_page
from community.page_versions import PUBLISHED, SITE
from community.site.sitemap import sitemap_entries

blueprint = Blueprint("site", __name__)

ROBOTS_DISALLOWED = ("/auth/", "/account", "/moderation/", "/posts/")


@blueprint.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}


@blueprint.get("/robots.txt")
def robots():
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    lines.append(f"Allow: {url_for('conditions.directory')}")
    lines.append(f"Sitemap: {canonical_url(url_for('site.sitemap'))}")
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


@blueprint.get("/sitemap.xml")
@visitor_page(lambda: (SITE, PUBLISHED))
def sitemap():
    page = render_template("site/sitemap.xml", entries=sitemap_entries())
    return Response(page, mimetype="application/xml")


def register_error_handlers(app: Flask) -> None:
    """Render every HTTP error on the site's own layout."""

    def render_error(error):
        code = getattr(error, "code", 500) or 500
        if code == 404 and (moved := redirect_from_old_slug()) is not None:
            return moved
        if code >= 500:
            db.session.rollback()
        # A view that says why it refused (abort(403, description=...)) is heard out.
        description = getattr(error, "description", None)
        explained = description if description != type(error).description else None
        if is_api_request():
            allowed = getattr(error, "valid_methods", None)
            headers = {"Allow": ", ".join(allowed)} if allowed else None
            return json_error(code, explained or HTTP_STATUS_CODES.get(code, "Error"), headers)
        return (
            render_template("site/error.html", error=error, code=code, explained=explained),
            code,
        )

    for code in (400, 403, 404, 405, 409, 413, 429, 500):
        app.register_error_handler(code, render_error)

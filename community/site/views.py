"""Operator and crawler endpoints, and the error pages."""

from flask import Blueprint, Flask, Response, current_app, render_template, url_for
from flask_login import current_user, logout_user
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from werkzeug.exceptions import Conflict
from werkzeug.http import HTTP_STATUS_CODES

from community.accounts.services import account_is_gone
from community.canonical import canonical_url
from community.conditions.slug_aliases import redirect_from_old_slug
from community.extensions import db
from community.json_errors import is_api_request, json_error
from community.page_cache import visitor_page
from community.page_versions import PUBLISHED, SITE
from community.site.sitemap import sitemap_entries

blueprint = Blueprint("site", __name__)

ROBOTS_DISALLOWED = ("/auth/", "/account", "/moderation/", "/posts/")
# Said when the database refuses a write on rows that changed while it was sent.
ACCOUNT_GONE = "Your account was deleted while this was being sent. Nothing was saved."
CHANGED_MEANWHILE = (
    "What this depended on changed at the same moment, so nothing was saved. "
    "Please go back and try again."
)


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

    def refuse_conflicting_write(error: IntegrityError):
        """A write the database refused on a rule the service had not checked: what it was
        built on changed at that moment. Nothing is saved; the member is told why."""
        db.session.rollback()
        current_app.logger.warning("A write was refused by the database: %s", error.orig)
        if current_user.is_authenticated and account_is_gone(current_user._get_current_object()):
            logout_user()
            return render_error(Conflict(ACCOUNT_GONE))
        return render_error(Conflict(CHANGED_MEANWHILE))

    for code in (400, 403, 404, 405, 409, 413, 429, 500):
        app.register_error_handler(code, render_error)
    app.register_error_handler(IntegrityError, refuse_conflicting_write)

"""Operator and crawler endpoints, the error pages, and a guard against NUL characters."""

from flask import Blueprint, Flask, Response, abort, render_template, request, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from community.extensions import db

blueprint = Blueprint("site", __name__)

ROBOTS_DISALLOWED = ("/auth/", "/account", "/moderation/", "/posts/")


@blueprint.before_app_request
def refuse_nul_characters():
    """Refuse a request whose address or form holds a NUL character, before any query runs.

    No text on the site contains one, and PostgreSQL can neither store nor compare it: a
    username, a search or a post with one would otherwise fail as a server error.
    """
    fields = [*request.args.items(multi=True), *request.form.items(multi=True)]
    if "\x00" in request.path or any("\x00" in value for _, value in fields):
        abort(400, description="The request contains a NUL character, which no text here may hold.")


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
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


def register_error_handlers(app: Flask) -> None:
    """Render every HTTP error on the site's own layout."""

    def render_error(error):
        code = getattr(error, "code", 500) or 500
        if code >= 500:
            db.session.rollback()
        # A view that says why it refused (abort(403, description=...)) is heard out.
        description = getattr(error, "description", None)
        explained = description if description != type(error).description else None
        return (
            render_template("site/error.html", error=error, code=code, explained=explained),
            code,
        )

    for code in (400, 403, 404, 405, 409, 413, 429, 500):
        app.register_error_handler(code, render_error)

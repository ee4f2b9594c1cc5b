"""Condition communities: medically reviewed summaries beside first-person experiences."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from community.config import load_config
from community.extensions import csrf, db, limiter, login_manager, migrate

MIGRATIONS_DIRECTORY = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: config, extensions, blueprints, error pages, commands."""
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)
    register_proxies(app)
    register_extensions(app)
    register_url_converters(app)
    register_blueprints(app)
    register_response_policies(app)
    register_error_handlers(app)
    register_template_helpers(app)
    register_commands(app)
    register_mail_rounds(app)
    return app


def register_proxies(app: Flask) -> None:
    """Behind trusted proxies, take the client's address and scheme from their headers.

    Rate limits per address count the visitor's address, not the proxy's. Headers from
    further away than the configured number of proxies are ignored: they can be forged.
    """
    hops = app.config["COMMUNITY_TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def register_extensions(app: Flask) -> None:
    from community import (
        models,  # noqa: F401  (every model, for Alembic)
        page_cache,
        page_versions,
    )
    from community.accounts.services import load_user
    from community.models.search_index import include_name
    from community.search import indexing
    from community.security import init_app as init_security

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(MIGRATIONS_DIRECTORY),
        render_as_batch=True,
        compare_type=True,
        # The search engines' own tables, columns and indexes are not in the models.
        include_name=include_name,
    )
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    init_security(app)
    page_versions.register()
    page_cache.init_app(app)
    indexing.register()


def register_url_converters(app: Flask) -> None:
    from community import routing

    routing.register(app)


def register_blueprints(app: Flask) -> None:
    from community.accounts.views import blueprint as accounts
    from community.admin.views import blueprint as admin
    from community.api.views import blueprint as api
    from community.appeals.views import blueprint as appeals
    from community.conditions.views import blueprint as conditions
    from community.editorial.views import blueprint as editorial
    from community.feeds.views import blueprint as feeds
    from community.mail.views import blueprint as mail
    from community.moderation.views import blueprint as moderation
    from community.own_data.views import blueprint as own_data
    from community.posts.views import blueprint as posts
    from community.safety.views import blueprint as safety
    from community.search.views import blueprint as search
    from community.site.views import blueprint as site
    from community.suggestions.views import blueprint as suggestions

    app.register_blueprint(site)
    app.register_blueprint(conditions)
    app.register_blueprint(feeds)
    app.register_blueprint(accounts)
    app.register_blueprint(posts)
    app.register_blueprint(own_data)
    app.register_blueprint(moderation)
    app.register_blueprint(api)
    app.register_blueprint(search)
    app.register_blueprint(editorial)
    app.register_blueprint(mail)
    app.register_blueprint(admin)
    app.register_blueprint(safety)
    app.register_blueprint(appeals)
    app.register_blueprint(suggestions)


def register_response_policies(app: Flask) -> None:
    from community import http_caching
    from community.api import responses as api_responses

    http_caching.register(app)
    api_responses.register(app)


def register_error_handlers(app: Flask) -> None:
    from community import ratelimits
    from community.site.views import register_error_handlers as register

    register(app)
    ratelimits.register(app)


def register_template_helpers(app: Flask) -> None:
    from community.templating import register

    register(app)


def register_mail_rounds(app: Flask) -> None:
    from community.accounts.digests import send_due_digests
    from community.mail.delivery import add_round

    add_round(app, send_due_digests)


def register_commands(app: Flask) -> None:
    from community import backup, counts
    from community.accounts import cli as accounts_cli
    from community.demo import cli as demo_cli
    from community.editorial import cli as editorial_cli
    from community.loadtest import cli as loadtest_cli
    from community.mail import cli as mail_cli

    accounts_cli.register_commands(app)
    backup.register_commands(app)
    counts.register_commands(app)
    demo_cli.register_commands(app)
    editorial_cli.register_commands(app)
    loadtest_cli.register_commands(app)
    mail_cli.register_commands(app)

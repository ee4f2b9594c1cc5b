"""Settings in layers: these defaults, then ``instance/config.py``, then the environment."""

import json
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask


class Defaults:
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    SECRET_KEY: str | None = None
    # Members with this many approved posts skip pre-moderation; None means nobody skips.
    COMMUNITY_TRUSTED_AFTER: int | None = None
    # Reports count toward hiding a post only from members of its community whose account
    # is older than this, or who have a published post; the others still reach the queue.
    COMMUNITY_REPORTER_MIN_AGE_DAYS = 3
    COMMUNITY_EXPERIENCES_PER_PAGE = 20
    COMMUNITY_SITE_NAME = "Community"
    # The site's public address: feeds, sitemaps, canonical links, links in mail and the
    # ids of feed entries are built from it, never from the Host a request happened to carry.
    COMMUNITY_CANONICAL_URL = "http://127.0.0.1:5000"
    # Whole pages for visitors, kept by the app (community/page_cache.py); False: rendered
    # every time. Where: "" files under instance/cache (every worker of the host),
    # redis://host:6379/1 (every host), memory:// (this process), null:// (nowhere).
    COMMUNITY_PAGE_CACHE = True
    COMMUNITY_CACHE_URL = ""
    # Seconds a stored page is kept (a page whose content changed is never served again:
    # this only bounds the room taken by old versions), and how many files at most.
    COMMUNITY_PAGE_CACHE_TIMEOUT = 3600
    COMMUNITY_PAGE_CACHE_ENTRIES = 10_000
    # Seconds browsers (max-age) and shared caches (s-maxage) may reuse a visitor's page
    # without revalidating it, and how long a shared cache may serve it stale while it
    # revalidates. The app purges no CDN: above 0, a changed page may be served stale
    # that long unless the CDN is purged by the page's Surrogate-Key.
    COMMUNITY_VISITOR_MAX_AGE = 0
    COMMUNITY_SHARED_MAX_AGE = 0
    COMMUNITY_STALE_WHILE_REVALIDATE = 0
    # Helplines shown to a member whose post reads as self-harm or suicide intent: each
    # {"name", "phone", "url", "region"} and optionally "note"; set them for your readers.
    COMMUNITY_CRISIS_RESOURCES: tuple[dict[str, str], ...] = (
        {
            "name": "Samaritans",
            "phone": "116 123",
            "url": "https://www.samaritans.org/",
            "region": "UK and Ireland",
            "note": "Free, day or night",
        },
        {
            "name": "988 Suicide & Crisis Lifeline",
            "phone": "988",
            "url": "https://988lifeline.org/",
            "region": "United States",
            "note": "Call or text 988",
        },
    )
    # The name of a hash method, not a password.
    PASSWORD_HASH_METHOD = "scrypt"  # nosec B105
    MAX_CONTENT_LENGTH = 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    # Served over HTTPS: cookies become Secure and browsers are told to keep to HTTPS (HSTS).
    COMMUNITY_HTTPS = False
    COMMUNITY_HSTS_MAX_AGE = 365 * 24 * 3600
    WTF_CSRF_TIME_LIMIT = None
    # Rate-limit counters: per process by default; share them between processes and
    # hosts with redis://host:6379.
    RATELIMIT_STORAGE_URI = "memory://"
    # Proxies in front of the app (a load balancer: 1) whose X-Forwarded-For is trusted.
    COMMUNITY_TRUSTED_PROXIES = 0
    RATELIMIT_HEADERS_ENABLED = True
    # Should Redis become unreachable, count in the process meanwhile rather than fail.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # Set on every app: the limiter is shared, and keeps the last app's choice otherwise.
    RATELIMIT_ENABLED = True
    # Limits, in the notation of the ``limits`` library; see community/ratelimits.py.
    COMMUNITY_LIMIT_LOGIN_PER_ADDRESS = "20 per minute; 100 per hour"  # failed log-ins
    # Failed log-ins naming one account, by username or email: once reached, the member
    # too waits, so the window is short (a quarter of an hour at most).
    COMMUNITY_LIMIT_LOGIN_PER_ACCOUNT = "5 per 15 minutes"
    COMMUNITY_LIMIT_REGISTER = "10 per hour"  # per address
    COMMUNITY_LIMIT_SHARE = "10 per hour"  # per member
    COMMUNITY_LIMIT_REPLY = "30 per hour"  # per member
    COMMUNITY_LIMIT_EDIT = "30 per hour"  # edits sent, per member
    COMMUNITY_LIMIT_REPORT = "20 per hour"  # per member
    COMMUNITY_LIMIT_SUGGEST = "10 per hour"  # suggested questions sent, per member
    COMMUNITY_LIMIT_HELPED = "60 per hour"  # This helped me and its undo, per member
    COMMUNITY_LIMIT_API = "120 per minute"  # read-only API requests per address
    COMMUNITY_LIMIT_RESET_PER_ADDRESS = "10 per hour"  # reset links asked for, and set
    COMMUNITY_LIMIT_RESET_PER_ACCOUNT = "3 per hour"  # reset links mailed to one address
    COMMUNITY_LIMIT_VERIFY_RESEND = "3 per hour"  # per member: Send the link again
    # Mail: with no MAIL_SERVER, each message is written to COMMUNITY_MAIL_FOLDER
    # (instance/mail/ when unset) as an .eml file instead of being sent.
    MAIL_SERVER: str | None = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_DEFAULT_SENDER = "Community <no-reply@localhost>"
    COMMUNITY_MAIL_FOLDER: str | None = None
    # Each gunicorn worker sends due mail from a thread (gunicorn_config.py); switch it off
    # where `flask deliver-mail` runs as a process of its own.
    COMMUNITY_MAIL_DELIVERY_THREAD = True
    COMMUNITY_MAIL_POLL_SECONDS = 2.0
    # Daily digests are sent from this hour (UTC) on, once a day, by the delivery loop.
    COMMUNITY_DIGEST_HOUR = 7
    # Members confirm their email address by a mailed link before they share, reply or report.
    COMMUNITY_REQUIRE_VERIFIED_EMAIL = True


def _as_int_or_none(value: str) -> int | None:
    return int(value) if value.strip() else None


def _as_bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Environment variable -> (setting, parser).
ENVIRONMENT_SETTINGS = {
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "SECRET_KEY": ("SECRET_KEY", str),
    "COMMUNITY_TRUSTED_AFTER": ("COMMUNITY_TRUSTED_AFTER", _as_int_or_none),
    "COMMUNITY_REPORTER_MIN_AGE_DAYS": ("COMMUNITY_REPORTER_MIN_AGE_DAYS", int),
    "COMMUNITY_SITE_NAME": ("COMMUNITY_SITE_NAME", str),
    "COMMUNITY_CANONICAL_URL": ("COMMUNITY_CANONICAL_URL", str),
    "COMMUNITY_CRISIS_RESOURCES": ("COMMUNITY_CRISIS_RESOURCES", json.loads),
    "COMMUNITY_VISITOR_MAX_AGE": ("COMMUNITY_VISITOR_MAX_AGE", int),
    "COMMUNITY_SHARED_MAX_AGE": ("COMMUNITY_SHARED_MAX_AGE", int),
    "COMMUNITY_STALE_WHILE_REVALIDATE": ("COMMUNITY_STALE_WHILE_REVALIDATE", int),
    "COMMUNITY_PAGE_CACHE": ("COMMUNITY_PAGE_CACHE", _as_bool),
    "COMMUNITY_CACHE_URL": ("COMMUNITY_CACHE_URL", str),
    "COMMUNITY_PAGE_CACHE_TIMEOUT": ("COMMUNITY_PAGE_CACHE_TIMEOUT", int),
    "COMMUNITY_PAGE_CACHE_ENTRIES": ("COMMUNITY_PAGE_CACHE_ENTRIES", int),
    "SESSION_COOKIE_SECURE": ("SESSION_COOKIE_SECURE", _as_bool),
    "COMMUNITY_HTTPS": ("COMMUNITY_HTTPS", _as_bool),
    "RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "RATELIMIT_ENABLED": ("RATELIMIT_ENABLED", _as_bool),
    "RATELIMIT_KEY_PREFIX": ("RATELIMIT_KEY_PREFIX", str),
    "COMMUNITY_TRUSTED_PROXIES": ("COMMUNITY_TRUSTED_PROXIES", int),
    "COMMUNITY_LIMIT_LOGIN_PER_ADDRESS": ("COMMUNITY_LIMIT_LOGIN_PER_ADDRESS", str),
    "COMMUNITY_LIMIT_LOGIN_PER_ACCOUNT": ("COMMUNITY_LIMIT_LOGIN_PER_ACCOUNT", str),
    "COMMUNITY_LIMIT_REGISTER": ("COMMUNITY_LIMIT_REGISTER", str),
    "COMMUNITY_LIMIT_SHARE": ("COMMUNITY_LIMIT_SHARE", str),
    "COMMUNITY_LIMIT_REPLY": ("COMMUNITY_LIMIT_REPLY", str),
    "COMMUNITY_LIMIT_EDIT": ("COMMUNITY_LIMIT_EDIT", str),
    "COMMUNITY_LIMIT_REPORT": ("COMMUNITY_LIMIT_REPORT", str),
    "COMMUNITY_LIMIT_SUGGEST": ("COMMUNITY_LIMIT_SUGGEST", str),
    "COMMUNITY_LIMIT_HELPED": ("COMMUNITY_LIMIT_HELPED", str),
    "COMMUNITY_LIMIT_API": ("COMMUNITY_LIMIT_API", str),
    "COMMUNITY_LIMIT_RESET_PER_ADDRESS": ("COMMUNITY_LIMIT_RESET_PER_ADDRESS", str),
    "COMMUNITY_LIMIT_RESET_PER_ACCOUNT": ("COMMUNITY_LIMIT_RESET_PER_ACCOUNT", str),
    "COMMUNITY_LIMIT_VERIFY_RESEND": ("COMMUNITY_LIMIT_VERIFY_RESEND", str),
    "MAIL_SERVER": ("MAIL_SERVER", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_USE_TLS": ("MAIL_USE_TLS", _as_bool),
    "MAIL_USE_SSL": ("MAIL_USE_SSL", _as_bool),
    "MAIL_USERNAME": ("MAIL_USERNAME", str),
    "MAIL_PASSWORD": ("MAIL_PASSWORD", str),
    "MAIL_DEFAULT_SENDER": ("MAIL_DEFAULT_SENDER", str),
    "COMMUNITY_MAIL_FOLDER": ("COMMUNITY_MAIL_FOLDER", str),
    "COMMUNITY_MAIL_DELIVERY_THREAD": ("COMMUNITY_MAIL_DELIVERY_THREAD", _as_bool),
    "COMMUNITY_MAIL_POLL_SECONDS": ("COMMUNITY_MAIL_POLL_SECONDS", float),
    "COMMUNITY_DIGEST_HOUR": ("COMMUNITY_DIGEST_HOUR", int),
    # The old name of COMMUNITY_CANONICAL_URL, when it named the address of links in mail.
    "COMMUNITY_BASE_URL": ("COMMUNITY_BASE_URL", str),
    "COMMUNITY_REQUIRE_VERIFIED_EMAIL": ("COMMUNITY_REQUIRE_VERIFIED_EMAIL", _as_bool),
}


def load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    """Fill ``app.config`` from every layer, then complete what is still missing."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for variable, (setting, parse) in ENVIRONMENT_SETTINGS.items():
        if variable in os.environ:
            app.config[setting] = parse(os.environ[variable])
    if overrides:
        app.config.update(overrides)
    _read_old_names(app.config)

    instance = Path(app.instance_path)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        _make_instance_folder(instance)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'community.db'}"
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret_key(instance)


def _read_old_names(config) -> None:
    """Take ``COMMUNITY_BASE_URL`` as the site's public address, which it was for mail.

    Mail and pages name the site by one address: a second, different one is refused
    rather than leaving one of them pointing elsewhere.
    """
    old = config.get("COMMUNITY_BASE_URL")
    if not old:
        return
    if config["COMMUNITY_CANONICAL_URL"] not in (Defaults.COMMUNITY_CANONICAL_URL, old):
        raise ValueError(
            "COMMUNITY_BASE_URL is the old name of COMMUNITY_CANONICAL_URL, and they differ: "
            "set COMMUNITY_CANONICAL_URL only."
        )
    config["COMMUNITY_CANONICAL_URL"] = old


def _make_instance_folder(instance: Path) -> None:
    """Create the instance folder for its owner only: it holds the key and the database."""
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)


def _instance_secret_key(instance: Path) -> str:
    """Read the secret key kept in the instance folder, generating it on first start."""
    key_file = instance / "secret_key"
    _make_instance_folder(instance)
    try:
        # Exclusive create: of several processes starting at once, one writes the key.
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    return key

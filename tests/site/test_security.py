"""Security headers on every response, secure cookies, and templates the policy can serve."""

import re
from pathlib import Path

import pytest

from tests.conftest import serve_app
from tests.factories import make_user
from tests.web import log_in, post_form

TEMPLATES = Path(__file__).resolve().parents[2] / "community" / "templates"


RESPONSE_KINDS = {
    "page": lambda client: client.get("/"),
    "not found": lambda client: client.get("/no/such/page"),
    "static": lambda client: client.get("/static/style.css"),
    "json": lambda client: client.get("/healthz"),
    "redirect": lambda client: post_form(client, "/auth/logout"),
}


def test_every_kind_of_response_carries_the_security_headers(client):
    for kind, fetch in RESPONSE_KINDS.items():
        with fetch(client) as response:
            headers = response.headers
        csp = headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp, kind
        assert "frame-ancestors 'none'" in csp, kind
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, kind
        for directive in ("object-src 'none'", "base-uri 'self'", "form-action 'self'"):
            assert directive in csp, kind
        assert headers["X-Content-Type-Options"] == "nosniff", kind
        assert headers["X-Frame-Options"] == "DENY", kind
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", kind
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", kind
        assert "camera=()" in headers["Permissions-Policy"], kind
        assert "Strict-Transport-Security" not in headers, kind


@pytest.fixture
def https_app(database_url):
    """The test database, served as over HTTPS."""
    yield from serve_app(database_url, COMMUNITY_HTTPS=True)


def test_https_setting_turns_on_hsts_and_secure_cookies(https_app):
    make_user(https_app, "wheezy")
    client = https_app.test_client()
    response = client.get("/")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    login = post_form(
        client,
        "/auth/login",
        {"identifier": "wheezy", "password": "correct horse battery", "remember": "y"},
    )
    cookies = login.headers.getlist("Set-Cookie")
    assert {cookie.split("=")[0] for cookie in cookies} >= {"session", "remember_token"}
    for cookie in cookies:
        assert "; Secure" in cookie, cookie


def test_session_and_remember_cookies_are_http_only_and_same_site_lax(app, client):
    make_user(app, "wheezy")
    login = post_form(
        client,
        "/auth/login",
        {"identifier": "wheezy", "password": "correct horse battery", "remember": "y"},
    )
    cookies = login.headers.getlist("Set-Cookie")
    assert len(cookies) == 2
    for cookie in cookies:
        assert "; HttpOnly" in cookie, cookie
        assert "; SameSite=Lax" in cookie, cookie
        assert "; Secure" not in cookie, cookie


def test_pages_for_a_logged_in_member_are_not_cached(app, client):
    make_user(app, "wheezy")
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    log_in(client, "wheezy")
    assert client.get("/").headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_script_or_style(template):
    source = template.read_text()
    # A JSON-LD data block is never run (nor governed by CSP): it is data for crawlers.
    data_block = r'type="application/ld\+json"'
    assert not re.search(rf"<script(?![^>]*\b(?:src=|{data_block}))", source), "inline <script>"
    assert "<style" not in source, "inline <style>"
    assert not re.search(r"\sstyle=", source), "style attribute"
    assert not re.search(r"\son[a-z]+=", source), "event handler attribute"

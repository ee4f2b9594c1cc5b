"""Operator and crawler endpoints, error pages, and the shared layout."""

import pytest

from tests.conftest import make_app


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_reports_an_unreachable_database_with_503(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/missing-folder/community.db")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


def test_robots_txt_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    assert "User-agent: *" in response.text
    for private in ("/auth/", "/account", "/moderation/"):
        assert f"Disallow: {private}" in response.text


def test_unknown_page_is_a_404_on_the_site_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
    assert 'class="site-footer"' in response.text


# Adds a page to an app that has not served yet: an app of its own.
@pytest.mark.fresh_database
def test_server_error_shows_the_500_page(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken():
        raise RuntimeError("boom")

    app.add_url_rule("/broken", view_func=broken)
    response = app.test_client().get("/broken")
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.text
    assert "boom" not in response.text


def test_every_page_has_navigation_a_skip_link_and_the_disclaimer(client):
    html = client.get("/").text
    assert '<a class="skip-link" href="#content">' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert "Medical disclaimer:" in html
    assert html.count("<h1") == 1

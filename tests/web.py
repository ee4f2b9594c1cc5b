"""Drive the site like a browser: read CSRF tokens from pages, log in, post forms."""

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.factories import PASSWORD
from tests.mail.helpers import link_to

ANONYMOUS = "anonymous"
CSRF_INPUT = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
_CSRF_VALUE = re.compile(r'(name="csrf_token" (?:type="hidden" )?value=")[^"]+"')


def without_csrf_tokens(html: str) -> str:
    """The page with its CSRF tokens blanked: a token is signed with the time, so the same
    member's page differs from one second to the next by its tokens alone."""
    return _CSRF_VALUE.sub(r'\1"', html)


def csrf_token(client: FlaskClient, page: str = "/") -> str:
    """Read a CSRF token from a page, as a browser's form would carry it."""
    html = client.get(page).text
    match = CSRF_INPUT.search(html) or re.search(r'value="([^"]+)" name="csrf_token"', html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def post_form(client: FlaskClient, url: str, data: dict | None = None, page: str = "/auth/login"):
    """Submit a form to ``url`` with a real token taken from ``page``."""
    return client.post(url, data={**(data or {}), "csrf_token": csrf_token(client, page)})


def log_in(client: FlaskClient, username: str, password: str = PASSWORD):
    response = post_form(
        client, "/auth/login", {"identifier": username, "password": password}, "/auth/login"
    )
    assert response.status_code == 302, response.text
    return response


def log_out(client: FlaskClient):
    return post_form(client, "/auth/logout")


def client_as(app: Flask, username: str) -> FlaskClient:
    """A browser of its own, logged in as ``username``; ANONYMOUS stays a visitor."""
    client = app.test_client()
    if username != ANONYMOUS:
        log_in(client, username)
    return client


def send(client: FlaskClient, method: str, path: str, data: dict | None = None):
    """GET ``path``; send any other method as a form would, with a real CSRF token."""
    if method == "GET":
        return client.get(path)
    token = csrf_token(client, "/auth/login")
    return client.open(path, method=method, data={**(data or {}), "csrf_token": token})


def register(app: Flask, client: FlaskClient, username: str, password: str = PASSWORD):
    """Register as a browser does, follow the link mailed to confirm the address, log in."""
    email = f"{username}@example.org"
    data = {"username": username, "email": email, "password": password, "confirm": password}
    response = post_form(client, "/auth/register", data, "/auth/register")
    assert response.status_code == 200, response.text
    assert client.get(link_to(app, email, "/auth/verify/")).status_code == 302
    return log_in(client, username, password)

"""Log in as a generated member, for measuring the pages as a member sees them."""

import http.client
import re
from urllib.parse import urlencode, urlsplit

from community.loadtest import vocabulary
from community.loadtest.writer import LOAD_DATA_PASSWORD

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def member_cookie(base_url: str, index: int = 0) -> str:
    """Return the ``Cookie`` header of generated member ``index``, logged in on the server."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", "/auth/login")
        response = connection.getresponse()
        page = response.read().decode()
        cookie = _session(response) or ""
        form = {
            "identifier": vocabulary.username(index),
            "password": LOAD_DATA_PASSWORD,
            "csrf_token": CSRF.search(page).group(1),
        }
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        connection.request("POST", "/auth/login", body=urlencode(form), headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 302:
            raise RuntimeError(f"the generated member could not log in ({response.status})")
        return _session(response) or cookie
    finally:
        connection.close()


def _session(response) -> str | None:
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("session="):
            return value.split(";", 1)[0]
    return None

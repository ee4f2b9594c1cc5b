"""Browser fixtures: headless Chromium driving the app served on a real socket.

Every test here runs once per database, like the rest of the suite, because
``live_server`` serves the parametrized ``app`` fixture.
"""

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.browser.chromium import MISSING_MESSAGE, find_chromium, launch_chromium


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        pytest.skip(MISSING_MESSAGE)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, executable)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    page.close()
    context.close()


@pytest.fixture
def console_errors(page) -> list[str]:
    """Collect the page's console errors and uncaught exceptions, as the test runs."""
    errors: list[str] = []

    def on_console(message) -> None:
        if message.type == "error":
            errors.append(f"{message.text} ({message.location['url']})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 in a background thread and yield its base URL."""
    # Port 0 lets the operating system pick a free port, with no race between tests.
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_port}"
    # The site's public address, which links in mail are built on, is where it is served.
    app.config["COMMUNITY_CANONICAL_URL"] = base_url
    yield base_url
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)

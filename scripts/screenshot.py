"""Save a full-page screenshot of a URL, 1280 px wide, in headless Chromium.

Usage: python scripts/screenshot.py URL OUTPUT.png
"""

import argparse
import sys
from pathlib import Path

# Run as a plain script from anywhere: the launch settings live with the browser tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.chromium import MISSING_MESSAGE, find_chromium, launch_chromium  # noqa: E402

VIEWPORT = {"width": 1280, "height": 800}


def screenshot(url: str, output: Path) -> None:
    """Load ``url`` and write a full-page PNG of it to ``output``."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        raise SystemExit(MISSING_MESSAGE)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, executable)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(url, wait_until="networkidle")
            page.screenshot(path=str(output), full_page=True)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("output", type=Path)
    arguments = parser.parse_args(argv)
    screenshot(arguments.url, arguments.output)
    print(arguments.output)


if __name__ == "__main__":
    main()

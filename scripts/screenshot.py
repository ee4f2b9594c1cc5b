"""Save a screenshot of a URL, 1280 px wide unless told, in headless Chromium.

Usage: python scripts/screenshot.py URL OUTPUT.png [--width PX] [--height PX | --full-page]
"""

import argparse
import sys
from pathlib import Path

# Run as a plain script from anywhere: the launch settings live with the browser tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.chromium import MISSING_MESSAGE, find_chromium, launch_chromium  # noqa: E402

VIEWPORT = {"width": 1280, "height": 800}


def screenshot(url: str, output: Path, width: int, height: int, full_page: bool) -> None:
    """Load ``url`` ``width`` pixels wide; write a PNG of its first ``height`` pixels (or all
    of it) to ``output``."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        raise SystemExit(MISSING_MESSAGE)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, executable)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url, wait_until="networkidle")
            page.screenshot(path=str(output), full_page=full_page)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("output", type=Path)
    parser.add_argument("--width", type=int, default=VIEWPORT["width"])
    parser.add_argument("--height", type=int, default=VIEWPORT["height"])
    parser.add_argument("--full-page", action="store_true")
    arguments = parser.parse_args(argv)
    screenshot(
        arguments.url, arguments.output, arguments.width, arguments.height, arguments.full_page
    )
    print(arguments.output)


if __name__ == "__main__":
    main()

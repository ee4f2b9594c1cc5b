"""Where to find Chromium and how to launch it: shared by the browser tests and scripts/."""

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

DEBIAN_CHROMIUM = "/usr/bin/chromium"

# Browsers cannot be downloaded here, so we drive the system Chromium without a sandbox
# and without the background traffic (updates, sync) that would reach for the network.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

MISSING_MESSAGE = "Chromium is not installed: apt-get install chromium"


def find_chromium() -> str | None:
    """Return the path of the Chromium binary, or None when it is not installed."""
    found = shutil.which("chromium")
    if found:
        return found
    return DEBIAN_CHROMIUM if Path(DEBIAN_CHROMIUM).exists() else None


def launch_chromium(playwright: "Playwright", executable: str) -> "Browser":
    """Launch headless Chromium from ``executable`` with the project's flags."""
    return playwright.chromium.launch(
        executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
    )

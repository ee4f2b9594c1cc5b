"""Redirect targets taken from requests are followed only to paths on this site."""

from urllib.parse import urlsplit


def safe_next(target: str | None, fallback: str) -> str:
    """Return ``target`` when it is a local path, otherwise ``fallback``."""
    if not target:
        return fallback
    # Browsers treat backslashes as slashes and ignore control characters.
    cleaned = target.replace("\\", "/")
    if any(ord(character) < 32 for character in cleaned):
        return fallback
    parts = urlsplit(cleaned)
    if parts.scheme or parts.netloc or not cleaned.startswith("/") or cleaned.startswith("//"):
        return fallback
    return target

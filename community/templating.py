"""Filters and globals the templates share."""

from datetime import date, datetime

from flask import Flask

from community.text import stored_html


def long_date(value: date | datetime | None) -> str:
    """Format a date as people read it: 7 April 2026."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def iso_datetime(value: date | datetime) -> str:
    return value.isoformat()


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return "1 person" / "2 people" style phrases."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}"


def register(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.add_template_filter(stored_html, "stored_html")
    app.add_template_filter(long_date, "long_date")
    app.add_template_filter(iso_datetime, "iso_datetime")
    app.add_template_global(plural, "plural")

"""Small shared wording: dates and counts as people read them, for pages, notices and mail."""

from datetime import date, datetime

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(value: date | datetime | None) -> str:
    """Format a date as people read it: 7 April 2026."""
    if value is None:
        return ""
    # Month names from a table: strftime is slower, and follows the server's locale.
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return "1 person" / "2 people" style phrases."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}"

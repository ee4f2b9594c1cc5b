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


# What may close a sentence, and what may stand after its full stop ("... now." or (... now.)).
_SENTENCE_ENDS = (".", "!", "?", "…")
_CLOSERS = "\"'”’)]"
_DANGLING = ",;:-–— "


def sentence(text: str) -> str:
    """End ``text`` with one full stop, unless it already ends as a sentence ends.

    People's words (a moderator's reason) often bring their own stop: "Spam." must not
    become "Spam..", nor "Why?" become "Why?.".
    """
    text = text.rstrip()
    if text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS):
        return text
    return f"{text.rstrip(_DANGLING)}."

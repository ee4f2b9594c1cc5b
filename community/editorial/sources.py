"""A summary's sources: title, publisher, year, address and date accessed, numbered on the page.

Editors write them one per line, fields separated by ``|``; files carry them as YAML
entries. Both are read here, so the same source is refused the same way wherever it comes
from: a source needs a title and an http or https address.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

SEPARATOR = "|"
LINE_FORMAT = "Title | Publisher | Year | https://address | Date accessed (YYYY-MM-DD)"
OPTIONAL_KEYS = ("publisher", "year", "accessed")
MAX_FIELD_LENGTH = 500


class SourceError(ValueError):
    """A source could not be read; the message says which one and why."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str | None = None
    year: str | None = None
    accessed: date | None = None

    def as_stored(self) -> dict[str, str]:
        """The JSON the revision keeps: the optional fields only when given."""
        stored = {"title": self.title, "url": self.url}
        if self.publisher:
            stored["publisher"] = self.publisher
        if self.year:
            stored["year"] = self.year
        if self.accessed:
            stored["accessed"] = self.accessed.isoformat()
        return stored

    def as_line(self) -> str:
        accessed = self.accessed.isoformat() if self.accessed else ""
        fields = [self.title, self.publisher or "", self.year or "", self.url, accessed]
        return f" {SEPARATOR} ".join(fields).rstrip(f" {SEPARATOR}")

    @classmethod
    def of_stored(cls, item: dict[str, Any]) -> "Source":
        accessed = item.get("accessed")
        return cls(
            title=str(item.get("title", "")).strip(),
            url=str(item.get("url", "")).strip(),
            publisher=_blank_to_none(item.get("publisher")),
            year=_blank_to_none(item.get("year")),
            accessed=date.fromisoformat(accessed) if accessed else None,
        )


def make_source(
    where: str,
    title: Any,
    url: Any,
    publisher: Any = None,
    year: Any = None,
    accessed: Any = None,
) -> Source:
    """Check one source's fields, raising SourceError that starts with ``where``."""
    if not isinstance(title, str) or not title.strip():
        raise SourceError(f"{where} must have a non-empty 'title'")
    parts = urlsplit(url.strip()) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceError(f"{where} must have an http or https 'url', not {url!r}")
    if year is not None and not isinstance(year, str | int):
        raise SourceError(f"{where} must have a 'year' such as 2024")
    year_text = _blank_to_none(str(year)) if year is not None else None
    if year_text is not None and not (year_text.isdigit() and len(year_text) == 4):
        raise SourceError(f"{where} must have a 'year' of four digits, not {year_text!r}")
    for name, value in (("title", title), ("url", url), ("publisher", publisher)):
        if isinstance(value, str) and len(value.strip()) > MAX_FIELD_LENGTH:
            raise SourceError(f"{where} has a {name!r} longer than {MAX_FIELD_LENGTH} characters")
    if publisher is not None and not isinstance(publisher, str):
        raise SourceError(f"{where} must have a 'publisher' written as text")
    return Source(
        title=title.strip(),
        url=url.strip(),
        publisher=_blank_to_none(publisher),
        year=year_text,
        accessed=_accessed(where, accessed),
    )


def parse_source_lines(text: str) -> tuple[Source, ...]:
    """Read an editor's sources, one per line: ``LINE_FORMAT``; blank lines are skipped."""
    sources = []
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        fields = [field.strip() for field in line.split(SEPARATOR)]
        where = f"Source {number}"
        if len(fields) == 1 or len(fields) > 5:
            raise SourceError(f"{where} must be written as: {LINE_FORMAT}")
        if len(fields) == 2:
            # The short form: a title and an address.
            fields = [fields[0], "", "", fields[1], ""]
        fields += [""] * (5 - len(fields))
        title, publisher, year, url, accessed = fields
        sources.append(make_source(where, title, url, publisher, year or None, accessed or None))
    return tuple(sources)


def _accessed(where: str, value: Any) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise SourceError(f"{where} must have a date 'accessed' written YYYY-MM-DD, not {value!r}")


def _blank_to_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None

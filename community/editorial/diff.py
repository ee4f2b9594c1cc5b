"""A word-level diff of two revisions' text, for reviewers: insertions and deletions marked."""

import difflib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from community.editorial.sources import Source
from community.models import SummaryRevision

# Words and the space between them, so that the marked text keeps its line breaks.
TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class FieldDiff:
    label: str
    marked: Markup
    changed: bool


def word_diff(before: str, after: str) -> Markup:
    """Mark ``after`` against ``before``: removed words in <del>, added words in <ins>."""
    old, new = TOKENS.findall(before or ""), TOKENS.findall(after or "")
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    parts: list[str] = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(new[new_start:new_end])))
            continue
        if old_end > old_start:
            parts.append(Markup("<del>{}</del>").format("".join(old[old_start:old_end])))
        if new_end > new_start:
            parts.append(Markup("<ins>{}</ins>").format("".join(new[new_start:new_end])))
    return Markup("").join(parts)


def _sources_text(revision: SummaryRevision | None) -> str:
    if revision is None:
        return ""
    lines = [Source.of_stored(item).as_line() for item in revision.sources or []]
    return "\n".join(f"{number}. {line}" for number, line in enumerate(lines, start=1))


def revision_diff(published: SummaryRevision | None, revision: SummaryRevision) -> list[FieldDiff]:
    """Each part of the summary, ``revision`` marked against the published text."""
    pairs = (
        ("Short answer", published.short_answer if published else "", revision.short_answer),
        ("Summary", published.body_markdown if published else "", revision.body_markdown),
        ("Sources", _sources_text(published), _sources_text(revision)),
    )
    return [
        FieldDiff(label, word_diff(before, after), before != after)
        for label, before, after in pairs
    ]

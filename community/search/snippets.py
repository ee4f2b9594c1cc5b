"""Show a piece of a found text with the searched words marked, safely.

The snippet is built here from the stored text, never from HTML an engine produced:
every piece of the text is escaped, and only the ``<mark>`` elements around matched
words are markup. A post holding ``<script>`` shows it as text.
"""

import re

from markupsafe import Markup, escape

SNIPPET_LENGTH = 240
# Words shown before the first match, so the reader sees what it follows.
LEAD_WORDS = 8
# Markdown's own signs are not part of what the member wrote: a link shows its text.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_SIGNS = re.compile(r"[*_`~|]+|^[ \t]*(?:#+|>+)", re.MULTILINE)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")
# A stem and its endings ("diagnose", "diagnosed", "diagnosis") differ by this much at most.
_ENDING = 3


def plain(text: str) -> str:
    """The text as read, without Markdown's signs and with its spaces folded."""
    return _SPACE.sub(" ", _MARKDOWN_SIGNS.sub("", _LINK.sub(r"\1", text))).strip()


def _matches(word: str, searched: tuple[str, ...], prefixes: tuple[str, ...]) -> bool:
    word = word.casefold()
    if any(word.startswith(prefix) for prefix in prefixes):
        return True
    for term in searched:
        if word == term:
            return True
        shorter, longer = sorted((word, term), key=len)
        stem = len(shorter) >= 3 and longer.startswith(shorter)
        if stem and len(longer) - len(shorter) <= _ENDING:
            return True
    return False


def snippet(text: str, searched: tuple[str, ...], prefixes: tuple[str, ...] = ()) -> Markup:
    """Return about SNIPPET_LENGTH characters of ``text`` around the first match, marked."""
    text = plain(text)
    words = list(_WORD.finditer(text))
    first = next(
        (index for index, word in enumerate(words) if _matches(word.group(), searched, prefixes)),
        None,
    )
    start = 0 if first is None else words[max(first - LEAD_WORDS, 0)].start()
    end = min(start + SNIPPET_LENGTH, len(text))
    if end < len(text):
        # End on a word boundary.
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    pieces: list[str] = ["…" if start > 0 else ""]
    position = start
    # Only the words shown are looked at, from the first match on.
    for found in words[first:] if first is not None else ():
        if found.end() > end:
            break
        if not _matches(found.group(), searched, prefixes):
            continue
        pieces.append(escape(text[position : found.start()]))
        pieces.append(Markup("<mark>{}</mark>").format(found.group()))
        position = found.end()
    pieces.append(escape(text[position:end]))
    pieces.append("…" if end < len(text) else "")
    return Markup("").join(pieces)

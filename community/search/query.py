"""Read what someone typed into the search box as terms, and write each engine's query.

Nothing typed reaches an engine's query syntax: the text is cut into words (letters and
digits only), and the engine query is written from those words, every one quoted. So
any input is a valid query, and quotes, stars, colons, brackets or operators typed by
someone (or pasted) cannot change what the query means or make it fail.

- ``word`` finds the word (stemmed: "breathing" finds "breathe");
- ``"exact phrase"`` finds the words next to each other, in order;
- ``prefix*`` finds words starting with it.
Every term must match.
"""

import re
from dataclasses import dataclass

# A query longer than this is cut: no one types more, and every term costs a lookup.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# Too short a prefix would match most of the index.
MIN_PREFIX_LENGTH = 2

_PIECE = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """Words to find together: one word, or a phrase; the last word maybe a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts5(self) -> str:
        """This term in FTS5 syntax: a quoted string, maybe a prefix."""
        quoted = '"' + " ".join(self.words).replace('"', '""') + '"'
        return quoted + ("*" if self.prefix else "")

    def tsquery(self) -> str:
        """This term in to_tsquery syntax: quoted lexemes joined by <->."""
        lexemes = [f"'{word}'" for word in self.words]
        if self.prefix:
            lexemes[-1] += ":*"
        return "(" + " <-> ".join(lexemes) + ")"


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(word for term in self.terms for word in term.words)

    def fts5(self) -> str:
        return " AND ".join(term.fts5() for term in self.terms)

    def tsquery(self) -> str:
        return " & ".join(term.tsquery() for term in self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse_query(text: str) -> Query:
    """Cut the typed text into terms; what holds no letter or digit is dropped."""
    terms: list[Term] = []
    for match in _PIECE.finditer(text[:MAX_QUERY_LENGTH]):
        phrase, bare = match.groups()
        piece = phrase if phrase is not None else bare
        words = tuple(word.casefold() for word in _WORD.findall(piece))
        if not words:
            continue
        prefix = bare is not None and bare.endswith("*") and len(words[-1]) >= MIN_PREFIX_LENGTH
        terms.append(Term(words, prefix))
    return Query(tuple(terms[:MAX_TERMS]))

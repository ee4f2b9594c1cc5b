"""Find watched words and crisis phrases in a member's text: whole words, whatever the case.

Text and words are compared case-folded after NFKC normalization, so "STRASSE", "Straße"
and "strasse" are one word, and so are "ﬁne" and "fine". A word or phrase matches only
whole words: "ass" is not found in "assassin"; letters and digits of any script count as
word characters. The words of a phrase may be separated by any run of spaces or
punctuation, so "self harm" also finds "self-harm" and "self *harm*".

Each list (one per action) becomes one regular expression of escaped literals, built once
per content of the list and cached: an admin's change takes effect at the next post in
every worker, as the lists are read from the database for every post written. Matching
takes time in proportion to the text's length times the words tried at each word start;
nothing an admin or a member types can make it backtrack further.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select

from community.extensions import db
from community.models import WatchedWord, WordAction

# What the crisis list holds until admins change it (the migration that made the list
# seeded it with these).
DEFAULT_CRISIS_PHRASES = (
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "take my own life",
    "want to die",
    "wish I was dead",
    "suicide",
    "suicidal",
    "self harm",
    "self-harming",
    "hurt myself",
    "no reason to live",
    "better off dead",
    "overdose on purpose",
)

_WORD = re.compile(r"[^\W_]+")
# Between the words of a phrase: anything but letters and digits.
_BETWEEN = r"[\W_]+"
# Not inside a word: no letter or digit just before or after.
_START, _END = r"(?<![^\W_])", r"(?![^\W_])"


def fold(text: str) -> str:
    """Return ``text`` as it is compared: NFKC-normalized and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def word_key(phrase: str) -> str:
    """Return the words of ``phrase`` as matched: folded, one space apart ("" if none)."""
    return " ".join(_WORD.findall(fold(phrase)))


@lru_cache(maxsize=32)
def _pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for a list of keys; the longest phrases are tried first."""
    alternatives = (
        _BETWEEN.join(re.escape(word) for word in key.split(" "))
        for key in sorted(keys, key=len, reverse=True)
    )
    return re.compile(f"{_START}(?:{'|'.join(alternatives)}){_END}")


@dataclass(frozen=True)
class Found:
    """A watched word or phrase found in a text, as the admin wrote it."""

    action: WordAction
    word: str


@dataclass(frozen=True)
class WatchList:
    """Every watched word and crisis phrase, by the action they call for."""

    # For each action, its words by key, as admins wrote them.
    words: dict[WordAction, dict[str, str]]

    def find(self, text: str) -> list[Found]:
        """Return each listed word or phrase found in ``text`` once, in the lists' order."""
        folded = fold(text)
        found: list[Found] = []
        for action, words in self.words.items():
            if not words:
                continue
            keys = dict.fromkeys(
                word_key(match.group()) for match in _pattern(tuple(words)).finditer(folded)
            )
            found.extend(Found(action, words[key]) for key in keys if key in words)
        return found


def build_watch_list(entries: list[tuple[str, str, WordAction]]) -> WatchList:
    """Build the watch list from (key, word, action) entries."""
    words: dict[WordAction, dict[str, str]] = {action: {} for action in WordAction}
    for key, word, action in sorted(entries):
        if key:
            words[action][key] = word
    return WatchList(words)


def current_watch_list() -> WatchList:
    """Read the lists as admins keep them now (one small query per post written)."""
    rows = db.session.execute(select(WatchedWord.word_key, WatchedWord.word, WatchedWord.action))
    return build_watch_list([tuple(row) for row in rows])


@dataclass(frozen=True)
class Screening:
    """What a text holds of the watched words and crisis phrases, and what that calls for."""

    found: tuple[Found, ...] = ()

    def of(self, action: WordAction) -> list[str]:
        return [found.word for found in self.found if found.action is action]

    @property
    def blocked_by(self) -> list[str]:
        return self.of(WordAction.BLOCK)

    @property
    def possible_crisis(self) -> bool:
        return bool(self.of(WordAction.CRISIS))

    @property
    def needs_approval(self) -> bool:
        """Kept for a moderator: a word requiring approval, or a crisis phrase."""
        return bool(self.of(WordAction.REQUIRE_APPROVAL)) or self.possible_crisis

    @property
    def stored(self) -> list[dict[str, str]]:
        """The findings kept on the post for moderators."""
        return [{"action": found.action.value, "word": found.word} for found in self.found]


def screen(text: str) -> Screening:
    """Look for the watched words and crisis phrases in a member's text."""
    return Screening(tuple(current_watch_list().find(text)))

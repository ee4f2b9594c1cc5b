"""A post of any shape costs about what an ordinary post of its length costs.

Rendering and the personal-information finder run while a member waits, in a worker
that serves everyone: a text whose cost grew with the square of its length ("x-y." 5,000
times took 11 s in the linkifier used before) could hold every worker. Each adversarial
shape, at the longest length a form accepts, is timed against an ordinary post of the
same length, both measured the same way, the least of a few runs, so that a busy machine hardly
moves the ratio. The bound is generous: a quadratic shape at this length costs hundreds of
times the ordinary post, a linear one a few times.
"""

import functools
import itertools
import time
from collections.abc import Callable

import pytest

from community.posts.forms import MAX_POST_LENGTH
from community.text import find_personal_information, render_markdown

MAX_RATIO = 20

ORDINARY_POST = (
    "After my diagnosis I read *everything*, and the **summary** here helped most. "
    "My nurse suggested [this guide](https://example.org/guide) and www.example.org.\n\n"
    "- keep a diary\n- ask about `dose` changes\n\n> Take it one day at a time.\n\n"
)
ORDINARY_PROSE = "We met the nurse on Tuesday, and she said the results looked better. "


def _fill(pattern: str) -> str:
    return (pattern * (MAX_POST_LENGTH // len(pattern) + 1))[:MAX_POST_LENGTH]


ADVERSARIAL = {
    "dotted hyphens": _fill("x-y."),
    "dotted letters": _fill("a."),
    "schemes": _fill("http://"),
    "www prefixes": _fill("www."),
    "domains in brackets": _fill("(x.com)"),
    "closing brackets after a link": "http://x.org/" + _fill(")")[13:],
    "opening brackets": _fill("["),
    "link openers": _fill("[a]("),
    "image openers": _fill("!["),
    "reference brackets": _fill("[a]["),
    "emphasis openers": _fill("*a"),
    "strong openers": _fill("**a"),
    "underscores": _fill("_a"),
    "angle brackets": _fill("<"),
    "tag openers": _fill("<a"),
    "backticks": _fill("`a"),
    "backslashes": _fill("\\"),
    "entities": _fill("&#"),
    "line breaks": _fill("a\n"),
    "nested quotes": _fill("> "),
    "at signs": _fill("a@"),
    "at signs and dots": _fill("a@b."),
    "apostrophes within a word": _fill("A'"),
    "curly apostrophes within a word": _fill("A’"),
    "a street name without end": "1 rue " + _fill("A'")[6:],
}

# The phone-number matcher tries every run of digits in seven numbering plans: its cost
# is linear, but several times that of prose, so digits are weighed against digits.
DIGITS = {
    "one long number": _fill("1"),
    "numbers and slashes": _fill("1 /"),
    "phone numbers": _fill("+1 (555) 123-4567 "),
    "hyphenated digits": _fill("555-"),
}
ORDINARY_DIGITS = "I take 20 mg at 8 am and 10 mg at 6 pm; call 020 7946 0018 or 0049 30 1234567. "


# The finder keeps its last answers: each run measures a text not seen before.
_trimmed = itertools.count()


def _cost(work: Callable[[str], object], text: str, repeats: int = 3) -> float:
    """The least time of a few runs: what the work costs when nothing else interferes."""
    best = float("inf")
    for _ in range(repeats):
        variant = text[: len(text) - next(_trimmed) % 100]
        started = time.perf_counter()
        work(variant)
        best = min(best, time.perf_counter() - started)
    return best


@functools.cache
def _ordinary_cost(work: Callable[[str], object], ordinary: str) -> float:
    return _cost(work, _fill(ordinary), repeats=5)


def _ratio(work: Callable[[str], object], text: str, ordinary: str) -> float:
    return _cost(work, text) / _ordinary_cost(work, ordinary)


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_any_shape_renders_at_about_the_cost_of_an_ordinary_post(text):
    assert _ratio(render_markdown, text, ORDINARY_POST) < MAX_RATIO


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_personal_information_is_found_at_about_the_cost_of_ordinary_prose(text):
    assert _ratio(find_personal_information, text, ORDINARY_PROSE) < MAX_RATIO


@pytest.mark.parametrize("text", DIGITS.values(), ids=DIGITS.keys())
def test_runs_of_digits_cost_about_what_ordinary_numbers_cost(text):
    assert _ratio(find_personal_information, text, ORDINARY_DIGITS) < MAX_RATIO
    assert _ratio(render_markdown, text, ORDINARY_POST) < MAX_RATIO

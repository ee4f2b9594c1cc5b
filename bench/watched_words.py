"""``python -m bench.watched_words``: what the watched-word and crisis checks cost per write.

Every post written (share, reply, edit) reads the lists from the database and runs one
expression per list over the text. This times both on a typical post, with 100 watched
words besides the default crisis phrases, against a baseline of rendering the same post's
Markdown (which every write already does), so the cost reads relative to existing work.
"""

import argparse
import secrets
import statistics
import time
from collections.abc import Callable

from community import create_app
from community.extensions import db
from community.models import WordAction
from community.safety.services import add_word
from community.safety.words import (
    DEFAULT_CRISIS_PHRASES,
    _pattern,
    build_watch_list,
    current_watch_list,
    screen,
    word_key,
)
from community.text import render_markdown

POST = (
    "I was diagnosed two years ago after months of chest infections. What helped me most "
    "was keeping a diary of symptoms, so my team could see the pattern over time. Cold "
    "air and dust still set it off, and I carry my inhaler everywhere. Some weeks are "
    "harder than others; talking to people here who understand has made a real difference. "
) * 3  # about 1,000 characters, a typical experience
WORDS = tuple(f"watchword{number}" for number in range(70)) + tuple(
    f"watched phrase {number}" for number in range(30)
)


def _per_call(work: Callable[[], object], repeat: int) -> float:
    """Microseconds per call: the median of five runs of ``repeat`` calls."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            work()
        runs.append((time.perf_counter() - start) / repeat * 1e6)
    return statistics.median(runs)


def _compile_and_find() -> None:
    _pattern.cache_clear()
    build_watch_list([(word_key(w), w, WordAction.FLAG) for w in WORDS]).find(POST)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.watched_words", description=__doc__)
    parser.add_argument("--database-url", default="sqlite://")
    parser.add_argument("--repeat", type=int, default=2000)
    arguments = parser.parse_args(argv)
    # No request is served, so nothing is signed: the key only completes the settings.
    settings = {
        "SQLALCHEMY_DATABASE_URI": arguments.database_url,
        "SECRET_KEY": secrets.token_hex(),
    }
    app = create_app(settings)
    with app.app_context():
        db.create_all()
        for phrase in DEFAULT_CRISIS_PHRASES:
            add_word(phrase, WordAction.CRISIS)
        for number, word in enumerate(WORDS):
            add_word(
                word, (WordAction.FLAG, WordAction.BLOCK, WordAction.REQUIRE_APPROVAL)[number % 3]
            )
        db.session.commit()
        in_memory = current_watch_list()
        rows = {
            "match only (lists compiled and cached)": _per_call(
                lambda: in_memory.find(POST), arguments.repeat
            ),
            "read the lists + match (per write)": _per_call(lambda: screen(POST), arguments.repeat),
            "compile the lists again + match (after an edit)": _per_call(
                lambda: _compile_and_find(), max(arguments.repeat // 10, 1)
            ),
            "baseline: render the post's Markdown": _per_call(
                lambda: render_markdown(POST), arguments.repeat
            ),
        }
    print(
        f"{len(WORDS)} watched words + {len(DEFAULT_CRISIS_PHRASES)} crisis phrases, "
        f"post of {len(POST):,} characters"
    )
    for name, micros in rows.items():
        print(f"  {name:<48} {micros:8.1f} µs")


if __name__ == "__main__":
    main()

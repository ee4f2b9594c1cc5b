"""The baseline: a minimal Flask app rendering a Jinja template as large as a question page.

``BENCH_BASELINE_ARTICLES`` and ``BENCH_BASELINE_BYTES`` (set by the benchmark from the
200-post question page it measures) shape the page: as many articles, as many bytes.
No database, no session, no forms: the cost of Flask, Jinja and gunicorn alone.
"""

import os
from datetime import UTC, datetime, timedelta

from flask import Flask, render_template

ARTICLES = int(os.environ.get("BENCH_BASELINE_ARTICLES", "200"))
TARGET_BYTES = int(os.environ.get("BENCH_BASELINE_BYTES", "150000"))

app = Flask(__name__)


def _items(body_length: int) -> list[dict]:
    started = datetime(2025, 1, 1, tzinfo=UTC)
    sentence = "Keeping a symptom diary helped my doctor see the pattern. "
    body = (sentence * (body_length // len(sentence) + 1))[:body_length]
    return [
        {
            "id": index,
            "author": f"member_{index}",
            "created_at": (started + timedelta(hours=index)).isoformat(),
            "body": body,
        }
        for index in range(ARTICLES)
    ]


def _sized_items() -> list[dict]:
    """Choose the body length that makes the page ``TARGET_BYTES`` long."""
    with app.test_request_context():
        empty = len(render_template("baseline.html", items=_items(0)).encode())
    return _items(max(0, (TARGET_BYTES - empty) // max(1, ARTICLES)))


ITEMS = _sized_items()


@app.get("/")
def page():
    return render_template("baseline.html", items=ITEMS)


@app.get("/healthz")
def healthz():
    return {"status": "ok"}

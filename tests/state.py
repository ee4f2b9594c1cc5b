"""Read what is stored: every row, to show a refused request changed nothing; the counts."""

from collections.abc import Callable

from flask import Flask
from sqlalchemy import select
from werkzeug.test import TestResponse

from community.extensions import db
from community.models import Condition, Question


def database_state(app: Flask) -> dict[str, list[tuple]]:
    """Return every row of every table, in primary-key order."""
    with app.app_context():
        return {
            table.name: [
                tuple(row)
                for row in db.session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in db.metadata.sorted_tables
        }


def community_counts(app: Flask, condition_id: int, question_id: int) -> tuple[int, int, int]:
    """Return the stored (members, contributions, sharers) of a condition and question."""
    with app.app_context():
        condition = db.session.get(Condition, condition_id)
        question = db.session.get(Question, question_id)
        return condition.member_count, condition.contribution_count, question.sharer_count


def assert_changes_nothing(
    app: Flask, send: Callable[[], TestResponse], status: int, message: str = ""
):
    """Send a request that must answer ``status`` and show ``message``, changing nothing."""
    before = database_state(app)
    response = send()
    assert response.status_code == status, response.text[:2000]
    assert message in response.text
    assert database_state(app) == before
    return response

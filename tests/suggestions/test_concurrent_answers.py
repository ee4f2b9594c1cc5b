"""Two editors answering one suggestion at the same moment: only the first answer is taken."""

import threading

import pytest
from sqlalchemy import func, select

from community.accounts.services import find_by_username
from community.editorial import suggestions as answers
from community.extensions import db
from community.models import Question, QuestionSuggestion, SuggestionState
from community.suggestions.lifecycle import SuggestionRefused
from community.suggestions.services import get_suggestion
from tests.suggestions.helpers import make_desk, suggested

pytestmark = pytest.mark.fresh_database


def test_of_two_editors_answering_at_once_the_second_is_refused(app):
    make_desk(app)
    suggestion_id = suggested(app)
    first_answered, second_read, second_done = (threading.Event() for _ in range(3))
    outcome: dict[str, object] = {}

    def first_editor() -> None:
        with app.app_context():
            found = get_suggestion(suggestion_id)
            second_read.wait(10)
            answers.accept(find_by_username("editor"), found, None)
            first_answered.set()
            # The second editor's answer is on its way while this one is not yet committed.
            second_done.wait(1)
            db.session.commit()

    def second_editor() -> None:
        with app.app_context():
            found = get_suggestion(suggestion_id)
            editor = find_by_username("second_editor")
            # Both read the suggestion pending before either answers.
            db.session.commit()
            second_read.set()
            first_answered.wait(10)
            try:
                answers.decline(editor, found, "Out of scope.")
                db.session.commit()
                outcome["second"] = "answered"
            except SuggestionRefused as refused:
                db.session.rollback()
                outcome["second"] = refused.status
            second_done.set()

    threads = [threading.Thread(target=first_editor), threading.Thread(target=second_editor)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert outcome["second"] == 409
    with app.app_context():
        row = db.session.get(QuestionSuggestion, suggestion_id)
        assert (row.state, row.decline_reason) == (SuggestionState.ACCEPTED, None)
        assert db.session.scalar(select(func.count()).select_from(Question)) == 2

"""The same request sent twice at the same moment (a second click, a mail client fetching a
link as the member follows it): the second finds what the first stored, never a 500.

Each check-then-store service is run twice, interleaved (tests/interleaving.py): the
second checks while the first has stored its row and not yet committed, then stores its
own and meets the database's unique rule. It must end as a repeat of the first: the same
result, or the refusal the member would have read had they sent it after.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from community.accounts.services import find_by_username
from community.editorial.reviewers import reviewer_profile, save_reviewer_profile
from community.editorial.services import QuestionRefused, create_question
from community.extensions import db
from community.mail.services import mail_choice, set_mail_choice
from community.models import (
    Condition,
    MailChoice,
    Question,
    QuestionFollow,
    QuestionSuggestion,
    Role,
    WatchedWord,
    WordAction,
)
from community.notifications.services import follow
from community.safety.services import WordRefused, add_word
from community.suggestions.services import SuggestionRefused, suggest
from tests.factories import make_community, make_user
from tests.interleaving import interleave

# Each of the two on a connection of its own.
pytestmark = pytest.mark.fresh_database


@dataclass(frozen=True)
class Twice:
    # What each of the two sends, told which of them it is (0 or 1).
    send: Any
    # The exception the second ends with (None: it succeeds, as a repeat).
    second_refused: type[Exception] | None
    # What is stored afterwards, read in an app context.
    stored: Any
    expected: Any


def _wren():
    return find_by_username("wren")


def _asthma() -> Condition:
    return db.session.scalar(select(Condition).where(Condition.slug == "asthma"))


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


CASES = {
    "follow a question": Twice(
        lambda which: follow(_wren(), db.session.scalar(select(Question))),
        None,
        lambda: _count(QuestionFollow),
        1,
    ),
    "choose a kind of mail": Twice(
        lambda which: set_mail_choice(
            _wren(), "reply", (MailChoice.DAILY, MailChoice.NEVER)[which]
        ),
        None,
        lambda: mail_choice(_wren().id, "reply"),
        MailChoice.NEVER,
    ),
    "save a reviewer profile": Twice(
        lambda which: save_reviewer_profile(
            find_by_username("dr_kay"),
            full_name=("Dr. Kay", "Dr. Kay Example")[which],
            credentials="MD",
            specialty="Respiratory medicine",
        ),
        None,
        lambda: reviewer_profile(find_by_username("dr_kay")).full_name,
        "Dr. Kay Example",
    ),
    "watch a word": Twice(
        lambda which: add_word("miracle cure", WordAction.BLOCK),
        WordRefused,
        lambda: db.session.scalars(
            select(WatchedWord.word).where(WatchedWord.word.like("%miracle%"))
        ).all(),
        ["miracle cure"],
    ),
    "add a question": Twice(
        lambda which: create_question(find_by_username("dr_kay"), "asthma", "Does it pass?"),
        QuestionRefused,
        lambda: _count(Question),
        2,
    ),
    "suggest a question": Twice(
        lambda which: suggest(_wren(), _asthma(), "Does cold air make it worse?"),
        SuggestionRefused,
        lambda: _count(QuestionSuggestion),
        1,
    ),
}


@pytest.mark.parametrize("case", CASES, ids=CASES.keys())
def test_the_same_request_twice_at_once_ends_as_a_repeat(app: Flask, case: str):
    make_community(app)
    make_user(app, "dr_kay", roles=(Role.EDITOR, Role.REVIEWER))
    twice = CASES[case]

    first, second = interleave(app, lambda: twice.send(0), lambda: twice.send(1))

    assert first.error is None
    if twice.second_refused is None:
        assert second.error is None
    else:
        assert isinstance(second.error, twice.second_refused)
    with app.app_context():
        assert twice.stored() == twice.expected

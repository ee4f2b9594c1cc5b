"""Counts follow every state change, and ``recount`` verifies and repairs them."""

import pytest
from sqlalchemy import update

from community.extensions import db
from community.models import Condition, Question
from community.posts.states import PostAction
from tests.factories import make_condition, make_membership, make_post, make_question, make_user
from tests.state import community_counts


@pytest.fixture
def community(app):
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    author = make_user(app, "wren")
    make_membership(app, author, condition_id)
    return condition_id, question_id, author


@pytest.mark.parametrize(
    ("actions", "contributions"),
    [
        ((), 0),
        ((PostAction.APPROVE,), 1),
        ((PostAction.REJECT,), 0),
        ((PostAction.APPROVE, PostAction.REMOVE), 0),
        ((PostAction.APPROVE, PostAction.REMOVE, PostAction.RESTORE), 1),
        ((PostAction.APPROVE, PostAction.DELETE), 0),
        ((PostAction.DELETE,), 0),
    ],
)
def test_experience_counts_follow_its_state(app, community, actions, contributions):
    condition_id, question_id, author = community
    make_post(app, author, question_id=question_id, actions=actions)
    assert community_counts(app, condition_id, question_id) == (1, contributions, contributions)


def test_an_approved_reply_is_a_contribution_but_not_a_sharer(app, community):
    condition_id, question_id, author = community
    experience = make_post(app, author, question_id=question_id)
    make_post(app, author, parent_id=experience)
    assert community_counts(app, condition_id, question_id) == (1, 2, 1)


def test_recount_finds_exact_counts(app, runner, community):
    _, question_id, author = community
    make_post(app, author, question_id=question_id)
    result = runner.invoke(args=["recount"])
    assert result.exit_code == 0
    assert "All counts are exact." in result.output


def test_recount_exits_1_on_drift_and_fix_repairs_it(app, runner, community):
    condition_id, question_id, author = community
    make_post(app, author, question_id=question_id)
    with app.app_context():
        db.session.execute(update(Condition).values(member_count=7, contribution_count=0))
        db.session.execute(update(Question).values(sharer_count=3))
        db.session.commit()

    found = runner.invoke(args=["recount"])
    assert found.exit_code == 1
    assert "members of asthma" in found.output and "stored 7, actual 1" in found.output
    assert "sharers of what-causes-it" in found.output

    fixed = runner.invoke(args=["recount", "--fix"])
    assert fixed.exit_code == 0
    assert "Repaired 3 counts." in fixed.output
    assert community_counts(app, condition_id, question_id) == (1, 1, 1)
    assert runner.invoke(args=["recount"]).exit_code == 0

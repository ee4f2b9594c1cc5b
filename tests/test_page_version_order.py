"""A writing transaction moves its pages' versions once, after every other row it writes,
whatever its savepoints do.

Nearly every write moves the directory's version: if a transaction locked those rows and
then waited for another row, two writers could each hold what the other waits for. Moved
last and in one order, they are never held by a writer that still waits. And a savepoint
rolled back midway forgets nothing the transaction wrote before it.
"""

from community.database import insert_unless_duplicate
from community.extensions import db
from community.memberships import join
from community.models import Condition, Membership, Post, Relation, User
from community.posts import services as posts
from community.posts.states import PostAction
from tests.factories import make_condition, make_member, make_post, make_question, make_user
from tests.querycount import count_queries

QUESTION_URL = "/conditions/asthma/questions/what-causes-it"

_WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(statements: list[str]) -> list[str]:
    return [s.lstrip() for s in statements if s.lstrip().upper().startswith(_WRITES)]


def test_a_savepoint_released_midway_moves_no_version(app):
    condition_id = make_condition(app)
    wren = make_user(app, "wren")
    with app.app_context():
        member = db.session.get(User, wren)
        condition = db.session.get(Condition, condition_id)
        with count_queries(app) as statements:
            # The membership is stored in a savepoint; the member count after it.
            join(member, condition, Relation.PATIENT)
            db.session.commit()

    writes = _writes(statements)
    versions = [s for s in writes if s.startswith("INSERT INTO page_versions")]
    assert len(versions) == 1, "\n".join(writes)
    assert writes[-1] == versions[0], "\n".join(writes)
    assert any(s.startswith("UPDATE conditions") for s in writes)


def test_a_savepoint_rolled_back_keeps_what_the_transaction_wrote_before_it(app):
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    wren = make_member(app, condition_id, "wren")
    post_id = make_post(app, wren, question_id=question_id, text="Waiting.", actions=())
    visitor = app.test_client()
    assert "Waiting." not in visitor.get(QUESTION_URL).text  # now cached

    with app.app_context():
        post = db.session.get(Post, post_id)
        posts.apply_action(post, PostAction.APPROVE, actor=None)
        # A second membership for Wren breaks the unique rule: its savepoint rolls back,
        # the transaction goes on and commits the approval.
        again = Membership(user_id=wren, condition_id=condition_id, relation=Relation.PATIENT)
        assert not insert_unless_duplicate(again)
        db.session.commit()

    assert "Waiting." in visitor.get(QUESTION_URL).text


def test_a_transaction_rolled_back_moves_nothing_later(app):
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    wren = make_member(app, condition_id, "wren")
    post_id = make_post(app, wren, question_id=question_id, actions=())
    with app.app_context():
        posts.apply_action(db.session.get(Post, post_id), PostAction.APPROVE, actor=None)
        db.session.rollback()
        with count_queries(app) as statements:
            db.session.commit()
    assert not [s for s in statements if "page_versions" in s]

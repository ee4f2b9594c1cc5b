"""A write the database refuses on a rule the service did not check itself (a row it
refers to deleted at that moment): a 409 that says nothing was saved, never a 500, and
never mistaken for the row being there already."""

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from community import memberships
from community.database import insert_unless_duplicate, is_unique_violation
from community.extensions import db
from community.models import Condition, Membership, Relation
from community.site.views import CHANGED_MEANWHILE
from tests.factories import make_condition, make_membership, make_user
from tests.web import csrf_token, log_in


def _refusal(statement_or_row) -> IntegrityError:
    with pytest.raises(IntegrityError) as refused, db.session.begin_nested():
        db.session.add(statement_or_row)
        db.session.flush()
    return refused.value


def _membership(user_id: int, condition_id: int) -> Membership:
    return Membership(user_id=user_id, condition_id=condition_id, relation=Relation.PATIENT)


def test_a_broken_unique_rule_is_told_apart_from_a_row_referred_to_being_gone(app):
    wren, asthma = make_user(app, "wren"), make_condition(app)
    make_membership(app, wren, asthma)
    with app.app_context():
        assert is_unique_violation(_refusal(_membership(wren, asthma)))
        assert not is_unique_violation(_refusal(_membership(999_999, asthma)))
        db.session.rollback()


def test_an_insert_unless_duplicate_refused_for_another_reason_is_raised(app):
    wren, asthma = make_user(app, "wren"), make_condition(app)
    make_membership(app, wren, asthma)
    with app.app_context():
        assert not insert_unless_duplicate(_membership(wren, asthma))
        with pytest.raises(IntegrityError):
            insert_unless_duplicate(_membership(999_999, asthma))
        db.session.rollback()


def test_a_write_refused_by_the_database_is_a_409_that_saved_nothing(app, client, monkeypatch):
    condition_id = make_condition(app)
    make_user(app, "wren")
    log_in(client, "wren")
    token = csrf_token(client, "/conditions/asthma")
    join = memberships.join

    def join_after_the_condition_went(member, condition, relation):
        # The condition's row disappears in the moment before the member's row is stored.
        db.session.execute(delete(Condition).where(Condition.id == condition.id))
        return join(member, condition, relation)

    monkeypatch.setattr(memberships, "join", join_after_the_condition_went)
    response = client.post(
        "/conditions/asthma/join",
        data={"relation": Relation.PATIENT.value, "csrf_token": token},
    )

    assert response.status_code == 409
    assert CHANGED_MEANWHILE in response.text.replace("\n", " ")
    with app.app_context():
        assert db.session.get(Condition, condition_id) is not None
        assert db.session.scalar(select(func.count()).select_from(Membership)) == 0

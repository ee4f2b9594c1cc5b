"""Joining at the service level: one membership, one count, in one transaction."""

from sqlalchemy import func, select

from community import memberships
from community.extensions import db
from community.models import Condition, Membership, Relation, User
from tests.factories import make_condition, make_user


def _state(app, condition_id: int) -> tuple[int, int]:
    with app.app_context():
        stored = db.session.scalar(select(func.count()).select_from(Membership))
        return stored, db.session.get(Condition, condition_id).member_count


def test_a_join_rolled_back_leaves_neither_membership_nor_count(app):
    condition_id = make_condition(app)
    wren = make_user(app, "wren")
    with app.app_context():
        condition = db.session.get(Condition, condition_id)
        memberships.join(db.session.get(User, wren), condition, Relation.PATIENT)
        db.session.rollback()

    assert _state(app, condition_id) == (0, 0)


def test_a_join_racing_another_for_the_same_member_counts_once(app, monkeypatch):
    condition_id = make_condition(app)
    wren = make_user(app, "wren")
    with app.app_context():
        user, condition = db.session.get(User, wren), db.session.get(Condition, condition_id)
        memberships.join(user, condition, Relation.PATIENT)
        db.session.commit()

        real_lookup = memberships.membership_of
        lookups = []

        def looked_too_early(*args):
            # The second request looked before the first one committed.
            lookups.append(args)
            return None if len(lookups) == 1 else real_lookup(*args)

        monkeypatch.setattr(memberships, "membership_of", looked_too_early)
        membership = memberships.join(user, condition, Relation.CAREGIVER)
        db.session.commit()
        assert membership.user_id == wren

    assert _state(app, condition_id) == (1, 1)

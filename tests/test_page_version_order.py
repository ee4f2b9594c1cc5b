"""A writing transaction moves its pages' versions once, after every other row it writes.

Nearly every write moves the directory's version: if a transaction locked those rows and
then waited for another row, two writers could each hold what the other waits for. Moved
last and in one order, they are never held by a writer that still waits.
"""

from community.extensions import db
from community.memberships import join
from community.models import Condition, Relation, User
from tests.factories import make_condition, make_user
from tests.querycount import count_queries

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

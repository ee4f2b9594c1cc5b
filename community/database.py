"""What writing rows needs beyond the session: storing a row that may already exist."""

from sqlalchemy.exc import IntegrityError

from community.extensions import db


def insert_unless_duplicate(row: db.Model) -> bool:
    """Store ``row`` in a savepoint; return False, storing nothing, if it breaks a unique rule.

    The callers check for an existing row first; this settles the race in which a
    concurrent request stores the same row between that check and this insert.
    """
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError:
        return False
    return True

"""Read the whole database, to show that a refused request changed nothing."""

from flask import Flask
from sqlalchemy import select

from community.extensions import db


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

"""Session tokens for accounts, and account ids that SQLite never hands out twice.

Cookies name an account by ``users.session_token`` instead of its id; every existing
account gets a token of its own, so sessions signed in before the upgrade end and
members log in once more. On SQLite, ``users`` is rebuilt with AUTOINCREMENT, so that a
deleted account's id is never given to the next account (PostgreSQL's sequence never
reuses one anyway).

Revision ID: m6_session_tokens
Revises: m5_performance
Create Date: 2026-11-28 10:00:00.000000

"""

import secrets

import sqlalchemy as sa
from alembic import op

from community.schema_changes import sqlite_foreign_keys_off

# revision identifiers, used by Alembic.
revision = "m6_session_tokens"
down_revision = "m5_performance"
branch_labels = None
depends_on = None


def _give_every_account_a_token() -> None:
    connection = op.get_bind()
    ids = connection.scalars(sa.text("SELECT id FROM users")).all()
    if ids:
        connection.execute(
            sa.text("UPDATE users SET session_token = :token WHERE id = :id"),
            [{"id": user_id, "token": secrets.token_urlsafe(32)} for user_id in ids],
        )


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))
    _give_every_account_a_token()
    # Only a rebuilt SQLite table takes AUTOINCREMENT; PostgreSQL alters in place.
    sqlite = op.get_bind().dialect.name == "sqlite"
    with (
        sqlite_foreign_keys_off(),
        op.batch_alter_table(
            "users",
            schema=None,
            recreate="always" if sqlite else "auto",
            table_kwargs={"sqlite_autoincrement": True},
        ) as batch_op,
    ):
        batch_op.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(op.f("uq_users_session_token"), ["session_token"])


def downgrade():
    with sqlite_foreign_keys_off(), op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("uq_users_session_token"), type_="unique")
        batch_op.drop_column("session_token")

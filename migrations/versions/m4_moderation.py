"""Moderation: posts hidden by reports, open-ended suspensions, notifications, the edit queue.

Revision ID: m4_moderation
Revises: c93625a02e8d
Create Date: 2026-11-27 09:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

from community.schema_changes import sqlite_foreign_keys_off

# revision identifiers, used by Alembic.
revision = "m4_moderation"
down_revision = "c93625a02e8d"
branch_labels = None
depends_on = None

STATES_BEFORE = ("pending", "approved", "rejected", "removed", "deleted")
STATES_AFTER = ("pending", "approved", "rejected", "removed", "hidden", "deleted")


def _state_check(states: tuple[str, ...]) -> str:
    return "state IN ({})".format(", ".join(f"'{state}'" for state in states))


def _replace_state_check(states: tuple[str, ...]) -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_posts_post_state"), type_="check")
        batch_op.create_check_constraint(op.f("ck_posts_post_state"), _state_check(states))


def upgrade():
    with sqlite_foreign_keys_off():
        _upgrade()


def downgrade():
    with sqlite_foreign_keys_off():
        _downgrade()


def _upgrade():
    _replace_state_check(STATES_AFTER)
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_posts_pending_edits",
            ["updated_at"],
            unique=False,
            sqlite_where=sa.text("pending_markdown IS NOT NULL"),
            postgresql_where=sa.text("pending_markdown IS NOT NULL"),
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suspended_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_moderation_events_subject_user_id_created_at",
            ["subject_user_id", "created_at"],
            unique=False,
        )


def _downgrade():
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        batch_op.drop_index("ix_moderation_events_subject_user_id_created_at")
        batch_op.drop_column("ends_at")
    # An open-ended suspension had no end date before; keep it in force for ten years.
    op.execute(
        "UPDATE users SET suspended_until = suspended_at + INTERVAL '3650 days'"
        " WHERE suspended_at IS NOT NULL AND suspended_until IS NULL"
        if op.get_bind().dialect.name == "postgresql"
        else "UPDATE users SET suspended_until = datetime(suspended_at, '+3650 days')"
        " WHERE suspended_at IS NOT NULL AND suspended_until IS NULL"
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("suspended_at")
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index("ix_posts_pending_edits")
    # Without a hidden state, a hidden post stays out of view as removed; neither counts.
    op.execute("UPDATE posts SET state = 'removed' WHERE state = 'hidden'")
    _replace_state_check(STATES_BEFORE)

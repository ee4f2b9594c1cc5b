"""Appeals withdrawn: an appeal whose post its author deleted is closed, not left open.

Revision ID: m19_appeals_withdrawn
Revises: m18_reports_by_reporter
Create Date: 2026-11-29 21:00:00.000000

Appeals already open on a post its author has deleted are withdrawn, as the author's
deletion now does: there is nothing left to publish again.
"""

import sqlalchemy as sa
from alembic import op

from community.schema_changes import sqlite_foreign_keys_off

# revision identifiers, used by Alembic.
revision = "m19_appeals_withdrawn"
down_revision = "m18_reports_by_reporter"
branch_labels = None
depends_on = None

BEFORE = ("open", "upheld", "reversed")
AFTER = (*BEFORE, "withdrawn")


def _longest(values: tuple[str, ...]) -> int:
    return max(len(value) for value in values)


def _statuses(values: tuple[str, ...], was: tuple[str, ...]) -> None:
    """The checked status column: ``values`` allowed where ``was`` were."""
    with op.batch_alter_table("appeals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_appeals_appeal_status"), type_="check")
        batch_op.alter_column(
            "status",
            existing_type=sa.String(length=_longest(was)),
            type_=sa.String(length=_longest(values)),
            existing_nullable=False,
        )
        listed = ", ".join(f"'{value}'" for value in values)
        batch_op.create_check_constraint(
            batch_op.f("ck_appeals_appeal_status"), f"status IN ({listed})"
        )


def upgrade():
    with sqlite_foreign_keys_off():
        _statuses(AFTER, was=BEFORE)
    op.execute(
        "UPDATE appeals SET status = 'withdrawn', decided_at = CURRENT_TIMESTAMP,"
        " decided_by_id = author_id"
        " WHERE status = 'open' AND post_id IN (SELECT id FROM posts WHERE state = 'deleted')"
    )


def downgrade():
    # Before this revision a withdrawn appeal stayed open.
    op.execute(
        "UPDATE appeals SET status = 'open', decided_at = NULL, decided_by_id = NULL"
        " WHERE status = 'withdrawn'"
    )
    with sqlite_foreign_keys_off():
        _statuses(BEFORE, was=AFTER)

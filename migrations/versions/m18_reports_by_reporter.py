"""Reports found by their reporter: whether a member reported any post on a question is read
on every question page they open, and their own data lists their reports.

Revision ID: m18_reports_by_reporter
Revises: m17_condition_slug_aliases
Create Date: 2026-11-29 10:40:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "m18_reports_by_reporter"
down_revision = "m17_condition_slug_aliases"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index("ix_reports_reporter_id", ["reporter_id"], unique=False)


def downgrade():
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index("ix_reports_reporter_id")

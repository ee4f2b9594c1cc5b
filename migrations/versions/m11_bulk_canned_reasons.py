"""Canned reasons: the reasons admins keep ready for moderators' decisions.

A new table, empty after the upgrade; nothing existing changes.

Revision ID: m11_bulk_canned_reasons
Revises: m10_mail_and_verified_emails
Create Date: 2026-11-29 00:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "m11_bulk_canned_reasons"
down_revision = "m10_mail_and_verified_emails"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "canned_reasons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_canned_reasons")),
    )


def downgrade():
    op.drop_table("canned_reasons")

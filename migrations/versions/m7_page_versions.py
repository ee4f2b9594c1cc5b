"""Versions of what visitors see, one row per scope, for the whole-page cache.

Existing rows are untouched; the table starts empty (every scope at version 0), and
each change to a condition, question, post, summary, membership or username moves the
versions of the pages that show it.

Revision ID: m7_page_versions
Revises: m6_session_tokens
Create Date: 2026-12-01 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "m7_page_versions"
down_revision = "m6_session_tokens"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "page_versions",
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_page_versions")),
    )


def downgrade():
    op.drop_table("page_versions")

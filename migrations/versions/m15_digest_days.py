"""The day each member was last sent their daily digest.

Revision ID: m15_digest_days
Revises: m14_question_suggestions
Create Date: 2026-11-29 03:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "m15_digest_days"
down_revision = "m14_question_suggestions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "digest_days",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_digest_days_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_digest_days")),
    )


def downgrade():
    op.drop_table("digest_days")

"""A covering index for the badge shown beside each post.

Revision ID: m5_performance
Revises: m4_moderation
Create Date: 2026-11-25 18:45:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "m5_performance"
down_revision = "m4_moderation"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(
            "ix_memberships_user_condition_relation",
            ["user_id", "condition_id", "relation"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_index("ix_memberships_user_condition_relation")

"""A condition's earlier slugs, kept so that its old addresses redirect to the current one.

Revision ID: m17_condition_slug_aliases
Revises: m16_helped_marks
Create Date: 2026-11-29 04:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "m17_condition_slug_aliases"
down_revision = "m16_helped_marks"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "condition_slug_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("old_slug", sa.String(length=120), nullable=False),
        sa.Column("condition_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["condition_id"],
            ["conditions.id"],
            name=op.f("fk_condition_slug_aliases_condition_id_conditions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_condition_slug_aliases")),
        sa.UniqueConstraint("old_slug", name=op.f("uq_condition_slug_aliases_old_slug")),
    )
    with op.batch_alter_table("condition_slug_aliases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_condition_slug_aliases_condition_id"), ["condition_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("condition_slug_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_condition_slug_aliases_condition_id"))
    op.drop_table("condition_slug_aliases")

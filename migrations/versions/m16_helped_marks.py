"""Members mark experiences that helped them; each experience keeps their number.

Revision ID: m16_helped_marks
Revises: m15_digest_days
Create Date: 2026-11-29 03:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "m16_helped_marks"
down_revision = "m15_digest_days"
branch_labels = None
depends_on = None


def upgrade():
    # Added in place: rebuilding ``posts`` on SQLite would drop the triggers that keep the
    # search index, and cascade the DROP of its old copy to replies and reports.
    op.add_column(
        "posts",
        sa.Column("helped_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )
    op.create_table(
        "helped_marks",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_helped_marks_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_helped_marks_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "post_id", name=op.f("pk_helped_marks")),
    )
    with op.batch_alter_table("helped_marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_helped_marks_post_id"), ["post_id"], unique=False)


def downgrade():
    with op.batch_alter_table("helped_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_helped_marks_post_id"))
    op.drop_table("helped_marks")
    # In place, as it was added (SQLite 3.35 and later drop columns in place).
    op.drop_column("posts", "helped_count")

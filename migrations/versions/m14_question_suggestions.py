"""Questions members suggest, and notifications of an editor's answer to one.

Revision ID: m14_question_suggestions
Revises: m13_notifications
Create Date: 2026-11-29 03:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "m14_question_suggestions"
down_revision = "m13_notifications"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "question_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("condition_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="suggestion_state",
                native_enum=False,
                create_constraint=True,
                length=8,
            ),
            server_default="pending",
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_question_suggestions_author_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["condition_id"],
            ["conditions.id"],
            name=op.f("fk_question_suggestions_condition_id_conditions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_question_suggestions_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_question_suggestions_question_id_questions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_suggestions")),
    )
    with op.batch_alter_table("question_suggestions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_question_suggestions_state_condition_id", ["state", "condition_id"], unique=False
        )
        batch_op.create_index("ix_question_suggestions_author_id", ["author_id"], unique=False)

    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.alter_column("question_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("suggestion_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_notifications_suggestion_id_question_suggestions"),
            "question_suggestions",
            ["suggestion_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(
            batch_op.f("ix_notifications_suggestion_id"), ["suggestion_id"], unique=False
        )


def downgrade():
    op.execute("DELETE FROM notifications WHERE question_id IS NULL")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_suggestion_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_notifications_suggestion_id_question_suggestions"), type_="foreignkey"
        )
        batch_op.drop_column("suggestion_id")
        batch_op.alter_column("question_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("question_suggestions", schema=None) as batch_op:
        batch_op.drop_index("ix_question_suggestions_author_id")
        batch_op.drop_index("ix_question_suggestions_state_condition_id")
    op.drop_table("question_suggestions")

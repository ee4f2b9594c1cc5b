"""Medical review as a workflow: revision states, sign-offs, reviewer profiles, editorial audit.

Revision ID: m9_editorial_review
Revises: m8_search
Create Date: 2026-11-28 23:55:00.000000

Existing revisions have no reviewer account behind them. A revision that names a reviewer
and a review date keeps that as a legacy sign-off record and stays published; one that
does not (an import with no reviewer, for instance) becomes a draft, so the question page
says "No reviewed summary yet" until a reviewer signs a revision off. Nothing unsigned is
ever labelled reviewed.
"""

import sqlalchemy as sa
from alembic import op

from community.schema_changes import sqlite_foreign_keys_off

# revision identifiers, used by Alembic.
revision = "m9_editorial_review"
down_revision = "m8_search"
branch_labels = None
depends_on = None

STATES = ("draft", "submitted", "returned", "published")


def upgrade():
    with sqlite_foreign_keys_off():
        _upgrade()


def downgrade():
    with sqlite_foreign_keys_off():
        _downgrade()


def _upgrade():
    op.create_table(
        "reviewer_profiles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("credentials", sa.String(length=200), nullable=False),
        sa.Column("specialty", sa.String(length=200), nullable=False),
        sa.Column("registration_number", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_reviewer_profiles_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_reviewer_profiles")),
    )
    with op.batch_alter_table("summary_revisions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "state",
                sa.Enum(
                    *STATES,
                    name="revision_state",
                    native_enum=False,
                    create_constraint=True,
                    length=9,
                ),
                server_default="draft",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("change_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("signed_off_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("signed_off_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("return_reason", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_summary_revisions_signed_off_by_id_users"),
            "users",
            ["signed_off_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            "ix_summary_revisions_state_question_id", ["state", "question_id"], unique=False
        )
    # The legacy sign-off record: a named reviewer and a date, written before accounts.
    op.execute(
        "UPDATE summary_revisions SET state = 'published'"
        " WHERE reviewer_name IS NOT NULL AND TRIM(reviewer_name) <> ''"
        " AND reviewed_on IS NOT NULL"
    )
    # A draft names no reviewer: what it says about review was never signed.
    op.execute(
        "UPDATE summary_revisions SET reviewer_name = NULL, reviewer_credentials = NULL,"
        " reviewed_on = NULL WHERE state = 'draft'"
    )
    with op.batch_alter_table("summary_revisions", schema=None) as batch_op:
        batch_op.create_check_constraint(
            batch_op.f("ck_summary_revisions_published_is_signed"),
            "state <> 'published' OR (reviewer_name IS NOT NULL AND reviewed_on IS NOT NULL)",
        )
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("question_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("summary_revision_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_moderation_events_question_id_questions"),
            "questions",
            ["question_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_moderation_events_summary_revision_id_summary_revisions"),
            "summary_revisions",
            ["summary_revision_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            "ix_moderation_events_summary_revision_id", ["summary_revision_id"], unique=False
        )


def _downgrade():
    # Before this revision every revision was public: drop the ones never published, so
    # that no draft becomes visible on the way down.
    op.execute(
        "DELETE FROM moderation_events WHERE summary_revision_id IN"
        " (SELECT id FROM summary_revisions WHERE state <> 'published')"
    )
    op.execute("DELETE FROM summary_revisions WHERE state <> 'published'")
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        batch_op.drop_index("ix_moderation_events_summary_revision_id")
        batch_op.drop_constraint(
            batch_op.f("fk_moderation_events_summary_revision_id_summary_revisions"),
            type_="foreignkey",
        )
        batch_op.drop_constraint(
            batch_op.f("fk_moderation_events_question_id_questions"), type_="foreignkey"
        )
        batch_op.drop_column("summary_revision_id")
        batch_op.drop_column("question_id")
    with op.batch_alter_table("summary_revisions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_summary_revisions_published_is_signed"), type_="check"
        )
        batch_op.drop_index("ix_summary_revisions_state_question_id")
        batch_op.drop_constraint(
            batch_op.f("fk_summary_revisions_signed_off_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("return_reason")
        batch_op.drop_column("signed_off_at")
        batch_op.drop_column("signed_off_by_id")
        batch_op.drop_column("submitted_at")
        batch_op.drop_column("change_note")
        batch_op.drop_constraint(batch_op.f("ck_summary_revisions_revision_state"), type_="check")
        batch_op.drop_column("state")
    op.drop_table("reviewer_profiles")

"""Mail: the outbox, members' mail choices, verified email addresses, unsubscribe keys.

Accounts that exist before this revision are taken as verified (they were created
before addresses were checked), and each gets an unsubscribe key of its own.

Revision ID: m10_mail_and_verified_emails
Revises: m9_editorial_review
Create Date: 2026-11-29 00:30:00.000000

"""

import secrets

import sqlalchemy as sa
from alembic import op

from community.schema_changes import sqlite_foreign_keys_off

# revision identifiers, used by Alembic.
revision = "m10_mail_and_verified_emails"
down_revision = "m9_editorial_review"
branch_labels = None
depends_on = None


def _users_table():
    """Alter ``users``, keeping SQLite's AUTOINCREMENT when the table is rebuilt."""
    return op.batch_alter_table("users", schema=None, table_kwargs={"sqlite_autoincrement": True})


def _give_every_account_a_key_and_verify_it() -> None:
    connection = op.get_bind()
    ids = connection.scalars(sa.text("SELECT id FROM users")).all()
    if ids:
        connection.execute(
            sa.text(
                "UPDATE users SET unsubscribe_key = :key, email_verified_at = created_at"
                " WHERE id = :id"
            ),
            [{"id": user_id, "key": secrets.token_urlsafe(24)} for user_id in ids],
        )


def upgrade():
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("text_body", sa.Text(), nullable=False),
        sa.Column("html_body", sa.Text(), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("unsubscribe_url", sa.String(length=2000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_outbox_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbox_message_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_due", ["sent_at", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_user_id"), ["user_id"], unique=False)

    op.create_table(
        "mail_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column(
            "choice",
            sa.Enum(
                "immediately",
                "daily",
                "never",
                name="mail_choice",
                native_enum=False,
                create_constraint=True,
                length=11,
            ),
            nullable=False,
        ),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_mail_preferences_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "kind", name=op.f("pk_mail_preferences")),
    )

    with sqlite_foreign_keys_off(), _users_table() as batch_op:
        batch_op.add_column(
            sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("unsubscribe_key", sa.String(length=40), nullable=True))
    _give_every_account_a_key_and_verify_it()
    with sqlite_foreign_keys_off(), _users_table() as batch_op:
        batch_op.alter_column("unsubscribe_key", existing_type=sa.String(length=40), nullable=False)


def downgrade():
    with sqlite_foreign_keys_off(), _users_table() as batch_op:
        batch_op.drop_column("unsubscribe_key")
        batch_op.drop_column("email_verified_at")
    op.drop_table("mail_preferences")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_user_id"))
        batch_op.drop_index("ix_outbox_due")
    op.drop_table("outbox")

"""Watched words and crisis phrases, what was found of them in posts, guidelines, appeals.

Existing posts get no findings (nothing was looked for when they were written). The
crisis phrases start from an English list admins can change at /admin/crisis-phrases.

Revision ID: m12_safety_watched_words
Revises: m11_bulk_canned_reasons
Create Date: 2026-11-29 01:00:00.000000

"""

import re
import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "m12_safety_watched_words"
down_revision = "m11_bulk_canned_reasons"
branch_labels = None
depends_on = None

# Phrases of self-harm or suicide intent; a copy, so that the migration never changes with
# the code (community/safety/words.py keeps the list the code knows).
DEFAULT_CRISIS_PHRASES = (
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "take my own life",
    "want to die",
    "wish I was dead",
    "suicide",
    "suicidal",
    "self harm",
    "self-harming",
    "hurt myself",
    "no reason to live",
    "better off dead",
    "overdose on purpose",
)


def _key(phrase: str) -> str:
    """As community.safety.words.word_key: its words, case-folded, one space apart."""
    return " ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", phrase).casefold()))


def upgrade():
    watched = op.create_table(
        "watched_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=200), nullable=False),
        sa.Column("word_key", sa.String(length=200), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "block",
                "require_approval",
                "flag",
                "crisis",
                name="word_action",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watched_words")),
        sa.UniqueConstraint("word_key", name=op.f("uq_watched_words_word_key")),
    )
    op.create_table(
        "site_texts",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("body_markdown", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["users.id"],
            name=op.f("fk_site_texts_updated_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_site_texts")),
    )
    op.create_table(
        "appeals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "upheld",
                "reversed",
                name="appeal_status",
                native_enum=False,
                create_constraint=True,
                length=8,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_appeals_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_appeals_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["moderation_events.id"],
            name=op.f("fk_appeals_event_id_moderation_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_appeals_post_id_posts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appeals")),
        sa.UniqueConstraint("event_id", name=op.f("uq_appeals_event_id")),
    )
    with op.batch_alter_table("appeals", schema=None) as batch_op:
        batch_op.create_index(
            "ix_appeals_open_created_at",
            ["created_at"],
            unique=False,
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        )
        batch_op.create_index("ix_appeals_post_id", ["post_id"], unique=False)
    # Added in place (no table rebuild): the defaults fill every existing post.
    op.add_column(
        "posts",
        sa.Column("watched_words", sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
    )
    op.add_column(
        "posts",
        sa.Column("possible_crisis", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    created = datetime.now(UTC)
    if op.get_bind().dialect.name == "sqlite":
        # As community.models.types.UTCDateTime stores it there.
        created = created.replace(tzinfo=None)
    op.bulk_insert(
        watched,
        [
            {"word": phrase, "word_key": _key(phrase), "action": "crisis", "created_at": created}
            for phrase in DEFAULT_CRISIS_PHRASES
        ],
    )


def downgrade():
    # In place, as they were added: rebuilding ``posts`` on SQLite would cascade the DROP of
    # its old copy to every report and reply (SQLite 3.35 and later drop columns in place).
    op.drop_column("posts", "possible_crisis")
    op.drop_column("posts", "watched_words")
    with op.batch_alter_table("appeals", schema=None) as batch_op:
        batch_op.drop_index("ix_appeals_post_id")
        batch_op.drop_index("ix_appeals_open_created_at")
    op.drop_table("appeals")
    op.drop_table("site_texts")
    op.drop_table("watched_words")

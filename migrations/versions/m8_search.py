"""Search: the documents search finds, each engine's full-text index, condition synonyms.

``search_documents`` holds one row per approved post (written by triggers on ``posts``)
and per question's shown summary revision (written by the application). SQLite indexes
it with an FTS5 table kept by triggers; PostgreSQL with a generated ``tsvector`` column
and a GIN index. Existing posts and summaries are indexed here.

The engine statements are copied from community/models/search_index.py as they were when
this revision was written, so that the revision stays what it was if that file changes.

Revision ID: m8_search
Revises: m7_page_versions
Create Date: 2026-12-02 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "m8_search"
down_revision = "m7_page_versions"
branch_labels = None
depends_on = None

_POST_DOCUMENT = """
    INSERT INTO search_documents
        (kind, post_id, condition_id, question_id, text, published_at)
    SELECT NEW.kind, NEW.id, NEW.condition_id, NEW.question_id, NEW.body_markdown,
        COALESCE(NEW.approved_at, NEW.created_at)
    WHERE NEW.state = 'approved'"""

SQLITE = (
    "CREATE VIRTUAL TABLE search_documents_fts USING fts5(text, content='search_documents',"
    " content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_documents_fts_insert AFTER INSERT ON search_documents BEGIN"
    " INSERT INTO search_documents_fts (rowid, text) VALUES (NEW.id, NEW.text); END",
    "CREATE TRIGGER search_documents_fts_delete AFTER DELETE ON search_documents BEGIN"
    " INSERT INTO search_documents_fts (search_documents_fts, rowid, text)"
    " VALUES ('delete', OLD.id, OLD.text); END",
    "CREATE TRIGGER search_documents_fts_update AFTER UPDATE ON search_documents BEGIN"
    " INSERT INTO search_documents_fts (search_documents_fts, rowid, text)"
    " VALUES ('delete', OLD.id, OLD.text);"
    " INSERT INTO search_documents_fts (rowid, text) VALUES (NEW.id, NEW.text); END",
    f"CREATE TRIGGER search_index_new_post AFTER INSERT ON posts BEGIN {_POST_DOCUMENT}; END",
    "CREATE TRIGGER search_index_changed_post"  # nosec B608  # constant SQL, nothing typed in it
    " AFTER UPDATE OF state, body_markdown, approved_at ON posts BEGIN"
    f" DELETE FROM search_documents WHERE post_id = OLD.id; {_POST_DOCUMENT}; END",
)

POSTGRESQL = (
    "ALTER TABLE search_documents ADD COLUMN text_search tsvector"
    " GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED",
    "CREATE INDEX ix_search_documents_text_search ON search_documents USING gin (text_search)",
    "CREATE OR REPLACE FUNCTION search_index_post() RETURNS trigger LANGUAGE plpgsql AS $$"  # nosec B608  # constant SQL, nothing typed in it
    " BEGIN"
    " IF TG_OP = 'UPDATE' THEN DELETE FROM search_documents WHERE post_id = OLD.id; END IF;"
    f" {_POST_DOCUMENT};"
    " RETURN NULL;"
    " END $$",
    "CREATE TRIGGER search_index_post"
    " AFTER INSERT OR UPDATE OF state, body_markdown, approved_at ON posts"
    " FOR EACH ROW EXECUTE FUNCTION search_index_post()",
)

BACKFILL = (
    "INSERT INTO search_documents (kind, post_id, condition_id, question_id, text, published_at)"
    " SELECT kind, id, condition_id, question_id, body_markdown,"
    " COALESCE(approved_at, created_at) FROM posts WHERE state = 'approved'",
    # The newest revision of each question's summary is the one its page shows.
    "INSERT INTO search_documents"
    " (kind, summary_revision_id, condition_id, question_id, text, published_at)"
    " SELECT 'summary', r.id, q.condition_id, q.id, r.short_answer || '\n\n' || r.body_markdown,"
    " r.created_at FROM summary_revisions r JOIN questions q ON q.id = r.question_id"
    " WHERE r.id = (SELECT MAX(n.id) FROM summary_revisions n WHERE n.question_id = q.id)",
)


def _sqlite_version() -> tuple[int, ...]:
    version = op.get_bind().dialect.dbapi.sqlite_version
    return tuple(int(part) for part in version.split("."))


def upgrade():
    with op.batch_alter_table("conditions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("synonyms", sa.JSON(), server_default="[]", nullable=False))
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("summary_revision_id", sa.Integer(), nullable=True),
        sa.Column("condition_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["condition_id"],
            ["conditions.id"],
            name=op.f("fk_search_documents_condition_id_conditions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_search_documents_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_search_documents_question_id_questions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["summary_revision_id"],
            ["summary_revisions.id"],
            name=op.f("fk_search_documents_summary_revision_id_summary_revisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
    )
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.create_index("ix_search_documents_condition_id", ["condition_id"], unique=False)
        batch_op.create_index("ix_search_documents_post_id", ["post_id"], unique=True)
        batch_op.create_index("ix_search_documents_question_id", ["question_id"], unique=False)
        batch_op.create_index(
            "ix_search_documents_summary_revision_id", ["summary_revision_id"], unique=True
        )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE if dialect == "sqlite" else POSTGRESQL:
        op.execute(statement)
    if dialect == "sqlite" and _sqlite_version() >= (3, 42):
        # A deleted document's words leave the index at once, not at the next merge.
        op.execute(
            "INSERT INTO search_documents_fts (search_documents_fts, rank)"
            " VALUES ('secure-delete', 1)"
        )
    for statement in BACKFILL:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("search_index_new_post", "search_index_changed_post"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS search_documents_fts")
    else:
        op.execute("DROP TRIGGER IF EXISTS search_index_post ON posts")
        op.execute("DROP FUNCTION IF EXISTS search_index_post()")
    op.drop_table("search_documents")
    if op.get_bind().dialect.name == "sqlite":
        # In place: a batch rebuild would drop ``conditions``, and with foreign keys on,
        # the drop would delete every question, membership and post with it.
        op.execute("ALTER TABLE conditions DROP COLUMN synonyms")
    else:
        op.drop_column("conditions", "synonyms")

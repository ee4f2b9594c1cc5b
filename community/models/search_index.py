"""Each engine's full-text index over ``search_documents``, and the triggers that fill it.

The models cannot declare these (an FTS5 virtual table, a generated ``tsvector``
column), so they are created here after ``search_documents`` for ``create_all`` and by
the migration ``m7_search`` for upgraded databases, with the same statements. What the
engines own is left out when Alembic compares the database with the models.

Posts are indexed by triggers on ``posts``: every way of changing a post's state or
text (a moderation action, an edit, a deletion, a bulk load) updates the index in the
same transaction, so a post leaves the results the moment it leaves the page.
"""

from sqlalchemy import Connection, Table, event

# What an approved post puts in the index; the same for both engines.
_POST_DOCUMENT = """
    INSERT INTO search_documents
        (kind, post_id, condition_id, question_id, text, published_at)
    SELECT NEW.kind, NEW.id, NEW.condition_id, NEW.question_id, NEW.body_markdown,
        COALESCE(NEW.approved_at, NEW.created_at)
    WHERE NEW.state = 'approved'"""

SQLITE = (
    # Stemmed English words, accents folded: "Breathing" finds "breathe".
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

POSTGRESQL_DROP = (
    "DROP TRIGGER IF EXISTS search_index_post ON posts",
    "DROP FUNCTION IF EXISTS search_index_post()",
)

# Columns and indexes Alembic must not compare with the models: the engines' own.
ENGINE_OWNED = frozenset({"text_search", "ix_search_documents_text_search"})


def is_engine_owned(name: str | None) -> bool:
    return name is not None and (name in ENGINE_OWNED or name.startswith("search_documents_fts"))


def include_name(name: str | None, type_: str, parent_names) -> bool:
    """Alembic's filter: compare everything but what the search engines own."""
    return not is_engine_owned(name)


def sqlite_secure_delete(connection: Connection) -> None:
    """Have FTS5 drop a deleted document's words from the index at once, where it can.

    SQLite 3.42 and later can; older versions keep the words (not the text) until the
    index's segments are merged.
    """
    version = tuple(int(part) for part in connection.dialect.dbapi.sqlite_version.split("."))
    if version >= (3, 42):
        connection.exec_driver_sql(
            "INSERT INTO search_documents_fts (search_documents_fts, rank)"
            " VALUES ('secure-delete', 1)"
        )


def create_engine_index(connection: Connection) -> None:
    """Create the engine's index and the triggers, after ``search_documents``."""
    if connection.dialect.name == "sqlite":
        for statement in SQLITE:
            connection.exec_driver_sql(statement)
        sqlite_secure_delete(connection)
    elif connection.dialect.name == "postgresql":
        for statement in POSTGRESQL:
            connection.exec_driver_sql(statement)


def drop_engine_index(connection: Connection) -> None:
    """Drop what the table's own DROP leaves behind: the trigger on ``posts``."""
    if connection.dialect.name == "postgresql":
        for statement in POSTGRESQL_DROP:
            connection.exec_driver_sql(statement)
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("DROP TABLE IF EXISTS search_documents_fts")


def attach(table: Table) -> None:
    """Create and drop the engine's index with ``table`` (for ``create_all``)."""
    event.listen(
        table, "after_create", lambda target, connection, **kw: create_engine_index(connection)
    )
    event.listen(
        table, "before_drop", lambda target, connection, **kw: drop_engine_index(connection)
    )

"""The two engines behind search: SQLite FTS5 and PostgreSQL full-text search.

Each returns one page of matching documents, best first, with what a result shows
(its question and condition), in one statement.
"""

from sqlalchemy import Row, bindparam, column, desc, func, literal_column, select, table
from sqlalchemy.sql.expression import ColumnElement

from community.extensions import db
from community.models import Condition, Question, SearchDocument
from community.search.query import Query

_fts = table("search_documents_fts", column("rowid"), column("rank"))
_fts_match = literal_column("search_documents_fts").op("MATCH")(bindparam("match"))


def _shown_columns():
    return (
        SearchDocument.kind,
        SearchDocument.post_id,
        SearchDocument.text,
        SearchDocument.published_at,
        Question.slug.label("question_slug"),
        Question.title.label("question_title"),
        Condition.slug.label("condition_slug"),
        Condition.name.label("condition_name"),
    )


def _joined(statement, condition_id: int | None):
    statement = statement.join(Question, Question.id == SearchDocument.question_id).join(
        Condition, Condition.id == SearchDocument.condition_id
    )
    if condition_id is not None:
        statement = statement.where(SearchDocument.condition_id == condition_id)
    return statement


def sqlite_page(query: Query, condition_id: int | None, limit: int, offset: int) -> list[Row]:
    # bm25 via FTS5's rank: smaller is better.
    statement = (
        select(*_shown_columns())
        .select_from(_fts)
        .join(SearchDocument, SearchDocument.id == _fts.c.rowid)
        .where(_fts_match)
        .order_by(_fts.c.rank, desc(SearchDocument.published_at))
        .limit(limit)
        .offset(offset)
    )
    return list(db.session.execute(_joined(statement, condition_id), {"match": query.fts5()}))


_text_search = column("text_search")


def postgresql_page(query: Query, condition_id: int | None, limit: int, offset: int) -> list[Row]:
    tsquery: ColumnElement = func.to_tsquery(
        literal_column("'english'::regconfig"), bindparam("tsquery")
    )
    matches = _text_search.op("@@")(tsquery)
    statement = (
        select(*_shown_columns())
        .select_from(SearchDocument)
        .where(matches)
        .order_by(desc(func.ts_rank_cd(_text_search, tsquery)), desc(SearchDocument.published_at))
        .limit(limit)
        .offset(offset)
    )
    return list(db.session.execute(_joined(statement, condition_id), {"tsquery": query.tsquery()}))


def find_page(query: Query, condition_id: int | None, limit: int, offset: int) -> list[Row]:
    """Return up to ``limit`` documents matching ``query`` after the first ``offset``."""
    engine = postgresql_page if db.engine.dialect.name == "postgresql" else sqlite_page
    return engine(query, condition_id, limit, offset)

"""The two engines behind search: SQLite FTS5 and PostgreSQL full-text search.

Each returns one page of matching documents, best first, with what a result shows
(its question and condition).

Ranking every match of a common word would cost as much as the word is common: across a
million posts, hundreds of thousands of documents scored and sorted for twenty results.
So each engine ranks a bounded set of candidates: the ``CANDIDATES`` most recently
indexed matching documents (highest ids), which both engines find without scoring the
rest. A word found in fewer documents has every match ranked; a more common word
shows the best of its newest matches, and its pages end after ``CANDIDATES`` results.
"""

from collections.abc import Sequence

from sqlalchemy import (
    Integer,
    Row,
    Select,
    any_,
    bindparam,
    column,
    desc,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.expression import ColumnElement

from community.extensions import db
from community.models import Condition, Question, SearchDocument
from community.search.query import Query

# Matches ranked at most, per search: the pages of a query end after this many results.
CANDIDATES = 200
# PostgreSQL first looks for candidates among this many newest documents.
NEWEST_DOCUMENTS = 10_000

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


def _shown(statement: Select) -> Select:
    return statement.join(Question, Question.id == SearchDocument.question_id).join(
        Condition, Condition.id == SearchDocument.condition_id
    )


def _within(statement: Select, condition_id: int | None) -> Select:
    if condition_id is None:
        return statement
    return statement.where(SearchDocument.condition_id == condition_id)


def _page_of(ranked, limit: int, offset: int, best_first) -> Select:
    """The page of ``ranked`` (id, rank, published_at) to show, then what it shows.

    Only the page's documents are joined to their question and condition.
    """
    order = (best_first(ranked.c.rank), desc(ranked.c.published_at), desc(ranked.c.id))
    page = (
        select(ranked.c.id, ranked.c.rank, ranked.c.published_at)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
        .subquery("page")
    )
    order = (best_first(page.c.rank), desc(page.c.published_at), desc(page.c.id))
    statement = select(*_shown_columns()).select_from(page)
    statement = statement.join(SearchDocument, SearchDocument.id == page.c.id)
    return _shown(statement).order_by(*order)


def sqlite_page(query: Query, condition_id: int | None, limit: int, offset: int) -> list[Row]:
    # FTS5 walks its matches newest first and stops at CANDIDATES; only those get a
    # bm25 score (its rank: smaller is better).
    candidates = select(_fts.c.rowid.label("id"), _fts.c.rank.label("rank")).where(_fts_match)
    if condition_id is not None:
        candidates = _within(
            candidates.join(SearchDocument, SearchDocument.id == _fts.c.rowid), condition_id
        )
    found = candidates.order_by(desc(_fts.c.rowid)).limit(CANDIDATES).cte("candidates")
    ranked = (
        select(found.c.id, found.c.rank, SearchDocument.published_at)
        .join(SearchDocument, SearchDocument.id == found.c.id)
        .subquery("ranked")
    )
    statement = _page_of(ranked, limit, offset, lambda rank: rank)
    return list(db.session.execute(statement, {"match": query.fts5()}))


_text_search = column("text_search")


def _tsquery() -> ColumnElement:
    return func.to_tsquery(literal_column("'english'::regconfig"), bindparam("tsquery"))


def postgresql_candidates(query: Query, condition_id: int | None) -> Sequence[int]:
    """The ids of the newest CANDIDATES matching documents, newest first.

    The GIN index finds matches in no useful order, and fetching every match of a common
    word to sort it is the cost to avoid. So the newest NEWEST_DOCUMENTS documents are
    read first, newest first, until CANDIDATES of them match: a common word stops early.
    Only a word too rare to have CANDIDATES matches there is looked up in the GIN index
    everywhere, and it has few matches to fetch.
    """
    newest = db.session.scalar(select(func.max(SearchDocument.id)))
    if newest is None:
        return []
    matching = _within(
        select(SearchDocument.id).where(_text_search.op("@@")(_tsquery())), condition_id
    )
    parameters = {"tsquery": query.tsquery()}
    recent = (
        matching.where(SearchDocument.id > newest - NEWEST_DOCUMENTS)
        .order_by(desc(SearchDocument.id))
        .limit(CANDIDATES)
    )
    found = db.session.scalars(recent, parameters).all()
    if len(found) >= CANDIDATES or newest <= NEWEST_DOCUMENTS:
        return found
    # Sorted on a value the primary key does not hold, so that the matches come from the
    # GIN index, not from reading every document backwards.
    everywhere = matching.order_by(desc(SearchDocument.id + 0)).limit(CANDIDATES)
    return db.session.scalars(everywhere, parameters).all()


def postgresql_page(query: Query, condition_id: int | None, limit: int, offset: int) -> list[Row]:
    candidates = postgresql_candidates(query, condition_id)
    if not candidates:
        return []
    ranked = (
        select(
            SearchDocument.id,
            func.ts_rank_cd(_text_search, _tsquery()).label("rank"),
            SearchDocument.published_at,
        )
        # One array, not a list of values: the statement's text is the same whatever the
        # candidates, so the server plans it once per connection.
        .where(SearchDocument.id == any_(bindparam("candidates", type_=ARRAY(Integer))))
        .subquery("ranked")
    )
    statement = _page_of(ranked, limit, offset, desc)
    parameters = {"tsquery": query.tsquery(), "candidates": list(candidates)}
    return list(db.session.execute(statement, parameters))


def find_page(query: Query, condition_id: int | None, limit: int, offset: int) -> list[Row]:
    """Return up to ``limit`` documents matching ``query`` after the first ``offset``."""
    engine = postgresql_page if db.engine.dialect.name == "postgresql" else sqlite_page
    return engine(query, condition_id, limit, offset)

"""Store a planned community with bulk inserts, then set every counter from what was written.

Rows go in as Core ``insert()`` executemany batches with their ids, materialized paths,
root ids and depths computed here, so that a million posts take minutes. Every generated
member shares one password hash, computed once. The database must be empty: ids start
at 1 and PostgreSQL's sequences are moved past them at the end.
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Table, func, insert, select, text

from community import counts
from community.accounts.services import hash_password
from community.extensions import db
from community.loadtest import plan, threads, vocabulary
from community.models import (
    Condition,
    Membership,
    Post,
    Question,
    SummaryRevision,
    User,
    utcnow,
)
from community.search.indexing import index_all_summaries

# Every generated member logs in with this password (the benchmark writes as them).
LOAD_DATA_PASSWORD = "load-data-password"  # nosec B105  # benchmark accounts, documented in README
BATCH_SIZE = 5_000
REVIEWERS = (
    ("Dr. Amara Okafor", "MD, Internal Medicine"),
    ("Dr. Lena Fischer", "MD, Neurology"),
    ("Dr. Tomas Silva", "MD, Rheumatology"),
    ("Priya Nair", "PharmD"),
)
YEAR = timedelta(days=365)

Progress = Callable[[int], None]


class LoadDataRefused(Exception):
    """The database already holds content; load data goes into an empty one only."""


@dataclass(frozen=True)
class LoadData:
    """A synthetic community about to be written: its sizes, its seed, who joins what."""

    sizes: plan.Sizes
    seed: int
    members_by_condition: list[list[int]]

    @property
    def questions(self) -> int:
        return self.sizes.conditions * self.sizes.questions_per_condition

    @property
    def memberships(self) -> int:
        return sum(len(members) for members in self.members_by_condition)

    @property
    def rows(self) -> int:
        """Every row ``generate`` writes (a question and its summary are two): its progress."""
        sizes = self.sizes
        return (
            sizes.members + sizes.conditions + self.memberships + 2 * self.questions + sizes.posts
        )


def refuse_unless_empty() -> None:
    """Raise LoadDataRefused when any account, condition or post exists."""
    for model, what in ((User, "accounts"), (Condition, "conditions"), (Post, "posts")):
        found = db.session.scalar(select(func.count()).select_from(model))
        if found:
            raise LoadDataRefused(
                f"The database already holds {found:,} {what}. Load data is generated into an "
                "empty database only: create a new one and run `flask db upgrade` first."
            )


def plan_load_data(sizes: plan.Sizes, seed: int) -> LoadData:
    """Refuse a database with content, then plan who joins which condition."""
    refuse_unless_empty()
    members_by_condition = plan.plan_memberships(sizes, random.Random(seed))  # nosec B311  # synthetic data, not a secret
    return LoadData(sizes, seed, members_by_condition)


def generate(data: LoadData, progress: Progress) -> None:
    """Write the planned community batch by batch, then set every count from its rows."""
    sizes, seed = data.sizes, data.seed
    rng = random.Random(seed)  # nosec B311  # synthetic data, not a secret
    pool = vocabulary.text_pool(random.Random(seed))  # nosec B311  # synthetic data, not a secret
    now = utcnow()
    _write_members(sizes, rng, now, progress)
    starts = _write_conditions(data, rng, pool, now, progress)
    rows = threads.post_rows(sizes, seed, pool, now, data.members_by_condition, starts)
    _insert(Post.__table__, rows, progress)
    # What ``recount --fix`` does: the counts are those of the rows, by construction.
    counts.repair_drift(counts.find_drift())
    db.session.commit()
    _move_sequences_past_ids()
    _analyze()


def _insert(table: Table, rows: Iterator[dict], progress: Progress) -> None:
    """Insert ``rows`` in batches, each batch one executemany and one commit."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            _flush_batch(table, batch, progress)
            batch = []
    if batch:
        _flush_batch(table, batch, progress)


def _flush_batch(table: Table, batch: list[dict], progress: Progress) -> None:
    db.session.execute(insert(table), batch)
    db.session.commit()
    progress(len(batch))


def _past(rng: random.Random, now: datetime, years: float) -> datetime:
    return now - YEAR * years * rng.random()


def _write_members(
    sizes: plan.Sizes, rng: random.Random, now: datetime, progress: Progress
) -> None:
    password_hash = hash_password(LOAD_DATA_PASSWORD)

    def rows() -> Iterator[dict]:
        for index in range(sizes.members):
            name = vocabulary.username(index)
            created_at = _past(rng, now, 4)
            yield {
                "id": index + 1,
                "username": name,
                "username_key": name.lower(),
                "email": f"{name}@members.example",
                "password_hash": password_hash,
                "created_at": created_at,
                # Synthetic members write: their addresses count as confirmed.
                "email_verified_at": created_at,
            }

    _insert(User.__table__, rows(), progress)


def _write_conditions(
    data: LoadData,
    rng: random.Random,
    pool: vocabulary.TextPool,
    now: datetime,
    progress: Progress,
) -> list[datetime]:
    """Write conditions, memberships, questions and summaries; return when each question began."""
    names = vocabulary.condition_names(data.sizes.conditions)
    conditions = []
    for index, name in enumerate(names):
        about = pool.abouts[index % len(pool.abouts)]
        conditions.append(
            {
                "id": index + 1,
                "slug": vocabulary.slugify(name),
                "name": name,
                "about_markdown": about.markdown,
                "about_html": about.html,
                "created_at": _past(rng, now, 5),
            }
        )
    _insert(Condition.__table__, iter(conditions), progress)

    def memberships() -> Iterator[dict]:
        relations, weights = zip(*vocabulary.RELATION_WEIGHTS.items(), strict=True)
        for condition, members in enumerate(data.members_by_condition):
            for member in members:
                yield {
                    "user_id": member + 1,
                    "condition_id": condition + 1,
                    "relation": rng.choices(relations, weights)[0],
                    "created_at": _past(rng, now, 3),
                }

    _insert(Membership.__table__, memberships(), progress)
    questions = list(_question_rows(data.sizes, names, rng, now))
    _insert(Question.__table__, iter(questions), progress)
    _insert(SummaryRevision.__table__, _summary_rows(len(questions), rng, pool, now), progress)
    # Written around the session, so search learns of them here; posts index themselves.
    index_all_summaries(db.session)
    db.session.commit()
    return [question["created_at"] for question in questions]


def _question_rows(
    sizes: plan.Sizes, names: list[str], rng: random.Random, now: datetime
) -> Iterator[dict]:
    for condition, name in enumerate(names):
        for position in range(sizes.questions_per_condition):
            title = vocabulary.question_title(position, name)
            yield {
                "id": condition * sizes.questions_per_condition + position + 1,
                "condition_id": condition + 1,
                "slug": vocabulary.slugify(title)[:160],
                "title": title,
                "position": position,
                # A year old at least, so that their posts have time to spread.
                "created_at": now - YEAR - YEAR * 2 * rng.random(),
            }


def _summary_rows(
    questions: int, rng: random.Random, pool: vocabulary.TextPool, now: datetime
) -> Iterator[dict]:
    for question_id in range(1, questions + 1):
        body = pool.summaries[question_id % len(pool.summaries)]
        reviewer, credentials = REVIEWERS[question_id % len(REVIEWERS)]
        reviewed = (now - YEAR * rng.random()).date()
        yield {
            "question_id": question_id,
            # Generated with a named reviewer and date: recorded as signed off.
            "state": "published",
            "short_answer": body.markdown.split(". ")[0] + ".",
            "body_markdown": body.markdown,
            "body_html": body.html,
            "reviewer_name": reviewer,
            "reviewer_credentials": credentials,
            "reviewed_on": reviewed,
            "updated_on": reviewed,
            "next_review_due": reviewed + YEAR,
            "sources": [{"title": "MedlinePlus", "url": "https://medlineplus.gov/"}],
            "created_at": now,
        }


def _move_sequences_past_ids() -> None:
    """Let PostgreSQL hand out ids after the ones written here; SQLite does so by itself."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in (User, Condition, Membership, Question, SummaryRevision, Post):
        table = model.__tablename__
        # The table names are the models' own, never input.
        move = "SELECT setval(pg_get_serial_sequence('{0}', 'id'), max(id)) FROM {0} "
        db.session.execute(text((move + "HAVING max(id) IS NOT NULL").format(table)))
    db.session.commit()


def _analyze() -> None:
    """Do now what PostgreSQL's autovacuum would do later: statistics and visibility map.

    Without them the planner guesses at a million new rows, and index-only scans still
    read the table. VACUUM cannot run inside a transaction, hence its own connection.
    """
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))

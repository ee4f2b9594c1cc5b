"""The review workflow migration keeps every summary, and labels reviewed only what was signed."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from community.extensions import db
from tests.conftest import make_app
from tests.test_migrations import empty_database_url  # noqa: F401  (the scratch database)

BEFORE_REVIEW = "m8_search"

ROWS = [
    "INSERT INTO conditions (id, slug, name, about_markdown, about_html, created_at,"
    " member_count, contribution_count) VALUES (1, 'asthma', 'Asthma', '', '', :now, 0, 0)",
    "INSERT INTO questions (id, condition_id, slug, title, position, created_at, sharer_count)"
    " VALUES (1, 1, 'why', 'Why?', 0, :now, 0)",
    # Signed by name and date before reviewer accounts existed: kept as that record.
    "INSERT INTO summary_revisions (id, question_id, short_answer, body_markdown, body_html,"
    " reviewer_name, reviewer_credentials, reviewed_on, updated_on, sources, created_at)"
    " VALUES (1, 1, 'Signed.', 'x', 'x', 'Dr. Ada', 'MD', '2026-01-02', '2026-01-02', '[]', :now)",
    # Imported with no reviewer: it was never reviewed.
    "INSERT INTO summary_revisions (id, question_id, short_answer, body_markdown, body_html,"
    " reviewer_name, reviewer_credentials, reviewed_on, updated_on, sources, created_at)"
    " VALUES (2, 1, 'Unsigned.', 'y', 'y', NULL, NULL, '2025-01-02', '2026-02-02', '[]', :now)",
]


def _execute(statement: str) -> None:
    db.session.execute(sa.text(statement), {"now": "2026-11-01 10:00:00"})
    db.session.commit()


def _revisions() -> list[tuple]:
    return list(
        db.session.execute(
            sa.text(
                "SELECT id, state, reviewer_name, reviewed_on FROM summary_revisions ORDER BY id"
            )
        )
    )


def test_only_revisions_with_a_recorded_sign_off_stay_published(empty_database_url):  # noqa: F811
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade(revision=BEFORE_REVIEW)
        for statement in ROWS:
            _execute(statement)
        db.session.remove()

        upgrade()
        rows = _revisions()
        assert [(row[0], row[1], row[2]) for row in rows] == [
            (1, "published", "Dr. Ada"),
            (2, "draft", None),
        ]
        # The unsigned revision keeps its text but no claim of review.
        assert rows[1][3] is None
        db.session.remove()

        downgrade(revision=BEFORE_REVIEW)
        # Going down, the never-published draft cannot become public again.
        assert db.session.scalar(sa.text("SELECT count(*) FROM summary_revisions")) == 1
        db.session.remove()
        upgrade()
        assert [row[1] for row in _revisions()] == ["published"]
        db.session.remove()
        db.engine.dispose()

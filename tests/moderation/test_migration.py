"""The moderation migration keeps every row, up and down, on SQLite and PostgreSQL."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from community.extensions import db
from tests.conftest import make_app
from tests.test_migrations import empty_database_url  # noqa: F401  (the scratch database)

BEFORE_MODERATION = "c93625a02e8d"

ROWS = [
    "INSERT INTO conditions (id, slug, name, about_markdown, about_html, created_at,"
    " member_count, contribution_count) VALUES (1, 'asthma', 'Asthma', '', '', :now, 1, 0)",
    "INSERT INTO users (id, username, username_key, email, password_hash, created_at)"
    " VALUES (1, 'wren', 'wren', 'wren@example.org', 'x', :now)",
    "INSERT INTO users (id, username, username_key, email, password_hash, created_at)"
    " VALUES (2, 'reader', 'reader', 'reader@example.org', 'x', :now)",
    "INSERT INTO memberships (user_id, condition_id, relation, created_at)"
    " VALUES (1, 1, 'patient', :now)",
    "INSERT INTO questions (id, condition_id, slug, title, position, created_at, sharer_count)"
    " VALUES (1, 1, 'why', 'Why?', 0, :now, 0)",
    "INSERT INTO posts (id, condition_id, question_id, author_id, root_id, path, depth, kind,"
    " state, body_markdown, body_html, personal_information, created_at, updated_at)"
    " VALUES (1, 1, 1, 1, 1, '0000000001', 0, 'experience', 'approved', 'x', 'x', '[]',"
    " :now, :now)",
    "INSERT INTO reports (post_id, reporter_id, reason, status, created_at)"
    " VALUES (1, 2, 'spam', 'open', :now)",
    "INSERT INTO moderation_events (actor_id, action, post_id, created_at)"
    " VALUES (2, 'approve', 1, :now)",
]


def _rows() -> dict[str, int]:
    tables = ("users", "memberships", "posts", "reports", "moderation_events")
    return {table: db.session.scalar(sa.text(f"SELECT count(*) FROM {table}")) for table in tables}


def _execute(statement: str) -> None:
    db.session.execute(sa.text(statement), {"now": "2026-11-01 10:00:00"})
    db.session.commit()


def test_hidden_posts_survive_the_moderation_migration_down_and_up(empty_database_url):  # noqa: F811
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade(revision=BEFORE_MODERATION)
        for statement in ROWS:
            _execute(statement)
        before = _rows()
        db.session.remove()

        upgrade()
        assert _rows() == before
        _execute("UPDATE posts SET state = 'hidden'")
        _execute("UPDATE users SET suspended_at = :now WHERE id = 2")
        assert db.session.scalar(sa.text("SELECT post_id FROM moderation_events")) == 1
        db.session.remove()

        downgrade(revision=BEFORE_MODERATION)
        assert _rows() == before
        # Out of view and not counted either way: a hidden post comes back removed.
        assert db.session.scalar(sa.text("SELECT state FROM posts")) == "removed"
        assert db.session.scalar(sa.text("SELECT suspended_until FROM users WHERE id = 2"))
        db.session.remove()

        upgrade()
        assert _rows() == before
        db.session.remove()
        db.engine.dispose()

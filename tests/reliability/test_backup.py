"""``flask --app community backup PATH``: a consistent copy of a live SQLite database."""

import shutil
import sqlite3
import threading

import pytest
from sqlalchemy import func, select

from community.counts import find_drift
from community.extensions import db
from community.models import Post
from tests.conftest import make_app
from tests.factories import make_condition, make_member, make_post, make_question


@pytest.fixture
def live_sqlite(sqlite_template, tmp_path):
    """An app on its own SQLite file with an approved experience to reply to."""
    path = tmp_path / "live.db"
    shutil.copyfile(sqlite_template, path)
    app = make_app(f"sqlite:///{path}")
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    author = make_member(app, condition_id, "author")
    experience = make_post(app, author, question_id=question_id)
    yield app, experience
    with app.app_context():
        db.engine.dispose()


def _posts(database: str) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM posts").fetchone()[0]


def test_backup_copies_the_database_and_checks_the_copy(live_sqlite, tmp_path):
    app, _ = live_sqlite
    target = tmp_path / "copy.db"
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "integrity check: ok" in result.output
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert _posts(target) == 1
    assert not list(tmp_path.glob(".copy.db.partial"))


def test_backup_while_members_write_is_consistent(live_sqlite, tmp_path):
    app, experience = live_sqlite
    stop, written = threading.Event(), []

    def keep_writing():
        while not stop.is_set() and len(written) < 2000:
            written.append(
                make_post(app, 1, parent_id=experience, text="Written during the backup.")
            )

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 20:
            stop.wait(0.01)
        copies = [tmp_path / f"copy{n}.db" for n in range(3)]
        for copy in copies:
            result = app.test_cli_runner().invoke(args=["backup", str(copy)])
            assert result.exit_code == 0, result.output
    finally:
        stop.set()
        writer.join()
    sizes = [_posts(copy) for copy in copies]
    assert 20 < sizes[0] <= sizes[-1] <= len(written) + 1
    for copy in copies:
        restored = make_app(f"sqlite:///{copy}")
        with restored.app_context():
            assert find_drift() == []
            assert db.session.scalar(select(func.count()).select_from(Post)) == _posts(copy)
            db.engine.dispose()


def test_backup_refuses_to_overwrite_a_file(live_sqlite, tmp_path):
    app, _ = live_sqlite
    target = tmp_path / "copy.db"
    target.write_text("keep me")
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 1
    assert "exists already" in result.output
    assert target.read_text() == "keep me"


def test_backup_on_postgresql_refuses_and_points_to_pg_dump():
    app = make_app("postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    result = app.test_cli_runner().invoke(args=["backup", "copy.db"])
    assert result.exit_code == 1
    assert "pg_dump" in result.output


def test_backup_of_a_database_held_in_memory_refuses():
    app = make_app("sqlite://")
    result = app.test_cli_runner().invoke(args=["backup", "copy.db"])
    assert result.exit_code == 1
    assert "in memory only" in result.output

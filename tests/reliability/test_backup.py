"""``flask --app community backup PATH``: a consistent copy of a live SQLite database."""

import os
import shutil
import sqlite3
import stat
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


@pytest.fixture
def usual_umask():
    """The umask most systems give: without care, new files are readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_backup_is_readable_by_its_owner_only(live_sqlite, tmp_path, usual_umask):
    app, _ = live_sqlite
    target = tmp_path / "copy.db"
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _posts(target) == 1


@pytest.mark.parametrize("destination", ["missing.db", "victim.db"])
def test_backup_does_not_write_through_a_link_at_its_temporary_path(
    live_sqlite, tmp_path, destination
):
    app, _ = live_sqlite
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / destination
    if destination == "victim.db":
        victim.write_text("keep me")
    (tmp_path / ".copy.db.partial").symlink_to(victim)
    target = tmp_path / "copy.db"

    result = app.test_cli_runner().invoke(args=["backup", str(target)])

    assert result.exit_code == 1
    assert "is in the way (a symbolic link); remove it" in result.output
    assert not target.exists()
    assert victim.read_text() == "keep me" if destination == "victim.db" else not victim.exists()
    assert list(elsewhere.iterdir()) == ([victim] if destination == "victim.db" else [])


def test_backup_refuses_a_symbolic_link_as_its_target(live_sqlite, tmp_path):
    app, _ = live_sqlite
    victim = tmp_path / "elsewhere.db"
    target = tmp_path / "copy.db"
    target.symlink_to(victim)

    result = app.test_cli_runner().invoke(args=["backup", str(target)])

    assert result.exit_code == 1
    assert "is a symbolic link; choose a new file name" in result.output
    assert target.is_symlink() and not victim.exists()


def test_backup_after_an_interrupted_one_says_what_is_in_the_way(live_sqlite, tmp_path):
    app, _ = live_sqlite
    (tmp_path / ".copy.db.partial").mkdir()
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.db")])
    assert result.exit_code == 1
    assert "(perhaps left by an interrupted backup); remove it and try again" in result.output


def test_backup_into_a_missing_folder_says_so_in_one_line(live_sqlite, tmp_path):
    app, _ = live_sqlite
    folder = tmp_path / "no-such-folder"
    result = app.test_cli_runner().invoke(args=["backup", str(folder / "copy.db")])
    assert result.exit_code == 1
    # A message, not a traceback: click's own exit, with one line of output.
    assert isinstance(result.exception, SystemExit)
    assert result.output.strip().splitlines() == [
        f"Error: There is no folder {folder}; create it first or choose another."
    ]
    assert not folder.exists()

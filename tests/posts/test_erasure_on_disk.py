"""On SQLite, a deleted post's text leaves no bytes in the database's files.

SQLite zeroes what it deletes (``secure_delete``), and deleting a post or an account
empties the write-ahead log, which still holds the pages as they were before. The
test looks for the text's bytes in the database file, its log and its shared memory.
"""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import serve_app
from tests.factories import make_community
from tests.posts.test_erasure import (
    PHONE,
    delete,
    delete_account,
    redacted_experience,
)
from tests.web import client_as

# Words of the text only it holds: the redacted version published by the moderator too.
DISTINCTIVE = ("Marigold clinic", PHONE)


@pytest.fixture
def database_file(sqlite_template, tmp_path) -> Path:
    path = tmp_path / "community.db"
    shutil.copyfile(sqlite_template, path)
    return path


@pytest.fixture
def sqlite_app(database_file) -> Iterator[Flask]:
    yield from serve_app(f"sqlite:///{database_file}")


def files_holding(database_file: Path, text: str) -> list[str]:
    """The database's files (the .db, -wal and -shm) in which the bytes of ``text`` occur."""
    name = database_file.name
    files = [database_file.with_name(name + suffix) for suffix in ("", "-wal", "-shm")]
    return [file.name for file in files if file.exists() and text.encode() in file.read_bytes()]


def test_a_deleted_posts_text_is_in_none_of_the_database_files(sqlite_app, database_file):
    post_id = redacted_experience(sqlite_app, make_community(sqlite_app))
    assert all(files_holding(database_file, text) for text in DISTINCTIVE), "never written?"

    delete(client_as(sqlite_app, "wren"), post_id)

    for text in DISTINCTIVE:
        assert files_holding(database_file, text) == [], text


def test_a_deleted_accounts_posts_are_in_none_of_the_database_files(sqlite_app, database_file):
    redacted_experience(sqlite_app, make_community(sqlite_app))
    assert all(files_holding(database_file, text) for text in DISTINCTIVE)

    delete_account(client_as(sqlite_app, "wren"))

    for text in DISTINCTIVE:
        assert files_holding(database_file, text) == [], text

"""``flask --app community backup PATH``: a consistent copy of a live SQLite database.

SQLite's online-backup API copies the database page by page inside one read
transaction, so the copy is the database as it was at one moment, while the site
keeps serving and writing (WAL lets writers go on beside the reader). PostgreSQL has
its own tool for this, ``pg_dump``.

The copy holds every member's email and password hash: it is readable by its owner
only, and it is never written through a symbolic link, which someone else able to
write in the folder could have planted to have the database written where they read.
"""

import os
import sqlite3
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from community.extensions import db

POSTGRESQL_ADVICE = (
    "backup copies SQLite databases only. For PostgreSQL use pg_dump, for example: "
    "pg_dump --format=custom --file=community.dump 'postgresql://user@host/dbname'"
)


class BackupRefused(click.ClickException):
    """The backup cannot be made; the message says why and what to do instead."""


def sqlite_path() -> Path:
    """Return the file of the configured SQLite database, or refuse with advice."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise BackupRefused(POSTGRESQL_ADVICE)
    if not url.database or url.database == ":memory:":
        raise BackupRefused("The database lives in memory only: there is no file to copy.")
    return Path(url.database)


def backup_sqlite(source: Path, target: Path) -> None:
    """Copy ``source`` to a new file ``target`` as one consistent snapshot, then check it.

    The copy is made in a folder of its own beside the target, created for this backup
    (it fails if anything, a symbolic link too, is already at its name), then linked to
    ``target``, which fails if anything is there by then: nothing existing is overwritten,
    nothing is written through a link.
    """
    if not source.exists():
        raise BackupRefused(f"There is no database at {source}.")
    _check_target(target)
    partial = target.with_name(f".{target.name}.partial")
    _make_private_folder(partial)
    copy_path = partial / target.name
    try:
        _create_private_file(copy_path)
        try:
            verdict = _copy(source, copy_path)
        except sqlite3.Error as error:
            raise BackupRefused(f"The copy failed: {error}") from None
        if verdict != "ok":
            raise BackupRefused(f"The copy failed its integrity check: {verdict}")
        try:
            os.link(copy_path, target, follow_symlinks=False)
        except FileExistsError:
            raise BackupRefused(f"{target} exists already; choose a new file name.") from None
        except OSError as error:
            raise BackupRefused(f"Cannot write {target}: {error.strerror}.") from None
    finally:
        # The folder is this backup's own: whatever is in it (the copy, SQLite's journal)
        # was written by it.
        for leftover in partial.iterdir():
            leftover.unlink()
        partial.rmdir()


def _check_target(target: Path) -> None:
    if target.is_symlink():
        raise BackupRefused(f"{target} is a symbolic link; choose a new file name.")
    if target.exists():
        raise BackupRefused(f"{target} exists already; choose a new file name.")
    folder = target.parent
    if not folder.is_dir():
        raise BackupRefused(f"There is no folder {folder}; create it first or choose another.")


def _make_private_folder(partial: Path) -> None:
    """Create the folder the copy is made in, for the owner only, where nothing is yet."""
    try:
        partial.mkdir(mode=0o700)
    except FileExistsError:
        kind = (
            "a symbolic link" if partial.is_symlink() else "perhaps left by an interrupted backup"
        )
        raise BackupRefused(f"{partial} is in the way ({kind}); remove it and try again.") from None
    except OSError as error:
        raise BackupRefused(f"Cannot write in {partial.parent}: {error.strerror}.") from None


def _create_private_file(path: Path) -> None:
    """Create the empty copy, readable by its owner only, before SQLite opens it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    os.close(os.open(path, flags, 0o600))


def _copy(source: Path, copy_path: Path) -> str:
    """Copy the database into ``copy_path``; return SQLite's integrity verdict on the copy."""
    live = sqlite3.connect(source, timeout=30)
    copy = sqlite3.connect(copy_path)
    try:
        # All pages in one step: one read transaction, so no write can fall between pages.
        live.backup(copy)
        # A single self-contained file, without WAL files beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        return copy.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()
        live.close()


@click.command("backup")
@with_appcontext
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Copy the live SQLite database to PATH, consistent even while the site writes."""
    backup_sqlite(sqlite_path(), path)
    click.echo(f"Backed up the database to {path} (integrity check: ok).")


def register_commands(app: Flask) -> None:
    app.cli.add_command(backup_command)

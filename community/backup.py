"""``flask --app community backup PATH``: a consistent copy of a live SQLite database.

SQLite's online-backup API copies the database page by page inside one read
transaction, so the copy is the database as it was at one moment, while the site
keeps serving and writing (WAL lets writers go on beside the reader). PostgreSQL has
its own tool for this, ``pg_dump``.
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
    """Copy ``source`` to ``target`` as one consistent snapshot, then check the copy."""
    if target.exists():
        raise BackupRefused(f"{target} exists already; choose a new file name.")
    if not source.exists():
        raise BackupRefused(f"There is no database at {source}.")
    partial = target.with_name(f".{target.name}.partial")
    live = sqlite3.connect(source, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        # All pages in one step: one read transaction, so no write can fall between pages.
        live.backup(copy)
        # A single self-contained file, without WAL files beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()
        live.close()
    if verdict != "ok":
        partial.unlink()
        raise BackupRefused(f"The copy failed its integrity check: {verdict}")
    os.replace(partial, target)


@click.command("backup")
@with_appcontext
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """Copy the live SQLite database to PATH, consistent even while the site writes."""
    backup_sqlite(sqlite_path(), path)
    click.echo(f"Backed up the database to {path} (integrity check: ok).")


def register_commands(app: Flask) -> None:
    app.cli.add_command(backup_command)

"""Summary commands: ``flask --app community import-summaries`` and ``export-summaries``."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from community.editorial import summary_files
from community.extensions import db
from community.templating import plural


@click.command("import-summaries")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def import_summaries_command(directory: Path) -> None:
    """Import summaries from the Markdown files in DIRECTORY, all or nothing."""
    try:
        result = summary_files.import_summaries(directory)
    except summary_files.SummaryFileError as error:
        db.session.rollback()
        problems = "\n".join(f"  {problem}" for problem in error.problems)
        raise click.ClickException(f"Nothing was imported; fix these first:\n{problems}") from None
    db.session.commit()
    imported = plural(result.total, "summary", "summaries")
    click.echo(f"Imported {imported} ({result.unchanged} unchanged) from {directory}")


@click.command("export-summaries")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_summaries_command(directory: Path) -> None:
    """Export the newest revision of every summary as Markdown files into DIRECTORY."""
    try:
        count = summary_files.export_summaries(directory)
    except summary_files.ExportRefused as refused:
        raise click.ClickException(str(refused)) from None
    click.echo(f"Exported {plural(count, 'summary', 'summaries')} to {directory}")


def register_commands(app: Flask) -> None:
    """Add the summary import and export commands to ``flask``."""
    app.cli.add_command(import_summaries_command)
    app.cli.add_command(export_summaries_command)

"""Editorial commands: ``import-summaries``, ``export-summaries`` and ``reviewer-profile``."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from community.accounts.services import find_by_username
from community.editorial import summary_files
from community.editorial.reviewers import ProfileRefused, save_reviewer_profile
from community.extensions import db
from community.permissions import can_review_summaries
from community.wording import plural


@click.command("import-summaries")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--signed-off-by",
    "signer",
    metavar="USERNAME",
    help="Publish the imported revisions, signed off by this reviewer account.",
)
@with_appcontext
def import_summaries_command(directory: Path, signer: str | None) -> None:
    """Import summaries from the Markdown files in DIRECTORY, all or nothing.

    Imported revisions are drafts unless signed off by a reviewer account with a profile.
    """
    try:
        reviewer = summary_files.find_signer(signer) if signer else None
        result = summary_files.import_summaries(directory, reviewer)
    except summary_files.SummaryFileError as error:
        db.session.rollback()
        problems = "\n".join(f"  {problem}" for problem in error.problems)
        raise click.ClickException(f"Nothing was imported; fix these first:\n{problems}") from None
    db.session.commit()
    imported = plural(result.total, "summary", "summaries")
    click.echo(f"Imported {imported} ({result.unchanged} unchanged) from {directory}")
    if result.revised:
        outcome = f"signed off by {signer} and published" if signer else "drafts awaiting review"
        click.echo(f"{plural(result.revised, 'new revision')}: {outcome}")


@click.command("export-summaries")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_summaries_command(directory: Path) -> None:
    """Export the published revision of every summary as Markdown files into DIRECTORY."""
    try:
        count = summary_files.export_summaries(directory)
    except summary_files.ExportRefused as refused:
        raise click.ClickException(str(refused)) from None
    click.echo(f"Exported {plural(count, 'summary', 'summaries')} to {directory}")


@click.command("reviewer-profile")
@click.argument("username")
@click.option("--full-name", required=True, help="As sign-offs name the reviewer.")
@click.option("--credentials", required=True, help="E.g. 'MD, Clinical Immunology'.")
@click.option("--specialty", required=True)
@click.option("--registration-number", default=None, help="Optional.")
@with_appcontext
def reviewer_profile_command(
    username: str,
    full_name: str,
    credentials: str,
    specialty: str,
    registration_number: str | None,
) -> None:
    """Create or update the reviewer profile of USERNAME, who must hold the reviewer role."""
    user = find_by_username(username)
    if user is None:
        raise click.ClickException(f"No account is called {username!r}.")
    if not can_review_summaries(user):
        raise click.ClickException(f"{username!r} does not have the reviewer role.")
    try:
        save_reviewer_profile(
            user,
            full_name=full_name,
            credentials=credentials,
            specialty=specialty,
            registration_number=registration_number,
        )
    except ProfileRefused as refused:
        db.session.rollback()
        raise click.ClickException(str(refused)) from None
    db.session.commit()
    click.echo(f"Saved the reviewer profile of {username}: {full_name}, {credentials}.")


def register_commands(app: Flask) -> None:
    """Add the summary import and export commands to ``flask``."""
    app.cli.add_command(import_summaries_command)
    app.cli.add_command(export_summaries_command)
    app.cli.add_command(reviewer_profile_command)

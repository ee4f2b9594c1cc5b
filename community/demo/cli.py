"""Demo commands: ``flask --app community seed-demo``."""

import click
from flask import Flask
from flask.cli import with_appcontext

from community.demo.seed import DEMO_ADMIN, DEMO_MODERATOR, DEMO_PASSWORD, seed_demo
from community.extensions import db


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Write the demo conditions, questions, members and threads (safe to run again)."""
    result = seed_demo()
    db.session.commit()
    if not any((result.conditions, result.questions, result.members, result.posts)):
        click.echo("Demo content is already in place.")
        return
    click.echo(
        f"Added {result.conditions} conditions, {result.questions} questions, "
        f"{result.members} accounts and {result.posts} posts."
    )
    click.echo(
        f"Demo accounts use the password {DEMO_PASSWORD!r}; "
        f"moderator: {DEMO_MODERATOR}; admin: {DEMO_ADMIN}."
    )


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)

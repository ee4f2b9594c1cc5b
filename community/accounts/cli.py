"""Account commands: ``flask --app community create-user``, ``send-digests``."""

import click
from flask import Flask
from flask.cli import with_appcontext

from community.accounts import services
from community.accounts.digests import send_digests_now
from community.extensions import db
from community.models import Role


@click.command("create-user")
@with_appcontext
@click.option("--username", required=True)
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice([role.value for role in Role]),
    help="Repeat for several roles.",
)
def create_user_command(username: str, email: str, password: str, roles: tuple[str, ...]) -> None:
    """Create an account, optionally with roles."""
    try:
        user = services.create_user(
            username, email, password, [Role(r) for r in roles], verified=True
        )
    except services.AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    suffix = f" with roles {', '.join(roles)}" if roles else ""
    click.echo(f"Created {user.username}{suffix}.")


@click.command("send-digests")
@with_appcontext
def send_digests_command() -> None:
    """Mail each member today's digest of the notifications waiting for it, if not sent yet."""
    sent = send_digests_now()
    click.echo(f"Queued {sent} digests.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(create_user_command)
    app.cli.add_command(send_digests_command)

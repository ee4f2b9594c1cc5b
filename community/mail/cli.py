"""``flask --app community deliver-mail [--once]``: send the outbox from a process of its own."""

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from community.mail.delivery import deliver_forever, deliver_round, show_mail_log


@click.command("deliver-mail")
@click.option("--once", is_flag=True, help="Send what is due now (digests too), then stop.")
@with_appcontext
def deliver_mail_command(once: bool) -> None:
    """Send due mail and the day's digests; keep sending as more comes, unless --once."""
    show_mail_log()
    if once:
        done = deliver_round(current_app._get_current_object())
        click.echo(f"Sent {done.sent}; {done.failed} to try again later.")
        return
    deliver_forever(current_app._get_current_object())


def register_commands(app: Flask) -> None:
    app.cli.add_command(deliver_mail_command)

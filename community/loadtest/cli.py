"""``flask --app community generate-load-data``: a synthetic community for benchmarks."""

import time

import click
from flask import Flask
from flask.cli import with_appcontext

from community.extensions import db
from community.loadtest import plan
from community.loadtest.writer import LOAD_DATA_PASSWORD, LoadDataRefused, generate


@click.command("generate-load-data")
@with_appcontext
@click.option("--conditions", type=click.IntRange(min=1), required=True)
@click.option(
    "--questions-per-condition", type=click.IntRange(min=1), default=10, show_default=True
)
@click.option("--members", type=click.IntRange(min=1), required=True)
@click.option("--posts", type=click.IntRange(min=0), required=True)
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same data.")
def generate_load_data_command(
    conditions: int, questions_per_condition: int, members: int, posts: int, seed: int
) -> None:
    """Fill an empty database with a synthetic community for benchmarks."""
    sizes = plan.Sizes(conditions, questions_per_condition, members, posts)
    questions = conditions * questions_per_condition
    rows = members + conditions + questions * 2 + posts
    started = time.monotonic()
    try:
        with click.progressbar(
            length=rows, label="Writing load data", show_eta=True, show_percent=True
        ) as bar:
            tally = generate(sizes, seed, bar.update)
    except LoadDataRefused as refused:
        db.session.rollback()
        raise click.ClickException(str(refused)) from None
    elapsed = time.monotonic() - started
    click.echo(
        f"Wrote {tally.conditions:,} conditions, {tally.questions:,} questions, "
        f"{tally.members:,} members, {tally.memberships:,} memberships and {tally.posts:,} posts "
        f"in {elapsed:.0f} s; counts are set from the data (check them with `recount`)."
    )
    if sizes.plants_reference_questions:
        click.echo("The largest condition's first two questions are the benchmark's reference.")
    click.echo(f"Every generated member's password is {LOAD_DATA_PASSWORD!r}.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(generate_load_data_command)

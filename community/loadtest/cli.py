"""``flask --app community generate-load-data``: a synthetic community for benchmarks."""

import time

import click
from flask import Flask
from flask.cli import with_appcontext

from community.loadtest import plan
from community.loadtest.writer import (
    LOAD_DATA_PASSWORD,
    LoadDataRefused,
    generate,
    plan_load_data,
)


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
    try:
        data = plan_load_data(sizes, seed)
    except LoadDataRefused as refused:
        raise click.ClickException(str(refused)) from None
    started = time.monotonic()
    with click.progressbar(
        length=data.rows, label="Writing load data", show_eta=True, show_percent=True
    ) as bar:
        generate(data, bar.update)
    elapsed = time.monotonic() - started
    click.echo(
        f"Wrote {conditions:,} conditions, {data.questions:,} questions, {members:,} members, "
        f"{data.memberships:,} memberships and {posts:,} posts in {elapsed:.0f} s; "
        "counts are set from the data (check them with `recount`)."
    )
    if sizes.plants_reference_questions:
        click.echo("The largest condition's first two questions are the benchmark's reference.")
    click.echo(f"Every generated member's password is {LOAD_DATA_PASSWORD!r}.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(generate_load_data_command)

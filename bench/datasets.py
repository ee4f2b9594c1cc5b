"""The benchmark's datasets: generated once with ``generate-load-data``, then reused."""

import os
import secrets
import subprocess  # nosec B404  # the bench runs flask and gunicorn as processes of its own
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from community import create_app
from community.loadtest.plan import Sizes

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRECTORY = ROOT / "bench" / "data"
SEED = 1
PRESETS = {
    "10k": Sizes(conditions=450, questions_per_condition=10, members=100_000, posts=10_000),
    "100k": Sizes(conditions=450, questions_per_condition=10, members=100_000, posts=100_000),
    "1m": Sizes(conditions=450, questions_per_condition=10, members=100_000, posts=1_000_000),
}
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/"


@dataclass(frozen=True)
class Dataset:
    name: str
    database: str  # "sqlite" or "postgresql"
    url: str
    sizes: Sizes

    def describe(self) -> str:
        sizes = self.sizes
        return (
            f"{self.name}: {sizes.conditions:,} conditions, {sizes.members:,} members, "
            f"{sizes.posts:,} posts on {self.database}"
        )


def dataset(
    name: str, database: str, postgres_server: str = DEFAULT_POSTGRES, prefix: str = "bench_"
) -> Dataset:
    if database == "sqlite":
        url = f"sqlite:///{DATA_DIRECTORY / f'{name}.db'}"
    else:
        url = sa.make_url(postgres_server).set(database=f"{prefix}{name}").render_as_string(False)
    return Dataset(name, database, url, PRESETS[name])


def app_on(url: str) -> Flask:
    """The app on a dataset's database, for the benchmark's own reads and writes."""
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(16)})


def flask_command(url: str, *arguments: str) -> None:
    """Run ``flask --app community`` on the dataset's database, showing its output."""
    environment = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(16)}
    subprocess.run(  # nosec B603  # a fixed command, no shell
        [sys.executable, "-m", "flask", "--app", "community", *arguments],
        cwd=ROOT,
        env=environment,
        check=True,
    )


def is_ready(data: Dataset) -> bool:
    """Tell whether the database holds exactly the generated dataset."""
    engine = sa.create_engine(data.url)
    try:
        with engine.connect() as connection:
            posts = connection.scalar(sa.text("SELECT count(*) FROM posts"))
            conditions = connection.scalar(sa.text("SELECT count(*) FROM conditions"))
    except sa.exc.SQLAlchemyError:
        return False
    finally:
        engine.dispose()
    return posts == data.sizes.posts and conditions == data.sizes.conditions


def ensure(data: Dataset) -> None:
    """Reuse the dataset when it is in place; otherwise create the database and generate it."""
    if is_ready(data):
        print(f"Reusing dataset {data.describe()}")
        # Bring its schema up to date: a later migration may add an index the pages use.
        flask_command(data.url, "db", "upgrade")
        return
    print(f"Generating dataset {data.describe()} (minutes for 1m; reused afterwards)")
    _recreate_database(data)
    started = time.monotonic()
    flask_command(data.url, "db", "upgrade")
    sizes = data.sizes
    flask_command(
        data.url,
        "generate-load-data",
        f"--conditions={sizes.conditions}",
        f"--questions-per-condition={sizes.questions_per_condition}",
        f"--members={sizes.members}",
        f"--posts={sizes.posts}",
        f"--seed={SEED}",
    )
    print(f"Dataset {data.name} generated in {time.monotonic() - started:.0f} s")


def _recreate_database(data: Dataset) -> None:
    if data.database == "sqlite":
        DATA_DIRECTORY.mkdir(exist_ok=True)
        path = Path(sa.make_url(data.url).database)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    url = sa.make_url(data.url)
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()

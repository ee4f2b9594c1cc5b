"""``python -m bench.explain``: the query plans of one page as a generated member sees it.

Logs in as generated member 0 (as the benchmark's member's view does), fetches the page
a few times so that every statement is warm, then runs ``EXPLAIN (ANALYZE, BUFFERS)``
of each statement the last request sent, with the values it bound, and prints them.
"""

import argparse
import re
import secrets
import sys

import sqlalchemy as sa
from sqlalchemy import event

from bench import datasets
from community.extensions import db
from community.loadtest import vocabulary
from community.loadtest.reference import reference_pages
from community.loadtest.writer import LOAD_DATA_PASSWORD

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
# psycopg prepares a statement at its 5th run on a connection; PostgreSQL then plans its
# first 5 executions for their values before it may settle on one generic plan.
WARM_UP_REQUESTS = 12
PAGES = ("question_200_posts", "question_2000_posts")


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.explain", description=__doc__)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--dataset", choices=sorted(datasets.PRESETS), default="1m")
    parser.add_argument("--page", choices=PAGES, default="question_200_posts")
    parser.add_argument("--visitor", action="store_true", help="as a visitor, not a member")
    parser.add_argument(
        "--postgres-server", default=datasets.DEFAULT_POSTGRES, help="as for python -m bench"
    )
    parser.add_argument("--postgres-prefix", default="bench_", help="as for python -m bench")
    return parser.parse_args(argv)


def page_statements(url: str, page: str, visitor: bool) -> list[tuple[str, object]]:
    """The statements (with their values) of one warm request of ``page``."""
    app = datasets.app_on(url)
    # No page cache: the visitor's view is rendered, as the member's always is.
    app.config.update(SECRET_KEY=secrets.token_hex(16))
    with app.test_request_context():
        path = getattr(reference_pages(), page)
    client = app.test_client()
    if not visitor:
        html = client.get("/auth/login").text
        form = {
            "identifier": vocabulary.username(0),
            "password": LOAD_DATA_PASSWORD,
            "csrf_token": CSRF.search(html).group(1),
        }
        if client.post("/auth/login", data=form).status_code != 302:
            sys.exit("the generated member could not log in")
    for _ in range(WARM_UP_REQUESTS):
        client.get(path)
    statements: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.get(path, headers={"Cache-Control": "no-cache"})
    finally:
        event.remove(engine, "before_cursor_execute", record)
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code}")
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        print_prepared(app)
    print(f"{path} ({'visitor' if visitor else 'member'}): {len(statements)} statements\n")
    return statements


def print_prepared(app) -> None:
    """How PostgreSQL planned the statements the app's connection has prepared.

    A statement with generic plans is planned once and no longer at each request.
    """
    with app.app_context():
        rows = db.session.execute(
            sa.text(
                "SELECT generic_plans, custom_plans, left(regexp_replace(statement, '\\s+', ' ',"
                " 'g'), 90) FROM pg_prepared_statements ORDER BY prepare_time"
            )
        ).all()
    print("Prepared on the app's connection (generic plans, plans for given values, statement):")
    for generic, custom, statement in rows:
        print(f"  {generic:3} {custom:3}  {statement}")
    print()


def explain(url: str, statements: list[tuple[str, object]]) -> None:
    engine = sa.create_engine(url)
    postgresql = engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgresql else "EXPLAIN QUERY PLAN "
    try:
        with engine.connect() as connection:
            for number, (statement, parameters) in enumerate(statements, 1):
                if not statement.lstrip().upper().startswith("SELECT"):
                    continue
                print(f"-- statement {number}\n{statement}\n-- values {parameters}")
                rows = connection.exec_driver_sql(prefix + statement, parameters).all()
                print("\n".join(str(row[-1]) for row in rows) + "\n")
    finally:
        engine.dispose()


def main(argv: list[str]) -> None:
    arguments = parse_arguments(argv)
    data = datasets.dataset(
        arguments.dataset,
        arguments.database,
        arguments.postgres_server,
        arguments.postgres_prefix,
    )
    if not datasets.is_ready(data):
        sys.exit(f"dataset {data.name} is not generated: run python -m bench first")
    explain(data.url, page_statements(data.url, arguments.page, arguments.visitor))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Count the SQL statements a block of code sends."""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, before_render_template, request_started, template_rendered
from sqlalchemy import event

from community.extensions import db

# The test's transaction holds the app's commits as savepoints (tests/conftest.py): those
# statements are the suite's, not the page's.
_SAVEPOINT_STATEMENTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def is_savepoint(statement: str) -> bool:
    return statement.lstrip().upper().startswith(_SAVEPOINT_STATEMENTS)


@contextmanager
def count_queries(app: Flask) -> Iterator[list[str]]:
    """Collect every statement the app's engine executes inside the block."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if not is_savepoint(statement):
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def page_statements(app: Flask, client, url: str) -> int:
    """Count the statements one GET of ``url`` sends; the page must answer 200."""
    with count_queries(app) as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


@contextmanager
def statements_while_rendering(app: Flask) -> Iterator[list[tuple[str, str]]]:
    """Collect (template, statement) for each statement sent while a template renders.

    Rendering is the span of the outermost ``render_template``: the templates it extends,
    includes and imports, and the macros it calls, render inside it. A render that fails
    leaves no "rendered" signal behind, so each request starts with nothing rendering.
    """
    found: list[tuple[str, str]] = []
    rendering: list[str] = []

    def started(sender, template, context, **extra):
        rendering.append(template.name or "<string>")

    def finished(sender, template, context, **extra):
        rendering.pop()

    def new_request(sender, **extra):
        rendering.clear()

    def record(conn, cursor, statement, parameters, context, executemany):
        if rendering and not is_savepoint(statement):
            found.append((rendering[0], statement))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        with (
            before_render_template.connected_to(started, app),
            template_rendered.connected_to(finished, app),
            request_started.connected_to(new_request, app),
        ):
            yield found
    finally:
        event.remove(engine, "before_cursor_execute", record)

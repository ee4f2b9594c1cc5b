"""The WSGI entry point: ``gunicorn wsgi:app``."""

from community import create_app

app = create_app()

"""The app as the concurrency test serves it from gunicorn: test settings, its database.

``gunicorn tests.live_app:app`` with ``DATABASE_URL`` set; every worker builds the same
app, with the suite's cheap password hash, fixed secret key and no rate limits (the test
measures counts under load from one address, not rate limits).
"""

import os

from tests.conftest import make_app

app = make_app(os.environ["DATABASE_URL"])

"""The app as the concurrency test serves it from gunicorn: test settings, its database.

``gunicorn tests.live_app:app`` with ``DATABASE_URL`` set; every worker builds the same
app, with the suite's cheap password hash and fixed secret key.
"""

import os

from tests.conftest import make_app

# The test measures counts under load from one address, not rate limits.
app = make_app(os.environ["DATABASE_URL"], RATELIMIT_ENABLED=False)

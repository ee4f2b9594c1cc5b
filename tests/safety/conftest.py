"""A condition with a question, two of its members and a member of another condition."""

import pytest
from flask import Flask

from tests.factories import Community, make_community


@pytest.fixture
def community(app: Flask) -> Community:
    return make_community(app)

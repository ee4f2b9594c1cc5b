"""Every moderation test starts from a small community with one writer and one moderator."""

import pytest

from tests.moderation.helpers import Community, make_community


@pytest.fixture
def community(app) -> Community:
    return make_community(app)

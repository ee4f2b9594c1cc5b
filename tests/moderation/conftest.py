"""Every moderation test starts from a small community with one writer and one moderator."""

import pytest

from tests.moderation.moderator import ModeratedCommunity, make_moderated_community


@pytest.fixture
def community(app) -> ModeratedCommunity:
    return make_moderated_community(app)

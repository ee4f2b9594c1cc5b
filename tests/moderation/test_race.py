"""Two moderators deciding the same post at once: one decision stands, nothing counts twice."""

import threading

import pytest

from community.extensions import db
from community.models import ModerationEvent, Post, PostState, Role, User
from community.posts import services
from community.posts.states import PostAction
from tests.factories import make_post, make_user
from tests.moderation.moderator import (
    as_moderator,
    counts,
    decide,
    events,
    make_moderated_community,
    pending_experience,
    version_on_review_page,
)
from tests.posts.conftest import stored_post

# Moderators in threads, and sessions open side by side, each on a connection of its own.
pytestmark = pytest.mark.fresh_database


@pytest.fixture
def community(app):
    community = make_moderated_community(app)
    make_user(app, "mod_bo", roles=(Role.MODERATOR,))
    return community


def _decide_at_once(app, post_id: int, decisions: list[tuple[str, str, dict]]) -> list[int]:
    """Let each moderator open the review page, then post all decisions at the same moment."""
    clients = [as_moderator(app.test_client(), username) for username, _, _ in decisions]
    versions = [version_on_review_page(client, post_id) for client in clients]
    start = threading.Barrier(len(decisions))
    statuses: list[int] = [0] * len(decisions)

    def run(index: int) -> None:
        _, verb, data = decisions[index]
        start.wait()
        statuses[index] = decide(
            clients[index], post_id, verb, version=versions[index], **data
        ).status_code

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(decisions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses


def test_two_approvals_at_once_count_once(app, community):
    post_id = pending_experience(app, community)

    statuses = _decide_at_once(
        app, post_id, [("mod_ada", "approve", {}), ("mod_bo", "approve", {})]
    )

    assert sorted(statuses) == [303, 409]
    assert stored_post(app, post_id).state is PostState.APPROVED
    assert counts(app, community) == (1, 1)
    assert [event[1] for event in events(app, post_id)] == ["approve"]


def test_approve_and_reject_at_once_leave_one_decision(app, community):
    post_id = pending_experience(app, community)

    statuses = _decide_at_once(
        app,
        post_id,
        [("mod_ada", "approve", {}), ("mod_bo", "reject", {"reason": "Off topic."})],
    )

    assert sorted(statuses) == [303, 409]
    decided = [event[1] for event in events(app, post_id)]
    assert len(decided) == 1
    state = stored_post(app, post_id).state
    assert state is {"approve": PostState.APPROVED, "reject": PostState.REJECTED}[decided[0]]
    published = 1 if state is PostState.APPROVED else 0
    assert counts(app, community) == (published, published)


def test_the_second_of_two_removals_is_told_it_was_already_decided(app, client, community):
    post_id = make_post(app, community.author_id, question_id=community.question_id)
    first = as_moderator(app.test_client(), "mod_ada")
    second = as_moderator(client, "mod_bo")
    first_version = version_on_review_page(first, post_id)
    second_version = version_on_review_page(second, post_id)

    assert (
        decide(first, post_id, "remove", version=first_version, reason="Spam.").status_code == 303
    )
    late = decide(second, post_id, "remove", version=second_version, reason="Spam too.")

    assert late.status_code == 409
    assert "decided on or changed since you opened it" in late.text
    assert counts(app, community) == (0, 0)
    assert [event[2] for event in events(app, post_id)] == [None, "Spam."]


def test_a_decision_read_before_another_commits_changes_nothing(app, community):
    """The compare-and-set itself: a request holding the post as it was is refused."""
    post_id = pending_experience(app, community)
    with app.app_context():
        moderator = db.session.get(User, community.moderator_id)
        stale = db.session.get(Post, post_id)
        assert stale.state is PostState.PENDING
        with app.app_context():
            # Another request decides and commits in between.
            other = db.session.get(Post, post_id)
            services.apply_action(other, PostAction.REJECT, actor=moderator, reason="No.")
            db.session.commit()
        with pytest.raises(services.AlreadyDecided):
            services.apply_action(stale, PostAction.APPROVE, actor=moderator)
        db.session.rollback()
        assert db.session.query(ModerationEvent).count() == 1
    assert stored_post(app, post_id).state is PostState.REJECTED
    assert counts(app, community) == (0, 0)

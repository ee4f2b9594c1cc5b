"""The post state machine as a table: every state × action, allowed or refused, counts after."""

import pytest

from community.counts import find_drift
from community.extensions import db
from community.models import ModerationEvent, Post, PostState, Question, User
from community.posts import services
from community.posts.states import PostAction, TransitionRefused
from tests.factories import make_post, make_question
from tests.moderation.helpers import counts, make_community

S, A = PostState, PostAction
REFUSED = None

# What each action does from each state; REFUSED where the action is not allowed.
# Written out in full on purpose: a new state or action must be decided here, cell by cell.
EXPECTED: dict[PostState, dict[PostAction, PostState | None]] = {
    S.PENDING: {
        A.APPROVE: S.APPROVED, A.REJECT: S.REJECTED, A.EDIT_AND_APPROVE: S.APPROVED,
        A.APPROVE_EDIT: REFUSED, A.REJECT_EDIT: REFUSED, A.REMOVE: REFUSED,
        A.RESTORE: REFUSED, A.HIDE: REFUSED, A.DELETE: S.DELETED,
    },
    S.APPROVED: {
        A.APPROVE: REFUSED, A.REJECT: REFUSED, A.EDIT_AND_APPROVE: S.APPROVED,
        A.APPROVE_EDIT: S.APPROVED, A.REJECT_EDIT: S.APPROVED, A.REMOVE: S.REMOVED,
        A.RESTORE: REFUSED, A.HIDE: S.HIDDEN, A.DELETE: S.DELETED,
    },
    S.REJECTED: {
        A.APPROVE: REFUSED, A.REJECT: REFUSED, A.EDIT_AND_APPROVE: REFUSED,
        A.APPROVE_EDIT: REFUSED, A.REJECT_EDIT: REFUSED, A.REMOVE: REFUSED,
        A.RESTORE: REFUSED, A.HIDE: REFUSED, A.DELETE: S.DELETED,
    },
    S.REMOVED: {
        A.APPROVE: REFUSED, A.REJECT: REFUSED, A.EDIT_AND_APPROVE: REFUSED,
        A.APPROVE_EDIT: REFUSED, A.REJECT_EDIT: REFUSED, A.REMOVE: REFUSED,
        A.RESTORE: S.APPROVED, A.HIDE: REFUSED, A.DELETE: S.DELETED,
    },
    S.HIDDEN: {
        A.APPROVE: REFUSED, A.REJECT: REFUSED, A.EDIT_AND_APPROVE: S.APPROVED,
        A.APPROVE_EDIT: REFUSED, A.REJECT_EDIT: REFUSED, A.REMOVE: S.REMOVED,
        A.RESTORE: S.APPROVED, A.HIDE: REFUSED, A.DELETE: S.DELETED,
    },
    S.DELETED: {action: REFUSED for action in PostAction},
}  # fmt: skip

# How to bring a new experience into each state.
REACH = {
    S.PENDING: (),
    S.APPROVED: (A.APPROVE,),
    S.REJECTED: (A.REJECT,),
    S.REMOVED: (A.APPROVE, A.REMOVE),
    S.HIDDEN: (A.APPROVE, A.HIDE),
    S.DELETED: (A.DELETE,),
}


def test_the_table_covers_every_state_and_action():
    assert set(EXPECTED) == set(PostState)
    assert all(set(row) == set(PostAction) for row in EXPECTED.values())


def _revision(post: Post, action: PostAction) -> services.Revision | None:
    if action is A.EDIT_AND_APPROVE:
        return services.publish_text(post, "Edited by a moderator.")
    if action is A.APPROVE_EDIT:
        return services.publish_pending_edit(post)
    if action is A.REJECT_EDIT:
        return services.discard_pending_edit(post)
    return None


def _experience_in(app, community, state: PostState, action: PostAction) -> tuple[int, int]:
    """A new experience brought into ``state``, on a question of its own (sharers apart)."""
    question_id = make_question(
        app, community.condition_id, slug=f"q-{action.value}", title=f"Q {action.value}"
    )
    post_id = make_post(app, community.author_id, question_id=question_id, actions=REACH[state])
    if state is S.APPROVED:
        with app.app_context():
            # An edit waiting, so that the edit decisions have something to decide.
            services.edit_post(db.session.get(Post, post_id), "An edit waiting.")
            db.session.commit()
    return post_id, question_id


def _sharers(app, question_id: int) -> int:
    with app.app_context():
        return db.session.get(Question, question_id).sharer_count


@pytest.mark.parametrize("state", list(PostState), ids=lambda state: state.value)
def test_every_action_from_each_state(app, state):
    community = make_community(app)
    for action in PostAction:
        expected = EXPECTED[state][action]
        post_id, question_id = _experience_in(app, community, state, action)
        contributions_before, _ = counts(app, community)
        sharers_before = _sharers(app, question_id)

        with app.app_context():
            post = db.session.get(Post, post_id)
            moderator = db.session.get(User, community.moderator_id)
            events_before = db.session.query(ModerationEvent).count()
            revision = _revision(post, action)
            if expected is REFUSED:
                with pytest.raises(TransitionRefused):
                    services.apply_action(post, action, actor=moderator, revision=revision)
                db.session.rollback()
            else:
                services.apply_action(post, action, actor=moderator, revision=revision)
                db.session.commit()
            stored = db.session.get(Post, post_id).state
            written = db.session.query(ModerationEvent).count() - events_before
            assert find_drift() == [], action

        assert stored is (state if expected is REFUSED else expected), action
        sharers = _sharers(app, question_id)
        contributions, _ = counts(app, community)
        assert sharers == (1 if stored is S.APPROVED else 0), action
        assert contributions - contributions_before == sharers - sharers_before, action
        if expected is REFUSED:
            assert (sharers, written) == (sharers_before, 0), action
        else:
            # Every moderation action is audited; an author's own deletion is not moderation.
            assert written == (0 if action is A.DELETE else 1), action

"""The post state machine: which actions apply to which states, once each, with the counts
and the audit log."""

import pytest
from sqlalchemy import select

from community.counts import find_drift
from community.extensions import db
from community.models import ModerationEvent, Post, PostState, Question, Role, User
from community.posts import services
from community.posts.states import PostAction, TransitionRefused
from tests.factories import make_post, make_question, make_user
from tests.posts.conftest import stored_post
from tests.state import community_counts

S, A = PostState, PostAction
REFUSED = None

# What each action does from each state; REFUSED where the action is not allowed.
# Written out in full on purpose: a new state or action must be decided here, cell by cell.
EXPECTED: dict[PostState, dict[PostAction, PostState | None]] = {
    S.PENDING: {
        A.APPROVE: S.APPROVED, A.REJECT: S.REJECTED, A.EDIT_AND_APPROVE: S.APPROVED,
        A.APPROVE_EDIT: REFUSED, A.REJECT_EDIT: REFUSED, A.REMOVE: REFUSED,
        A.RESTORE: REFUSED, A.HIDE: REFUSED, A.DELETE: S.DELETED,
        A.UPHOLD_ON_APPEAL: REFUSED, A.REVERSE_ON_APPEAL: REFUSED,
        A.DISMISS_REPORTS: REFUSED, A.RESUBMIT: REFUSED,
    },
    S.APPROVED: {
        A.APPROVE: REFUSED, A.REJECT: REFUSED, A.EDIT_AND_APPROVE: S.APPROVED,
        A.APPROVE_EDIT: S.APPROVED, A.REJECT_EDIT: S.APPROVED, A.REMOVE: S.REMOVED,
        A.RESTORE: REFUSED, A.HIDE: S.HIDDEN, A.DELETE: S.DELETED,
        A.UPHOLD_ON_APPEAL: REFUSED, A.REVERSE_ON_APPEAL: REFUSED,
        A.DISMISS_REPORTS: S.APPROVED, A.RESUBMIT: REFUSED,
    },
    S.REJECTED: {
        A.APPROVE: REFUSED, A.REJECT: REFUSED, A.EDIT_AND_APPROVE: REFUSED,
        A.APPROVE_EDIT: REFUSED, A.REJECT_EDIT: REFUSED, A.REMOVE: REFUSED,
        A.RESTORE: REFUSED, A.HIDE: REFUSED, A.DELETE: S.DELETED,
        A.UPHOLD_ON_APPEAL: S.REJECTED, A.REVERSE_ON_APPEAL: S.APPROVED,
        A.DISMISS_REPORTS: REFUSED, A.RESUBMIT: S.PENDING,
    },
    S.REMOVED: {
        A.APPROVE: REFUSED, A.REJECT: REFUSED, A.EDIT_AND_APPROVE: REFUSED,
        A.APPROVE_EDIT: REFUSED, A.REJECT_EDIT: REFUSED, A.REMOVE: REFUSED,
        A.RESTORE: S.APPROVED, A.HIDE: REFUSED, A.DELETE: S.DELETED,
        A.UPHOLD_ON_APPEAL: S.REMOVED, A.REVERSE_ON_APPEAL: S.APPROVED,
        A.DISMISS_REPORTS: REFUSED, A.RESUBMIT: REFUSED,
    },
    S.HIDDEN: {
        A.APPROVE: REFUSED, A.REJECT: REFUSED, A.EDIT_AND_APPROVE: S.APPROVED,
        A.APPROVE_EDIT: REFUSED, A.REJECT_EDIT: REFUSED, A.REMOVE: S.REMOVED,
        A.RESTORE: S.APPROVED, A.HIDE: REFUSED, A.DELETE: S.DELETED,
        A.UPHOLD_ON_APPEAL: REFUSED, A.REVERSE_ON_APPEAL: REFUSED,
        A.DISMISS_REPORTS: REFUSED, A.RESUBMIT: REFUSED,
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
    post_id = make_post(app, community.wren, question_id=question_id, actions=REACH[state])
    if state is S.APPROVED:
        with app.app_context():
            # An edit waiting, so that the edit decisions have something to decide.
            services.edit_post(db.session.get(Post, post_id), "An edit waiting.")
            db.session.commit()
    return post_id, question_id


def _sharers(app, question_id: int) -> int:
    with app.app_context():
        return db.session.get(Question, question_id).sharer_count


def _contributions(app, community) -> int:
    return community_counts(app, community.condition_id, community.question_id)[1]


@pytest.mark.parametrize("state", list(PostState), ids=lambda state: state.value)
def test_every_action_from_each_state(app, community, state):
    moderator_id = make_user(app, "moderator", roles=(Role.MODERATOR,))
    for action in PostAction:
        expected = EXPECTED[state][action]
        post_id, question_id = _experience_in(app, community, state, action)
        contributions_before = _contributions(app, community)
        sharers_before = _sharers(app, question_id)

        with app.app_context():
            post = db.session.get(Post, post_id)
            moderator = db.session.get(User, moderator_id)
            events_before = db.session.query(ModerationEvent).count()
            revision = _revision(post, action)
            if expected is REFUSED:
                with pytest.raises(TransitionRefused) as refused:
                    services.apply_action(post, action, actor=moderator, revision=revision)
                assert refused.type is TransitionRefused, action
                db.session.rollback()
            else:
                services.apply_action(post, action, actor=moderator, revision=revision)
                db.session.commit()
            stored = db.session.get(Post, post_id).state
            written = db.session.query(ModerationEvent).count() - events_before
            assert find_drift() == [], action

        assert stored is (state if expected is REFUSED else expected), action
        sharers = _sharers(app, question_id)
        contributions = _contributions(app, community)
        assert sharers == (1 if stored is S.APPROVED else 0), action
        assert contributions - contributions_before == sharers - sharers_before, action
        if expected is REFUSED:
            assert (sharers, written) == (sharers_before, 0), action
        else:
            # Every moderation action is audited; an author's own deletion is not moderation.
            assert written == (0 if action is A.DELETE else 1), action


def _read_while_pending(app, post_id: int) -> Post:
    with app.app_context():
        post = db.session.get(Post, post_id)
        db.session.expunge(post)
        return post


def _approve(app, post_id: int) -> None:
    with app.app_context():
        services.apply_action(db.session.get(Post, post_id), PostAction.APPROVE, actor=None)
        db.session.commit()


def test_of_two_racing_decisions_only_the_first_applies_and_counts_move_once(app, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=())
    stale = _read_while_pending(app, post_id)  # a second moderator's request read it
    _approve(app, post_id)  # the first moderator's request commits

    with app.app_context():
        post = db.session.merge(stale, load=False)
        with pytest.raises(services.AlreadyDecided, match="already decided .*: it is approved now"):
            services.apply_action(post, PostAction.REJECT, actor=None)
        db.session.rollback()
        assert db.session.get(Post, post_id).state is PostState.APPROVED
        assert find_drift() == []


def test_an_author_delete_racing_an_approval_deletes_the_approved_post(app, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=())
    stale = _read_while_pending(app, post_id)  # the author's request read it
    _approve(app, post_id)  # a moderator's request commits

    with app.app_context():
        post = db.session.merge(stale, load=False)
        services.delete_own_post(post, db.session.get(User, community.wren))
        db.session.commit()
        assert db.session.get(Post, post_id).state is PostState.DELETED
        assert find_drift() == []


def test_moderation_is_logged_with_actor_and_reason_but_an_author_delete_is_not(app, community):
    moderator = make_user(app, "moderator")
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=())
    with app.app_context():
        post = db.session.get(Post, post_id)
        actor = db.session.get(User, moderator)
        services.apply_action(post, PostAction.APPROVE, actor=actor)
        services.apply_action(post, PostAction.REMOVE, actor=actor, reason="Off topic")
        services.delete_own_post(post, db.session.get(User, community.wren))
        db.session.commit()
        log = db.session.execute(
            select(ModerationEvent.action, ModerationEvent.actor_id, ModerationEvent.reason)
            .where(ModerationEvent.post_id == post_id)
            .order_by(ModerationEvent.id)
        ).all()
    assert [tuple(row) for row in log] == [
        ("approve", moderator, None),
        ("remove", moderator, "Off topic"),
    ]


def test_first_approval_time_is_kept_through_remove_and_restore(app, community):
    post_id = make_post(app, community.wren, question_id=community.question_id)
    approved_at = stored_post(app, post_id).approved_at
    with app.app_context():
        post = db.session.get(Post, post_id)
        services.apply_action(post, PostAction.REMOVE, actor=None)
        services.apply_action(post, PostAction.RESTORE, actor=None)
        db.session.commit()
    assert approved_at is not None
    assert stored_post(app, post_id).approved_at == approved_at

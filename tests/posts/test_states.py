"""The post state machine: which actions apply to which states, once each, with the audit log."""

import pytest
from sqlalchemy import select

from community.counts import find_drift
from community.extensions import db
from community.models import ModerationEvent, Post, PostState, User
from community.posts import services
from community.posts.states import PostAction, TransitionRefused
from tests.factories import make_post, make_user
from tests.posts.conftest import stored_post

P, A, R, X, D = (
    PostState.PENDING,
    PostState.APPROVED,
    PostState.REJECTED,
    PostState.REMOVED,
    PostState.DELETED,
)
# The product's rules: pending → approved or rejected; approved → removed → approved
# (restore); the author deletes from any state but deleted.
ALLOWED = {
    (P, PostAction.APPROVE): A,
    (P, PostAction.REJECT): R,
    (A, PostAction.REMOVE): X,
    (X, PostAction.RESTORE): A,
    (P, PostAction.DELETE): D,
    (A, PostAction.DELETE): D,
    (R, PostAction.DELETE): D,
    (X, PostAction.DELETE): D,
}
# The actions that bring a fresh post into each state.
REACH = {
    P: (),
    A: (PostAction.APPROVE,),
    R: (PostAction.REJECT,),
    X: (PostAction.APPROVE, PostAction.REMOVE),
    D: (PostAction.DELETE,),
}


@pytest.mark.parametrize("state", list(PostState), ids=lambda state: state.value)
@pytest.mark.parametrize("action", list(PostAction), ids=lambda action: action.value)
def test_each_action_applies_only_where_the_rules_allow(app, community, state, action):
    post_id = make_post(
        app, community.wren, question_id=community.question_id, actions=REACH[state]
    )
    with app.app_context():
        post = db.session.get(Post, post_id)
        if (state, action) in ALLOWED:
            assert services.apply_action(post, action, actor=None) is ALLOWED[(state, action)]
        else:
            with pytest.raises(TransitionRefused):
                services.apply_action(post, action, actor=None)
        db.session.commit()
        assert find_drift() == []
    expected = ALLOWED.get((state, action), state)
    assert stored_post(app, post_id).state is expected


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
        with pytest.raises(
            TransitionRefused, match="This post is approved: it cannot be rejected."
        ):
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

"""No moderator decides on their own post: every moderator action of the table, from every
state it applies to, is refused to the post's author, and taken by another moderator.

Generated from community.posts.states.ACTIONS: a new moderator action is covered here
without a line of this file changing.
"""

import pytest
from sqlalchemy import func, select

from community.appeals import services as appeals
from community.extensions import db
from community.models import ModerationEvent, Post, PostState, ReportReason, Role, User
from community.moderation import services
from community.moderation.services import DecisionRefused, post_version
from community.posts import reports
from community.posts import services as posts
from community.posts.states import MODERATOR_ACTIONS, Needs, PostAction
from tests.factories import make_membership, make_post, make_user
from tests.moderation.moderator import as_moderator, submit
from tests.posts.conftest import stored_post

# How to bring a new experience into each state an action starts from.
REACH = {
    PostState.PENDING: (),
    PostState.APPROVED: (PostAction.APPROVE,),
    PostState.REJECTED: (PostAction.REJECT,),
    PostState.REMOVED: (PostAction.APPROVE, PostAction.REMOVE),
    PostState.HIDDEN: (PostAction.APPROVE, PostAction.HIDE),
}

CASES = [
    pytest.param(action, state, id=f"{action.value}-from-{state.value}")
    for action, rule in MODERATOR_ACTIONS.items()
    for state in rule.moves
]


def test_every_moderator_action_is_covered():
    covered = {action for action, _ in (case.values for case in CASES)}
    assert covered == set(MODERATOR_ACTIONS)
    assert PostAction.REMOVE in covered and PostAction.DISMISS_REPORTS in covered


def _post_open_to(app, community, author_id: int, action: PostAction, state: PostState) -> int:
    """The author's experience, in ``state`` and with what ``action`` needs, ready to decide."""
    needs = MODERATOR_ACTIONS[action].needs
    post_id = make_post(
        app, author_id, question_id=community.question_id, text="Mine.", actions=REACH[state]
    )
    with app.app_context():
        post = db.session.get(Post, post_id)
        if needs is Needs.PENDING_EDIT:
            posts.edit_post(post, "Mine, edited.")
        if needs is Needs.OPEN_REPORTS:
            reporter = db.session.get(User, community.author_id)
            reports.file_report(reporter, post, ReportReason.MISINFORMATION)
        if needs is Needs.OPEN_APPEAL:
            decided = db.session.scalar(
                select(ModerationEvent)
                .where(ModerationEvent.post_id == post_id)
                .order_by(ModerationEvent.id.desc())
            )
            appeals.file_appeal(db.session.get(User, author_id), decided, "Please look again.")
        db.session.commit()
    return post_id


def _form(action: PostAction, version: str) -> dict[str, str]:
    rule = MODERATOR_ACTIONS[action]
    data = {"version": version}
    if rule.reason is not None:
        data["reason"] = "Because."
    if action is PostAction.EDIT_AND_APPROVE:
        data.update(body="Mine, as a moderator wrote it.", submit=rule.button)
    return data


def _snapshot(app, post_id: int) -> tuple[str, int]:
    with app.app_context():
        post = db.session.get(Post, post_id)
        logged = db.session.scalar(select(func.count()).select_from(ModerationEvent))
        return post_version(post), logged


def _by_service(app, moderator_id: int, post_id: int, action: PostAction) -> None:
    with app.app_context():
        moderator = db.session.get(User, moderator_id)
        post = db.session.get(Post, post_id)
        form = _form(action, post_version(post))
        if action is PostAction.EDIT_AND_APPROVE:
            services.edit_and_approve(
                moderator, post, form["body"], form["reason"], form["version"]
            )
        else:
            decide = services.DECISIONS[MODERATOR_ACTIONS[action].verb]
            decide(moderator, post, seen_version=form["version"], reason=form.get("reason"))
        db.session.commit()


@pytest.mark.parametrize(("action", "state"), CASES)
def test_a_moderator_never_decides_on_their_own_post(app, client, community, action, state):
    make_membership(app, community.moderator_id, community.condition_id)
    own = _post_open_to(app, community, community.moderator_id, action, state)
    before = _snapshot(app, own)
    url = f"/moderation/posts/{own}/{MODERATOR_ACTIONS[action].verb}"

    with pytest.raises(DecisionRefused, match="another moderator decides on it"):
        _by_service(app, community.moderator_id, own, action)
    as_moderator(client)
    response = submit(client, url, **_form(action, before[0]))

    assert response.status_code == 403
    assert "another moderator decides on it" in response.text
    assert _snapshot(app, own) == before

    # Another moderator can take the very same decision: the refusal was for the author only.
    make_user(app, "mod_bo", roles=(Role.MODERATOR,))
    other = app.test_client()
    as_moderator(other, "mod_bo")
    taken = submit(other, url, **_form(action, before[0]))
    assert taken.status_code == 303, taken.text
    with app.app_context():
        last = db.session.scalar(select(ModerationEvent).order_by(ModerationEvent.id.desc()))
        assert (last.action, last.post_id) == (action.value, own)
    assert stored_post(app, own).state is MODERATOR_ACTIONS[action].moves[state]

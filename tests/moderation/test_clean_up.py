"""Spam clean-up: a member's posts in every state, all taken down and the member suspended."""

from community.extensions import db
from community.models import Post, PostState, User
from community.posts import services
from community.posts.states import PostAction
from tests.factories import make_post, make_question
from tests.moderation.moderator import as_moderator, counts, events, submit
from tests.posts.conftest import stored_post
from tests.web import log_in

REASON = "Advertising supplements."


def _spammer_posts(app, community) -> dict[str, int]:
    """wren's posts, one in each state: published, waiting, rejected, removed, deleted, hidden."""
    questions = [
        make_question(app, community.condition_id, f"q{n}", f"Question {n}?") for n in range(3)
    ]
    published = make_post(app, community.author_id, question_id=community.question_id)
    posts = {
        "published": published,
        "edited": make_post(app, community.author_id, question_id=questions[0], text="Old."),
        "waiting": make_post(app, community.author_id, parent_id=published, actions=()),
        "rejected": make_post(
            app, community.author_id, parent_id=published, actions=(PostAction.REJECT,)
        ),
        "removed": make_post(
            app,
            community.author_id,
            parent_id=published,
            actions=(PostAction.APPROVE, PostAction.REMOVE),
        ),
        "hidden": make_post(
            app,
            community.author_id,
            question_id=questions[1],
            actions=(PostAction.APPROVE, PostAction.HIDE),
        ),
        "deleted": make_post(app, community.author_id, question_id=questions[2]),
    }
    with app.app_context():
        services.edit_post(db.session.get(Post, posts["edited"]), "New, waiting.")
        author = db.session.get(User, community.author_id)
        services.delete_own_post(db.session.get(Post, posts["deleted"]), author)
        db.session.commit()
    return posts


def test_the_member_page_lists_their_posts_in_every_state(app, client, community):
    posts = _spammer_posts(app, community)
    as_moderator(client)
    page = client.get("/moderation/members/wren").text
    assert "Posts by wren (7)" in page
    for post_id in posts.values():
        assert f"/moderation/posts/{post_id}" in page
    for label in ("Published", "Pending", "Rejected", "Removed", "Hidden by reports"):
        assert f">{label}</span>" in page


def test_remove_all_posts_and_suspend_takes_each_down_through_the_decisions(app, client, community):
    posts = _spammer_posts(app, community)
    before = counts(app, community)
    down_before = [events(app, posts[name]) for name in ("removed", "rejected", "deleted")]
    as_moderator(client)

    response = submit(
        client,
        "/moderation/members/wren/clean-up",
        reason=REASON,
        submit="Remove all posts and suspend",
    )

    assert response.status_code == 303
    page = client.get("/moderation/members/wren").text
    assert (
        "Removed 3 published posts and rejected 1 waiting post. 3 posts were already down. "
        "wren is suspended."
    ) in page
    state = {name: stored_post(app, post_id).state for name, post_id in posts.items()}
    assert state == {
        "published": PostState.REMOVED,
        "edited": PostState.REMOVED,
        "waiting": PostState.REJECTED,
        "rejected": PostState.REJECTED,
        "removed": PostState.REMOVED,
        "hidden": PostState.REMOVED,
        "deleted": PostState.DELETED,
    }
    for name, action in (
        ("published", "remove"),
        ("edited", "remove"),
        ("hidden", "remove"),
        ("waiting", "reject"),
    ):
        assert events(app, posts[name])[-1] == (community.moderator_id, action, REASON, None, None)
    # Nothing new about the posts already down.
    assert [events(app, posts[name]) for name in ("removed", "rejected", "deleted")] == down_before
    # The published experience and its condition's counts: down by the two published ones
    # on this question (the experience) and the published posts elsewhere in the condition.
    contributions, sharers = counts(app, community)
    assert sharers == before[1] - 1
    assert contributions == before[0] - 2  # published and edited; the hidden one was not counted
    with app.app_context():
        member = db.session.get(User, community.author_id)
        assert member.suspended_at is not None and member.suspension_reason == REASON
    assert events(app)[-1][1:3] == ("suspend", REASON)


def test_clean_up_needs_a_reason_and_changes_nothing_without_one(app, client, community):
    posts = _spammer_posts(app, community)
    as_moderator(client)
    response = submit(client, "/moderation/members/wren/clean-up", reason=" ")
    assert response.status_code == 400
    assert stored_post(app, posts["published"]).state is PostState.APPROVED
    with app.app_context():
        assert db.session.get(User, community.author_id).suspended_at is None


def test_moderators_cannot_clean_up_after_a_moderator(app, client, community):
    from community.models import Role
    from tests.factories import make_user

    other = make_user(app, "mod_bo", roles=(Role.MODERATOR,))
    as_moderator(client)
    response = submit(client, "/moderation/members/mod_bo/clean-up", reason=REASON)
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(User, other).suspended_at is None


def test_a_member_cannot_clean_up(app, client, community):
    posts = _spammer_posts(app, community)
    log_in(client, "kestrel")
    response = submit(client, "/moderation/members/wren/clean-up", reason=REASON)
    assert response.status_code == 403
    assert stored_post(app, posts["published"]).state is PostState.APPROVED

"""Writing a post and approving one send a fixed, small set of statements.

The answer to a reply is worked out in the transaction that wrote it (after the commit the
post and its author would each be read again), and a notification is written with one
INSERT, its recipient read only when they are mailed at once.
"""

from community.extensions import db
from community.models import Notification, Post, PostState, Role, User
from community.moderation import services as moderation
from community.posts import services as posts
from tests.factories import make_post, make_user
from tests.posts.conftest import QUESTION_URL
from tests.querycount import count_queries
from tests.web import client_as, csrf_token


def _reads_of(statements: list[str], table: str) -> list[str]:
    return [s for s in statements if s.lstrip().startswith("SELECT") and f"FROM {table}" in s]


def test_a_reply_is_written_and_answered_in_seven_statements(app, community):
    experience = make_post(app, community.wren, question_id=community.question_id)
    kestrel = client_as(app, "kestrel")
    token = csrf_token(kestrel, QUESTION_URL)

    with count_queries(app) as statements:
        answer = kestrel.post(
            f"/posts/{experience}/replies", data={"body": "Same here.", "csrf_token": token}
        )

    assert answer.status_code == 303
    assert f"#message-post-{experience + 1}" in answer.headers["Location"]
    # The member with their roles, the post answered, the member's membership, the watched
    # words, the reply and its place in the thread, and the page that shows it.
    assert len(statements) == 7, "\n".join(statements)
    assert len(_reads_of(statements, "users")) == 1
    assert len([s for s in statements if "INSERT INTO posts" in s]) == 1


def test_approving_a_reply_writes_each_notification_once_without_loading_its_recipient(
    app, community
):
    experience = make_post(app, community.wren, question_id=community.question_id)
    reply = make_post(app, community.kestrel, parent_id=experience, actions=())
    moderator_id = make_user(app, "moderator", (Role.MODERATOR,))
    with app.app_context():
        moderator = db.session.get(User, moderator_id)
        post = db.session.get(Post, reply)
        seen = moderation.post_version(post)
        with count_queries(app) as statements:
            moderation.approve(moderator, post, seen)
            db.session.commit()
        assert post.state is PostState.APPROVED

    # wren is told of the reply, kestrel of the decision.
    inserts = [s for s in statements if "INSERT INTO notifications" in s]
    assert len(inserts) == 2
    # The post and its condition's counts are updated by their ids: the pages they show
    # on are known without reading their rows again first.
    assert not [s for s in statements if "SELECT DISTINCT" in s], "\n".join(statements)
    assert not [s for s in statements if "UPDATE notifications" in s]
    assert not _reads_of(statements, "users")


def test_a_notification_mailed_at_once_is_marked_mailed_in_its_insert(app, community):
    experience = make_post(app, community.wren, question_id=community.question_id)
    with app.test_request_context(), app.app_context():
        kestrel = db.session.get(User, community.kestrel)
        reply = posts.create_reply(kestrel, db.session.get(Post, experience), "Same here.")
        with count_queries(app) as statements:
            posts.apply_action(reply, posts.PostAction.APPROVE, actor=None)
            db.session.commit()

    assert not [s for s in statements if "UPDATE notifications" in s]
    with app.app_context():
        told = db.session.scalars(db.select(Notification)).all()
        assert {notification.recipient_id for notification in told} == {
            community.wren,
            community.kestrel,
        }
        assert all(notification.mailed_at == notification.created_at for notification in told)

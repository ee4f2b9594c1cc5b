"""``/account/delete``: a confirmed deletion that removes or keeps posts, counts exact."""

import pytest
from sqlalchemy import func, select

from community import memberships
from community.accounts.services import find_by_username
from community.counts import find_drift
from community.extensions import db
from community.models import (
    Condition,
    Membership,
    ModerationEvent,
    Post,
    PostState,
    Relation,
    Role,
    User,
)
from community.own_data.deletion import PostsChoice, delete_account
from community.posts import helped
from community.posts.services import DELETED_TEXT
from tests.factories import (
    PASSWORD,
    make_condition,
    make_member,
    make_membership,
    make_post,
    make_question,
    make_user,
)
from tests.interleaving import interleave
from tests.state import assert_changes_nothing, community_counts
from tests.web import csrf_token, log_in

QUESTION_PATH = "/conditions/asthma/questions/what-causes-it"


@pytest.fixture
def thread(app) -> dict[str, int]:
    """wheezy's approved experience with breather's reply under it, and wheezy's own reply."""
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    member_id = make_member(app, condition_id, "wheezy")
    other_id = make_member(app, condition_id, "breather")
    experience = make_post(app, member_id, question_id=question_id, text="Cold air sets it off.")
    reply = make_post(app, other_id, parent_id=experience, text="Same for me in winter.")
    own_reply = make_post(app, member_id, parent_id=reply, text="Scarves help me.")
    with app.app_context():
        db.session.add(
            ModerationEvent(
                action="edit",
                post_id=experience,
                text_before="Cold air sets it off at 12 High Street.",
                text_after="Cold air sets it off.",
            )
        )
        db.session.commit()
    return {
        "member": member_id,
        "condition": condition_id,
        "question": question_id,
        "experience": experience,
        "reply": reply,
        "own_reply": own_reply,
    }


def _delete(client, with_token: bool = True, **data):
    if with_token:
        data["csrf_token"] = csrf_token(client, "/account/delete")
    return client.post("/account/delete", data=data)


def _counts(app, thread) -> tuple[int, int, int]:
    """(members, contributions, sharers) of the thread's condition and question."""
    return community_counts(app, thread["condition"], thread["question"])


def test_confirmation_page_offers_both_choices_and_asks_for_the_password(app, client, thread):
    log_in(client, "wheezy")
    page = client.get("/account/delete")
    assert page.status_code == 200
    assert "<h1>Delete your account</h1>" in page.text
    assert "Remove my posts" in page.text
    assert "Keep my posts, shown as written by a former member" in page.text
    assert 'type="password"' in page.text
    assert "Delete my account" in page.text


# What is sent, with a form token or not, and what the member is told.
REFUSED = {
    "wrong password": (
        {"posts": "remove", "password": "not my password"},
        True,
        "That password is not right.",
    ),
    "no choice about posts": ({"password": PASSWORD}, True, "Choose what happens to your posts."),
    "no form token": ({"posts": "remove", "password": PASSWORD}, False, "CSRF token is missing"),
}


@pytest.mark.parametrize("case", REFUSED, ids=REFUSED.keys())
def test_a_refused_deletion_deletes_nothing(app, client, thread, case):
    data, with_token, message = REFUSED[case]
    log_in(client, "wheezy")
    assert_changes_nothing(
        app, lambda: _delete(client, with_token=with_token, **data), 400, message
    )
    with app.app_context():
        assert db.session.get(User, thread["member"]) is not None
    assert _counts(app, thread) == (2, 3, 1)


def test_remove_my_posts_leaves_placeholders_and_exact_counts(app, client, thread):
    assert _counts(app, thread) == (2, 3, 1)
    log_in(client, "wheezy")

    response = _delete(client, posts="remove", password=PASSWORD)

    assert response.status_code == 303
    assert client.get("/").text.count("Your account is deleted.") == 1
    assert _counts(app, thread) == (1, 1, 0)
    with app.app_context():
        assert find_drift() == []
        assert db.session.get(User, thread["member"]) is None
        assert db.session.scalar(select(func.count()).select_from(Membership)) == 1
        for post_id in (thread["experience"], thread["own_reply"]):
            post = db.session.get(Post, post_id)
            assert post.state is PostState.DELETED
            assert post.author_id is None
            assert post.body_markdown == post.body_html == ""
        assert db.session.get(Post, thread["reply"]).state is PostState.APPROVED
        # The decision stays in the log; the text it kept does not.
        event = db.session.scalar(select(ModerationEvent).where(ModerationEvent.action == "edit"))
        assert event.text_before == event.text_after == DELETED_TEXT
    page = client.get(QUESTION_PATH).text
    assert "Cold air sets it off." not in page
    assert "Scarves help me." not in page
    assert "Same for me in winter." in page
    assert "This post was deleted by its author." in page


def test_keep_my_posts_shows_them_as_former_member_with_exact_counts(app, client, thread):
    log_in(client, "wheezy")

    response = _delete(client, posts="keep", password=PASSWORD)

    assert response.status_code == 303
    assert _counts(app, thread) == (1, 3, 1)
    with app.app_context():
        assert find_drift() == []
        assert db.session.get(User, thread["member"]) is None
        kept = db.session.get(Post, thread["experience"])
        assert kept.state is PostState.APPROVED and kept.author_id is None
    # The page's body: its head describes the same posts to search engines.
    page = client.get(QUESTION_PATH).text.split("</head>", 1)[1]
    assert "Cold air sets it off." in page
    assert "Scarves help me." in page
    assert page.count("Former member") == 2
    assert "wheezy" not in page


def test_a_deleted_account_is_logged_out_and_cannot_log_in_again(app, client, thread):
    log_in(client, "wheezy")
    _delete(client, posts="keep", password=PASSWORD)
    assert client.get("/account/export").status_code == 302
    token = csrf_token(client, "/auth/login")
    response = client.post(
        "/auth/login", data={"identifier": "wheezy", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 400


def test_the_only_admin_cannot_delete_their_account(app, client, thread):
    admin_id = make_user(app, "keeper", roles=(Role.ADMIN,))
    make_membership(app, admin_id, thread["condition"])
    make_post(app, admin_id, parent_id=thread["experience"], text="Welcome, both of you.")
    log_in(client, "keeper")

    assert_changes_nothing(
        app,
        lambda: _delete(client, posts="remove", password=PASSWORD),
        409,
        "You are the site&#39;s only admin: give another member the admin role before "
        "deleting your account. Nothing was changed.",
    )


def test_an_admin_can_delete_their_account_while_another_admin_remains(app, client, thread):
    make_user(app, "keeper", roles=(Role.ADMIN,))
    make_user(app, "other-keeper", roles=(Role.ADMIN,))
    log_in(client, "keeper")

    assert _delete(client, posts="remove", password=PASSWORD).status_code == 303
    with app.app_context():
        assert find_by_username("keeper") is None
        assert find_by_username("other-keeper").has_role(Role.ADMIN)


# The member acting in another request while their account is deleted, each on a
# connection of its own.


@pytest.mark.fresh_database
def test_a_community_joined_while_the_account_is_deleted_keeps_its_count_exact(app, thread):
    lupus = make_condition(app, "lupus", "Lupus")

    def join():
        member = db.session.get(User, thread["member"])
        memberships.join(member, db.session.get(Condition, lupus), Relation.PATIENT)

    def delete():
        delete_account(db.session.get(User, thread["member"]), PostsChoice.KEEP)

    joined, deleted = interleave(app, join, delete)

    assert joined.error is None and deleted.error is None
    with app.app_context():
        assert db.session.get(User, thread["member"]) is None
        assert db.session.get(Condition, lupus).member_count == 0
        assert find_drift() == []


@pytest.mark.fresh_database
def test_a_mark_taken_back_while_the_account_is_deleted_counts_once(app, thread):
    other_question = make_question(app, thread["condition"], "how-is-it-treated", "Treated?")
    experience = make_post(app, make_user(app, "sharer"), question_id=other_question)
    with app.app_context():
        assert helped.mark_helped(
            db.session.get(User, thread["member"]), db.session.get(Post, experience)
        )
        db.session.commit()

    def take_back():
        member = db.session.get(User, thread["member"])
        return helped.unmark_helped(member, db.session.get(Post, experience))

    def delete():
        delete_account(db.session.get(User, thread["member"]), PostsChoice.KEEP)

    taken_back, deleted = interleave(app, take_back, delete)

    assert taken_back.value is True and deleted.error is None
    with app.app_context():
        assert db.session.get(Post, experience).helped_count == 0
        assert find_drift() == []


# What the member sends from another tab, while their account is being deleted: the
# request waits for the deletion, then finds the rows it would refer to gone.
FROM_ANOTHER_TAB = {
    "share an experience": (
        "/conditions/asthma/questions/how-is-it-treated/experiences",
        {"body": "Steroids helped me."},
    ),
    "reply": ("/posts/{reply}/replies", {"body": "Scarves help me too."}),
    "join a community": ("/conditions/lupus/join", {"relation": Relation.PATIENT.value}),
}


@pytest.mark.fresh_database
@pytest.mark.parametrize("case", FROM_ANOTHER_TAB)
def test_a_write_from_another_tab_while_the_account_is_deleted_is_told_and_stores_nothing(
    app, thread, case
):
    make_question(app, thread["condition"], "how-is-it-treated", "Treated?")
    lupus = make_condition(app, "lupus", "Lupus")
    path, data = FROM_ANOTHER_TAB[case]
    tab = app.test_client()
    log_in(tab, "wheezy")
    token = csrf_token(tab, QUESTION_PATH)

    def delete():
        delete_account(db.session.get(User, thread["member"]), PostsChoice.KEEP)

    def send():
        return tab.post(path.format(**thread), data={**data, "csrf_token": token})

    deleted, sent = interleave(app, delete, send)

    assert deleted.error is None and sent.error is None
    assert sent.value.status_code == 409
    assert "Your account was deleted while this was being sent. Nothing was saved." in (
        sent.value.text
    )
    # Signed out, not shown the site as a member who no longer exists.
    assert "Log out" not in sent.value.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Post)) == 3
        assert db.session.get(Condition, lupus).member_count == 0
        assert find_drift() == []

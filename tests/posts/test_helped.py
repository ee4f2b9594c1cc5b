"""Members mark experiences "This helped me": once each, never their own, counted from 3."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from community.extensions import db
from community.models import HelpedMark, Post, User, utcnow
from community.posts.states import PostAction
from tests.factories import PASSWORD, make_membership, make_post, make_user
from tests.posts.conftest import QUESTION_URL
from tests.web import log_in, post_form


def helped_url(post_id: int) -> str:
    return f"/posts/{post_id}/helped"


def mark(client, post_id: int, helped: str = "yes", **more):
    return post_form(client, helped_url(post_id), {"helped": helped, **more}, QUESTION_URL)


def stored(app, post_id: int) -> tuple[int, int]:
    """The post's stored count and its marks."""
    with app.app_context():
        count = db.session.get(Post, post_id).helped_count
        marks = db.session.scalar(
            select(func.count()).select_from(HelpedMark).where(HelpedMark.post_id == post_id)
        )
        return count, marks


@pytest.fixture
def experience(app, community) -> int:
    """Wren's published experience; kestrel (a member) may mark it."""
    return make_post(app, community.wren, question_id=community.question_id)


def readers(app, community, count: int) -> list[str]:
    """``count`` more members of the condition, by name."""
    names = [f"reader{index}" for index in range(count)]
    for name in names:
        make_membership(app, make_user(app, name), community.condition_id)
    return names


def test_a_member_marks_an_experience_once_however_often_they_press(
    app, client, community, experience
):
    log_in(client, "kestrel")
    first = mark(client, experience)
    assert first.status_code == 303
    assert first.headers["Location"].endswith(f"#message-post-{experience}")
    assert mark(client, experience).status_code == 303
    assert stored(app, experience) == (1, 1)


def test_the_database_keeps_one_mark_per_member_even_when_the_check_is_raced(
    app, community, experience
):
    """Two requests that both found no mark: the second insert stores nothing, counts nothing."""
    from community.posts import helped

    with app.app_context():
        kestrel = db.session.get(User, community.kestrel)
        post = db.session.get(Post, experience)
        assert helped.mark_helped(kestrel, post)
        real_check = helped.has_marked
        helped.has_marked = lambda member, post: False
        try:
            assert not helped.mark_helped(kestrel, post)
        finally:
            helped.has_marked = real_check
        db.session.commit()
    assert stored(app, experience) == (1, 1)


def test_undo_takes_the_mark_back_and_the_page_offers_it(app, client, community, experience):
    log_in(client, "kestrel")
    page = client.get(QUESTION_URL).text
    assert "This helped me" in page and ">Undo<" not in page
    mark(client, experience)
    page = client.get(QUESTION_URL).text
    assert "You found this helpful" in page and ">Undo<" in page
    assert 'name="helped" value="no"' in page
    mark(client, experience, "no")
    assert stored(app, experience) == (0, 0)
    # A second undo changes nothing.
    assert mark(client, experience, "no").status_code == 303
    assert stored(app, experience) == (0, 0)
    assert "This helped me" in client.get(QUESTION_URL).text


def test_the_author_cannot_mark_their_own_experience(app, client, community, experience):
    log_in(client, "wren")
    assert "This helped me" not in client.get(QUESTION_URL).text
    response = mark(client, experience)
    assert response.status_code == 403
    assert "You cannot mark your own experience as helpful." in response.text
    assert stored(app, experience) == (0, 0)


@pytest.mark.parametrize(
    "actions",
    [(), (PostAction.REJECT,), (PostAction.APPROVE, PostAction.REMOVE), (PostAction.DELETE,)],
    ids=["pending", "rejected", "removed", "deleted"],
)
def test_only_published_experiences_can_be_marked(app, client, community, actions):
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=actions)
    log_in(client, "kestrel")
    response = mark(client, post_id)
    # Not published: as if it were not there.
    assert response.status_code == 404
    assert stored(app, post_id) == (0, 0)


def test_replies_are_not_marked(app, client, community, experience):
    reply = make_post(app, community.kestrel, parent_id=experience, text="A reply.")
    log_in(client, "robin")
    response = mark(client, reply)
    assert response.status_code == 400
    assert stored(app, reply) == (0, 0)


def test_members_who_may_not_write_cannot_mark(app, client, community, experience):
    with app.app_context():
        db.session.execute(
            update(User)
            .where(User.id == community.kestrel)
            .values(suspended_until=utcnow() + timedelta(days=3))
        )
        db.session.commit()
    log_in(client, "kestrel")
    assert mark(client, experience).status_code == 403
    make_user(app, "unconfirmed", verified=False)
    log_in(client, "unconfirmed")
    assert mark(client, experience).status_code == 403
    assert stored(app, experience) == (0, 0)


def test_a_missing_or_strange_answer_is_a_400(app, client, community, experience):
    log_in(client, "kestrel")
    assert mark(client, experience, "maybe").status_code == 400
    assert post_form(client, helped_url(experience), {}, QUESTION_URL).status_code == 400
    assert client.post(helped_url(experience), data={"helped": "yes"}).status_code == 400
    assert mark(client, 999_999).status_code == 404
    assert stored(app, experience) == (0, 0)


def test_the_number_shows_only_from_three_marks_to_everyone(app, client, community, experience):
    names = readers(app, community, 3)
    visitor = app.test_client()
    shown = []
    for name in names:
        member = app.test_client()
        log_in(member, name)
        mark(member, experience)
        shown.append(visitor.get(QUESTION_URL).text)
    assert "found this helpful" not in shown[0]
    assert "found this helpful" not in shown[1]
    assert "3 people found this helpful" in shown[2]
    # Below three again after an undo: the number goes.
    member = app.test_client()
    log_in(member, names[0])
    mark(member, experience, "no")
    assert "found this helpful" not in visitor.get(QUESTION_URL).text


def test_nobody_learns_who_marked(app, client, community, experience):
    names = readers(app, community, 3)
    for name in names:
        member = app.test_client()
        log_in(member, name)
        mark(member, experience)
    pages = [
        app.test_client().get(QUESTION_URL).text,
        app.test_client().get("/api/v1" + QUESTION_URL).text,
        app.test_client().get("/members/wren").text,
    ]
    log_in(client, "kestrel")
    pages.append(client.get(QUESTION_URL).text)
    for page in pages:
        assert not any(name in page for name in names)


def test_the_order_never_follows_the_marks(app, client, community, experience):
    later = make_post(app, community.kestrel, question_id=community.question_id)
    for name in readers(app, community, 3):
        member = app.test_client()
        log_in(member, name)
        mark(member, later)
    page = client.get(QUESTION_URL).text
    assert page.index(f'id="post-{experience}"') < page.index(f'id="post-{later}"')
    assert client.get(QUESTION_URL + "?order=most-helpful").status_code == 400


def test_marking_goes_back_to_the_page_it_was_pressed_on(app, client, community, experience):
    log_in(client, "kestrel")
    page = client.get(QUESTION_URL + "?order=newest&relation=patient").text
    assert f'name="next" value="{QUESTION_URL}?order=newest&amp;relation=patient"' in page
    response = mark(client, experience, next=f"{QUESTION_URL}?order=newest")
    assert response.headers["Location"] == f"{QUESTION_URL}?order=newest#message-post-{experience}"
    # Never off the site.
    response = mark(client, experience, "no", next="https://elsewhere.example/")
    assert response.headers["Location"] == f"{QUESTION_URL}#message-post-{experience}"


def test_recount_finds_and_repairs_a_drifted_helped_count(app, runner, community, experience):
    with app.app_context():
        db.session.add(HelpedMark(user_id=community.kestrel, post_id=experience))
        db.session.commit()
    found = runner.invoke(args=["recount"])
    assert found.exit_code == 1
    assert f"helped of post {experience} (id {experience}): stored 0, actual 1" in found.output
    fixed = runner.invoke(args=["recount", "--fix"])
    assert fixed.exit_code == 0
    assert stored(app, experience) == (1, 1)
    assert runner.invoke(args=["recount"]).exit_code == 0


def test_marks_through_the_site_leave_no_drift(app, client, runner, community, experience):
    log_in(client, "kestrel")
    mark(client, experience)
    mark(client, experience)
    robin_client = app.test_client()
    log_in(robin_client, "robin")
    mark(robin_client, experience)
    mark(robin_client, experience, "no")
    assert stored(app, experience) == (1, 1)
    assert runner.invoke(args=["recount"]).exit_code == 0


def test_the_export_lists_the_members_marks(app, client, community, experience):
    log_in(client, "kestrel")
    mark(client, experience)
    exported = json.loads(client.get("/account/export").data)
    assert [row["post"] for row in exported["experiences_that_helped_you"]] == [experience]
    log_in(client, "wren")
    assert json.loads(client.get("/account/export").data)["experiences_that_helped_you"] == []


def test_deleting_the_account_takes_its_marks_back(app, client, runner, community, experience):
    other = make_post(app, community.robin, question_id=community.question_id)
    log_in(client, "kestrel")
    mark(client, experience)
    mark(client, other)
    response = post_form(
        client,
        "/account/delete",
        {"password": PASSWORD, "posts": "keep"},
        "/account/delete",
    )
    assert response.status_code in (302, 303), response.text
    assert stored(app, experience) == (0, 0)
    assert stored(app, other) == (0, 0)
    assert runner.invoke(args=["recount"]).exit_code == 0

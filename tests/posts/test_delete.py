"""Deleting one's own post: the text goes, a placeholder keeps the thread's shape."""

import pytest

from community.models import PostState
from community.posts.states import PostAction
from tests.factories import make_post
from tests.posts.conftest import QUESTION_URL, stored_post
from tests.state import assert_changes_nothing, community_counts
from tests.web import log_in, log_out, post_form


def delete(client, post_id: int):
    return post_form(client, f"/posts/{post_id}/delete", page=f"/posts/{post_id}/delete")


def test_the_edit_page_offers_deleting_after_a_confirmation(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, text="Mine.")
    log_in(client, "wren")
    html = client.get(f"/posts/{post_id}/edit").text
    assert f'href="/posts/{post_id}/delete"' in html
    # The edit page itself deletes nothing: the confirmation page does.
    assert f'action="/posts/{post_id}/delete"' not in html

    confirm = assert_changes_nothing(
        app, lambda: client.get(f"/posts/{post_id}/delete"), 200, "Delete your experience?"
    )
    assert "<p>Mine.</p>" in confirm.text
    assert f'action="/posts/{post_id}/delete"' in confirm.text
    assert 'value="Delete"' in confirm.text
    assert stored_post(app, post_id).state is PostState.APPROVED


def test_only_the_author_sees_the_confirmation(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "kestrel")
    assert client.get(f"/posts/{post_id}/delete").status_code == 403


def test_deleting_erases_the_text_and_leaves_a_placeholder_over_the_replies(app, client, community):
    experience = make_post(app, community.wren, question_id=community.question_id, text="Gone.")
    make_post(app, community.kestrel, parent_id=experience, text="Still readable.")
    log_in(client, "wren")

    response = delete(client, experience)

    assert response.status_code == 303
    post = stored_post(app, experience)
    assert post.state is PostState.DELETED
    assert (post.body_markdown, post.body_html, post.pending_markdown) == ("", "", None)
    assert community_counts(app, community.condition_id, community.question_id) == (2, 1, 0)
    for viewer in ("wren", None):
        if viewer is None:
            log_out(client)
        html = client.get(QUESTION_URL).text
        assert "This post was deleted by its author." in html
        assert "Still readable." in html and "Gone." not in html


def test_deleting_a_pending_edit_takes_the_edit_too(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "wren")
    post_form(client, f"/posts/{post_id}/edit", {"body": "Second thoughts."})

    delete(client, post_id)

    assert stored_post(app, post_id).pending_markdown is None
    assert "Second thoughts." not in client.get(QUESTION_URL).text


def test_a_post_deleted_before_anyone_saw_it_leaves_no_trace(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=())
    log_in(client, "wren")

    delete(client, post_id)

    for viewer in ("wren", None):
        if viewer is None:
            log_out(client)
        html = client.get(QUESTION_URL).text
        assert f'id="post-{post_id}"' not in html
        assert "This post was deleted by its author." not in html


@pytest.mark.parametrize("deleter", ["kestrel", "robin"])
def test_members_cannot_delete_each_others_posts(app, client, community, deleter):
    post_id = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, deleter)
    assert_changes_nothing(app, lambda: delete(client, post_id), 403)


def test_a_deleted_post_cannot_be_deleted_again(app, client, community):
    post_id = make_post(
        app,
        community.wren,
        question_id=community.question_id,
        actions=(PostAction.APPROVE, PostAction.DELETE),
    )
    log_in(client, "wren")
    assert_changes_nothing(app, lambda: post_form(client, f"/posts/{post_id}/delete"), 403)


def test_a_published_post_deleted_before_anyone_replied_leaves_no_placeholder(
    app, client, community
):
    first = make_post(app, community.kestrel, question_id=community.question_id, text="First.")
    gone = make_post(app, community.wren, question_id=community.question_id, text="Gone.")
    reply = make_post(app, community.kestrel, parent_id=first, text="A reply.")
    unanswered_reply = make_post(app, community.wren, parent_id=first, text="Unanswered.")
    waiting = make_post(app, community.kestrel, parent_id=gone, text="Waiting.", actions=())
    log_in(client, "wren")

    delete(client, gone)
    delete(client, unanswered_reply)

    for viewer in ("wren", None):
        if viewer is None:
            log_out(client)
        html = client.get(QUESTION_URL).text
        assert "This post was deleted by its author." not in html
        assert f'id="post-{gone}"' not in html and f'id="post-{unanswered_reply}"' not in html
        assert f'id="post-{waiting}"' not in html
        # The thread it did not answer keeps its shape.
        assert f'id="post-{first}"' in html and f'id="post-{reply}"' in html
        assert "First." in html and "A reply." in html

"""Deleting one's own post: the text goes, a placeholder keeps the thread's shape."""

import pytest

from community.models import PostState
from community.posts.states import PostAction
from tests.factories import make_post
from tests.posts.conftest import QUESTION_URL, stored_post
from tests.state import assert_changes_nothing, community_counts
from tests.web import log_in, log_out, post_form


def delete(client, post_id: int):
    return post_form(client, f"/posts/{post_id}/delete", page=f"/posts/{post_id}/edit")


def test_the_edit_page_offers_deleting(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "wren")
    html = client.get(f"/posts/{post_id}/edit").text
    assert f'action="/posts/{post_id}/delete"' in html and 'value="Delete this post"' in html


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

"""Replying: members of the condition answer published posts, at any depth."""

import pytest

from community.models import PostKind, PostState
from community.posts.states import PostAction
from tests.factories import make_post
from tests.posts.conftest import QUESTION_URL, post_ids, stored_post
from tests.state import assert_changes_nothing, community_counts
from tests.web import log_in, log_out, post_form


def reply(client, parent_id: int, body: str = "Same here, every winter."):
    return post_form(client, f"/posts/{parent_id}/replies", {"body": body}, QUESTION_URL)


def test_each_published_post_has_a_reply_control_with_the_contract_labels(app, client, community):
    experience = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "kestrel")

    html = client.get(QUESTION_URL).text

    assert "<summary>Reply</summary>" in html
    assert f'action="/posts/{experience}/replies"' in html
    assert f'<label for="reply-{experience}">Your reply</label>' in html
    assert '<button type="submit" class="button">Reply</button>' in html


def test_replying_stores_a_pending_reply_nested_under_its_parent_for_its_author_only(
    app, client, community
):
    experience = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "kestrel")

    response = reply(client, experience)

    assert response.status_code == 303
    reply_id = post_ids(app)[-1]
    assert response.headers["Location"] == f"{QUESTION_URL}#message-post-{reply_id}"
    post = stored_post(app, reply_id)
    assert (post.kind, post.state, post.parent_id, post.root_id, post.depth) == (
        PostKind.REPLY,
        PostState.PENDING,
        experience,
        experience,
        1,
    )
    assert community_counts(app, community.condition_id, community.question_id) == (2, 1, 1)
    own = client.get(QUESTION_URL).text
    assert own.index(f'id="post-{experience}"') < own.index(f'id="post-{reply_id}"')
    assert "Same here, every winter." in own and "Awaiting moderation" in own

    for other in (None, "wren"):
        log_out(client)
        if other:
            log_in(client, other)
        html = client.get(QUESTION_URL).text
        assert "Same here, every winter." not in html and f'id="post-{reply_id}"' not in html


def test_replies_may_answer_replies_at_any_depth(app, client, community):
    parent = make_post(app, community.wren, question_id=community.question_id)
    for _ in range(7):
        parent = make_post(app, community.kestrel, parent_id=parent, text="deeper")
    log_in(client, "wren")

    assert reply(client, parent, "At depth eight.").status_code == 303
    assert stored_post(app, post_ids(app)[-1]).depth == 8


@pytest.mark.parametrize(
    "actions",
    [(), (PostAction.REJECT,), (PostAction.APPROVE, PostAction.REMOVE), (PostAction.DELETE,)],
    ids=["pending", "rejected", "removed", "deleted"],
)
def test_only_published_posts_can_be_answered(app, client, community, actions):
    parent = make_post(app, community.wren, question_id=community.question_id, actions=actions)
    log_in(client, "kestrel")
    assert_changes_nothing(
        app, lambda: reply(client, parent), 403, "Only published posts can be answered."
    )


def test_members_of_another_condition_cannot_reply(app, client, community):
    experience = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "robin")
    assert_changes_nothing(
        app, lambda: reply(client, experience), 403, "Join the Asthma community to share and reply."
    )
    assert f'<label for="reply-{experience}">' not in client.get(QUESTION_URL).text


def test_an_empty_reply_is_refused(app, client, community):
    experience = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "kestrel")
    assert_changes_nothing(
        app, lambda: reply(client, experience, " "), 400, "Write your reply first."
    )


def test_a_refused_reply_quotes_the_post_it_answers_only_if_that_post_is_published(
    app, client, community
):
    published = make_post(app, community.wren, question_id=community.question_id, text="Cold.")
    pending = make_post(app, community.wren, parent_id=published, text="Unread.", actions=())
    log_in(client, "kestrel")

    empty = reply(client, published, " ").text
    refused = reply(client, pending).text

    assert '<p class="post-meta">wren wrote:</p>' in empty and "Cold." in empty
    assert "Only published posts can be answered." in refused
    assert "wrote:" not in refused and "Unread." not in refused


def test_a_reply_to_an_unknown_post_is_404(app, client, community):
    log_in(client, "kestrel")
    assert reply(client, 999).status_code == 404

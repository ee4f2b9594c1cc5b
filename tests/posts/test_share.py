"""Sharing an experience: members only, one per member per question, pending until approved."""

import re

import pytest

from community.models import PostKind, PostState
from community.posts.forms import MAX_POST_LENGTH
from community.posts.states import PostAction
from tests.factories import make_post, make_question
from tests.posts.conftest import QUESTION_URL, SHARE_URL, post_ids, stored_post
from tests.state import assert_changes_nothing
from tests.state import community_counts as counts
from tests.web import log_in, log_out, post_form


def share(client, body: str = "Cold air sets mine off.", **extra):
    return post_form(client, SHARE_URL, {"body": body, **extra}, QUESTION_URL)


def test_members_see_the_share_form_with_the_contract_labels(client, community):
    log_in(client, "wren")
    html = client.get(QUESTION_URL).text
    assert ">Your experience</label>" in html
    assert 'value="Share experience"' in html


def test_visitors_are_invited_to_log_in_or_register_to_share(client, community):
    html = client.get(QUESTION_URL).text
    assert "to share your experience or reply" in html
    assert ">Your experience</label>" not in html
    assert 'href="/auth/register?next=/conditions/asthma/questions/what-causes-it"' in html


def test_the_share_form_offers_joining_in_place_to_non_members(app, client, community):
    log_in(client, "robin")
    html = client.get(QUESTION_URL).text
    assert "Join the Asthma community to share your experience" in html
    assert ">I am joining as</label>" in html and 'value="Join this community"' in html
    assert ">Your experience</label>" not in html

    joined = post_form(
        client,
        "/conditions/asthma/join",
        {"relation": "caregiver", "next": QUESTION_URL + "#share"},
        QUESTION_URL,
    )

    assert joined.headers["Location"] == QUESTION_URL + "#message-share"
    assert ">Your experience</label>" in client.get(QUESTION_URL).text


def test_sharing_stores_a_pending_experience_that_only_its_author_sees(app, client, community):
    log_in(client, "wren")

    response = share(client, "Cold air *sets mine off*.")

    assert response.status_code == 303
    [post_id] = post_ids(app)
    assert response.headers["Location"] == f"{QUESTION_URL}#message-post-{post_id}"
    post = stored_post(app, post_id)
    assert (post.kind, post.state, post.author_id) == (
        PostKind.EXPERIENCE,
        PostState.PENDING,
        community.wren,
    )
    assert post.body_html == "<p>Cold air <em>sets mine off</em>.</p>"
    assert counts(app, community.condition_id, community.question_id) == (2, 0, 0)

    own_view = client.get(QUESTION_URL).text
    assert "Your experience will appear once a moderator has approved it." in own_view
    assert "Awaiting moderation" in own_view and "sets mine off" in own_view

    for other in (None, "kestrel", "robin"):
        log_out(client)
        if other:
            log_in(client, other)
        html = client.get(QUESTION_URL).text
        assert "sets mine off" not in html and "Awaiting moderation" not in html


def test_a_second_experience_gets_a_message_and_a_link_to_edit_the_first(app, client, community):
    first = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "wren")
    message = "You have already shared your experience on this question."

    response = assert_changes_nothing(app, lambda: share(client, "Another story."), 409, message)

    assert f'<a href="/posts/{first}/edit">Edit your experience</a>' in response.text


def test_the_question_page_links_to_editing_instead_of_a_second_share_form(app, client, community):
    first = make_post(app, community.wren, question_id=community.question_id, actions=())
    log_in(client, "wren")
    html = client.get(QUESTION_URL).text
    assert "You have shared your experience on this question." in html
    assert f'href="/posts/{first}/edit">Edit your experience</a>' in html
    assert ">Your experience</label>" not in html


def test_after_deleting_an_experience_the_member_may_share_again(app, client, community):
    make_post(
        app,
        community.wren,
        question_id=community.question_id,
        actions=(PostAction.APPROVE, PostAction.DELETE),
    )
    log_in(client, "wren")

    assert share(client, "A fresh start.").status_code == 303
    assert len(post_ids(app)) == 2


def test_members_of_another_condition_cannot_share(app, client, community):
    log_in(client, "robin")
    assert_changes_nothing(
        app, lambda: share(client), 403, "Join the Asthma community to share and reply."
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write your experience first."),
        ("   \n ", "Write your experience first."),
        ("x" * (MAX_POST_LENGTH + 1), "Posts can be at most 20,000 characters."),
    ],
)
def test_an_empty_or_too_long_experience_is_refused(app, client, community, body, message):
    log_in(client, "wren")
    assert_changes_nothing(app, lambda: share(client, body), 400, message)


def test_an_experience_on_an_unknown_question_is_404(app, client, community):
    log_in(client, "wren")
    response = post_form(client, "/conditions/asthma/questions/nothing/experiences", {"body": "x"})
    assert response.status_code == 404


def test_members_with_enough_approved_posts_skip_the_queue(app, client, community):
    app.config["COMMUNITY_TRUSTED_AFTER"] = 1
    other_question = make_question(app, community.condition_id, "how-is-it-treated", "How?")
    make_post(app, community.wren, question_id=other_question)
    log_in(client, "wren")

    response = share(client, "Trusted words.")

    post_id = int(re.search(r"post-(\d+)", response.headers["Location"]).group(1))
    assert stored_post(app, post_id).state is PostState.APPROVED
    assert counts(app, community.condition_id, community.question_id) == (2, 2, 1)
    assert "Your experience is published." in client.get(QUESTION_URL).text


def test_new_members_wait_for_moderation_even_when_trust_is_on(app, client, community):
    app.config["COMMUNITY_TRUSTED_AFTER"] = 1
    log_in(client, "wren")
    share(client)
    [post_id] = post_ids(app)
    assert stored_post(app, post_id).state is PostState.PENDING

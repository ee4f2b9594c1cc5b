"""Editing one's own post: an approved post keeps its public text until the edit is approved."""

import pytest
from sqlalchemy import update

from community.extensions import db
from community.models import Post, PostState, User, utcnow
from community.posts import services
from community.posts.states import PostAction
from tests.factories import make_post
from tests.posts.conftest import QUESTION_URL, stored_post
from tests.state import assert_changes_nothing, community_counts
from tests.web import log_in, log_out, post_form


def edit(client, post_id: int, body: str):
    return post_form(client, f"/posts/{post_id}/edit", {"body": body}, f"/posts/{post_id}/edit")


def test_the_edit_page_holds_the_text_under_the_label_of_its_kind(app, client, community):
    experience = make_post(app, community.wren, question_id=community.question_id, text="Mine.")
    reply = make_post(app, community.wren, parent_id=experience, text="My reply.")
    log_in(client, "wren")

    experience_page = client.get(f"/posts/{experience}/edit").text
    reply_page = client.get(f"/posts/{reply}/edit").text

    assert ">Your experience</label>" in experience_page and "Mine.</textarea>" in experience_page
    assert ">Your reply</label>" in reply_page and "My reply.</textarea>" in reply_page


def test_edit_of_approved_post_keeps_old_text_public(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, text="Old text.")
    log_in(client, "wren")

    response = edit(client, post_id, "New *text*.")

    assert response.status_code == 303
    assert response.headers["Location"] == f"{QUESTION_URL}#message-post-{post_id}"
    post = stored_post(app, post_id)
    assert post.state is PostState.APPROVED
    assert (post.body_markdown, post.pending_markdown) == ("Old text.", "New *text*.")
    assert post.pending_html == "<p>New <em>text</em>.</p>"
    assert community_counts(app, community.condition_id, community.question_id) == (2, 1, 1)

    own = client.get(QUESTION_URL).text
    assert "New <em>text</em>." in own and "Edit awaiting moderation" in own
    assert "New *text*.</textarea>" in client.get(f"/posts/{post_id}/edit").text
    for other in (None, "kestrel"):
        log_out(client)
        if other:
            log_in(client, other)
        html = client.get(QUESTION_URL).text
        assert "Old text." in html and "New <em>text</em>." not in html
        assert "Awaiting moderation" not in html


def test_edit_of_pending_post_replaces_its_text(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=())
    log_in(client, "wren")

    edit(client, post_id, "Better words.")

    post = stored_post(app, post_id)
    assert (post.state, post.body_markdown, post.pending_markdown) == (
        PostState.PENDING,
        "Better words.",
        None,
    )
    assert post.body_html == "<p>Better words.</p>"


def test_members_cannot_edit_each_others_posts(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "kestrel")
    assert client.get(f"/posts/{post_id}/edit").status_code == 403
    assert_changes_nothing(app, lambda: edit(client, post_id, "Mine now."), 403)


@pytest.mark.parametrize(
    "actions",
    [(PostAction.REJECT,), (PostAction.APPROVE, PostAction.REMOVE), (PostAction.DELETE,)],
    ids=["rejected", "removed", "deleted"],
)
def test_rejected_removed_and_deleted_posts_cannot_be_edited(app, client, community, actions):
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=actions)
    log_in(client, "wren")
    assert client.get(f"/posts/{post_id}/edit").status_code == 403
    assert_changes_nothing(
        app, lambda: post_form(client, f"/posts/{post_id}/edit", {"body": "x"}), 403
    )


def test_a_suspended_author_is_offered_no_edit_and_told_why_it_is_refused(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, text="Mine.")
    log_in(client, "wren")
    assert f'href="/posts/{post_id}/edit"' in client.get(QUESTION_URL).text
    with app.app_context():
        wren = db.session.get(User, community.wren)
        wren.suspended_at, wren.suspension_reason = utcnow(), "Spam links."
        db.session.commit()

    assert f'href="/posts/{post_id}/edit"' not in client.get(QUESTION_URL).text
    refused = client.get(f"/posts/{post_id}/edit")
    assert refused.status_code == 403 and "Spam links." in refused.text
    assert_changes_nothing(
        app, lambda: edit(client, post_id, "Changed anyway."), 403, "Spam links."
    )


def test_an_empty_edit_is_refused(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "wren")
    assert_changes_nothing(app, lambda: edit(client, post_id, ""), 400, "A post cannot be empty.")


# A moderator's second connection commits while the edit's session is open.
@pytest.mark.fresh_database
def test_an_edit_racing_its_approval_waits_for_approval_of_its_own(app, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=())
    with app.app_context():
        post = db.session.get(Post, post_id)  # the author's page loaded it while pending
        with db.engine.begin() as moderator:
            moderator.execute(
                update(Post).where(Post.id == post_id).values(state=PostState.APPROVED)
            )
        services.edit_post(post, "Edited after approval.")
        db.session.commit()

    post = stored_post(app, post_id)
    assert (post.body_markdown, post.pending_markdown) == (
        "My experience.",
        "Edited after approval.",
    )


# A moderator's second connection commits while the edit's session is open.
@pytest.mark.fresh_database
def test_an_edit_racing_a_rejection_is_refused(app, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=())
    with app.app_context():
        post = db.session.get(Post, post_id)
        with db.engine.begin() as moderator:
            moderator.execute(
                update(Post).where(Post.id == post_id).values(state=PostState.REJECTED)
            )
        with pytest.raises(services.PostChanged):
            services.edit_post(post, "Too late.")
        db.session.rollback()

    assert stored_post(app, post_id).body_markdown == "My experience."


def test_the_edit_page_shows_markup_in_the_text_as_text(app, client, community):
    text = '</textarea><script>window.__xss=1</script>"><img src=x onerror=alert(1)>'
    post_id = make_post(app, community.wren, question_id=community.question_id, text=text)
    log_in(client, "wren")

    html = client.get(f"/posts/{post_id}/edit").text

    assert "<script>window.__xss" not in html and "<img src=x" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;" in html


def _versions(html: str) -> tuple[str, str]:
    """The published text and the pending edit, as the author's page labels them."""
    published = html.split("What others read now</p>", 1)[1].split("</div>", 1)[0]
    pending = html.split("Your edit, awaiting moderation</p>", 1)[1].split("</div>", 1)[0]
    return published, pending


def test_the_author_of_an_edit_sees_what_others_read_and_their_edit(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, text="Old text.")
    log_in(client, "wren")
    edit(client, post_id, "New *text*.")

    for page in (client.get(QUESTION_URL).text, client.get("/account").text):
        published, pending = _versions(page)
        assert "Old text." in published and "New" not in published
        assert "New <em>text</em>." in pending and "Old" not in pending

    log_out(client)
    log_in(client, "kestrel")
    others = client.get(QUESTION_URL).text
    assert "What others read now" not in others and "Your edit, awaiting" not in others


def test_a_pending_post_shows_one_text_without_versions(app, client, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, actions=())
    log_in(client, "wren")
    edit(client, post_id, "Rewritten while waiting.")

    for page in (client.get(QUESTION_URL).text, client.get("/account").text):
        assert "Rewritten while waiting." in page
        assert "What others read now" not in page and "Your edit, awaiting" not in page

"""Watched words, kept by admins: Block refuses the post, Require approval keeps it for a
moderator, Flag highlights it in the queue."""

from community.extensions import db
from community.models import PostState, Role, WatchedWord, WordAction
from community.safety.services import add_word
from tests.factories import make_post, make_user
from tests.posts.conftest import QUESTION_URL, SHARE_URL, post_ids, stored_post
from tests.state import assert_changes_nothing
from tests.web import log_in, log_out, post_form

ADMIN_PAGE = "/admin/watched-words"


def watch(app, word: str, action: WordAction) -> None:
    with app.app_context():
        add_word(word, action)
        db.session.commit()


def test_admins_add_and_delete_watched_words_with_the_contract_labels(app, client, community):
    make_user(app, "root", roles=(Role.ADMIN,))
    log_in(client, "root")
    page = client.get(ADMIN_PAGE).text
    assert ">Word or phrase</label>" in page and ">Action</label>" in page
    assert 'value="Add word"' in page
    for label in ("Block", "Require approval", "Flag"):
        assert f">{label}</option>" in page

    added = post_form(
        client, ADMIN_PAGE, {"word": "  Miracle   cure ", "action": "flag"}, ADMIN_PAGE
    )

    assert added.status_code == 303
    listing = client.get(ADMIN_PAGE).text
    assert '<td data-label="Word or phrase">Miracle cure</td>' in listing
    assert '<td data-label="Action">Flag</td>' in listing
    with app.app_context():
        entry = db.session.scalar(db.select(WatchedWord).where(WatchedWord.word == "Miracle cure"))
        word_id = entry.id
    deleted = post_form(client, f"{ADMIN_PAGE}/{word_id}/delete", {}, ADMIN_PAGE)
    assert deleted.status_code == 303
    assert ">Miracle cure</td>" not in client.get(ADMIN_PAGE).text


def test_a_word_is_listed_once_whatever_its_case(app, client, community):
    make_user(app, "root", roles=(Role.ADMIN,))
    watch(app, "spam", WordAction.BLOCK)
    log_in(client, "root")
    assert_changes_nothing(
        app,
        lambda: post_form(client, ADMIN_PAGE, {"word": "SPAM", "action": "flag"}, ADMIN_PAGE),
        409,
        "“spam” is already listed (Block).",
    )
    assert_changes_nothing(
        app,
        lambda: post_form(client, ADMIN_PAGE, {"word": "!!!", "action": "flag"}, ADMIN_PAGE),
        409,
        "at least one letter or digit",
    )
    assert_changes_nothing(
        app,
        lambda: post_form(client, ADMIN_PAGE, {"word": "x", "action": "crisis"}, ADMIN_PAGE),
        400,
        "nothing was added",
    )


def test_a_blocked_word_refuses_the_post_saying_which_and_stores_nothing(app, client, community):
    watch(app, "buy now", WordAction.BLOCK)
    log_in(client, "wren")
    text = "Great results, BUY NOW at my shop."

    response = assert_changes_nothing(
        app,
        lambda: post_form(client, SHARE_URL, {"body": text}, QUESTION_URL),
        422,
        "Your post contains “buy now”, which this community does not allow.",
    )

    assert text in response.text  # the form is shown again with the text kept
    assert post_ids(app) == []


def test_a_blocked_word_refuses_an_edit_too(app, client, community):
    watch(app, "buy now", WordAction.BLOCK)
    own = make_post(app, community.wren, question_id=community.question_id, text="Cold air.")
    log_in(client, "wren")
    response = post_form(client, f"/posts/{own}/edit", {"body": "Buy now!"}, f"/posts/{own}/edit")
    assert response.status_code == 422 and "“buy now”" in response.text
    post = stored_post(app, own)
    assert (post.body_markdown, post.pending_markdown) == ("Cold air.", None)


def test_require_approval_keeps_a_trusted_members_post_pending(app, client, community):
    app.config["COMMUNITY_TRUSTED_AFTER"] = 0
    watch(app, "supplement", WordAction.REQUIRE_APPROVAL)
    log_in(client, "wren")

    post_form(client, SHARE_URL, {"body": "A supplement helped me."}, QUESTION_URL)

    post = stored_post(app, post_ids(app)[0])
    assert post.state is PostState.PENDING


def test_trusted_members_are_published_at_once_without_a_watched_word(app, client, community):
    app.config["COMMUNITY_TRUSTED_AFTER"] = 0
    watch(app, "supplement", WordAction.REQUIRE_APPROVAL)
    log_in(client, "wren")
    post_form(client, SHARE_URL, {"body": "Cold air, for me."}, QUESTION_URL)
    assert stored_post(app, post_ids(app)[0]).state is PostState.APPROVED


def test_a_flagged_word_is_highlighted_in_the_queue(app, client, community):
    make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    watch(app, "miracle cure", WordAction.FLAG)
    log_in(client, "wren")
    post_form(client, SHARE_URL, {"body": "It was a Miracle-Cure for me."}, QUESTION_URL)
    log_out(client)
    log_in(client, "mod_ada")
    assert "Watched word: “miracle cure”" in client.get("/moderation/").text


def test_a_change_of_the_list_applies_to_the_next_post(app, client, community):
    log_in(client, "wren")
    experience = make_post(app, community.kestrel, question_id=community.question_id)
    reply_url = f"/posts/{experience}/replies"
    assert post_form(client, reply_url, {"body": "Try vapes."}, QUESTION_URL).status_code == 303
    watch(app, "vapes", WordAction.BLOCK)
    assert post_form(client, reply_url, {"body": "Try vapes."}, QUESTION_URL).status_code == 422


def test_admin_pages_are_for_admins(app, client, community):
    make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    log_in(client, "mod_ada")
    assert client.get(ADMIN_PAGE).status_code == 403
    assert client.get("/admin/crisis-phrases").status_code == 403


def test_admins_keep_the_crisis_phrases(app, client, community):
    make_user(app, "root", roles=(Role.ADMIN,))
    log_in(client, "root")
    page = client.get("/admin/crisis-phrases").text
    assert '<td data-label="Phrase">want to die</td>' in page and ">Phrase</label>" in page
    post_form(client, "/admin/crisis-phrases", {"word": "cannot go on"}, "/admin/crisis-phrases")
    log_out(client)
    log_in(client, "wren")
    response = post_form(client, SHARE_URL, {"body": "I cannot go on."}, QUESTION_URL)
    assert response.headers["Location"].endswith("#support")
    assert stored_post(app, post_ids(app)[0]).possible_crisis is True


def test_admins_changes_to_the_lists_are_in_the_audit_log(app, client, community):
    make_user(app, "root", roles=(Role.ADMIN,))
    make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    log_in(client, "root")
    post_form(client, ADMIN_PAGE, {"word": "buy now", "action": "block"}, ADMIN_PAGE)
    post_form(client, "/admin/crisis-phrases/1/delete", {}, "/admin/crisis-phrases")
    log_out(client)
    log_in(client, "mod_ada")
    log = client.get("/moderation/log").text
    assert "Watched a word" in log and "Block: buy now" in log
    assert "Stopped watching a word" in log and "Crisis phrase: kill myself" in log

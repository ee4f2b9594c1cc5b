"""Moderators approve, reject, edit then save and approve, remove and restore, from the pages."""

from community.extensions import db
from community.models import ModerationEvent, Post, PostState
from community.moderation import review
from community.moderation.services import post_version
from community.posts import services
from tests.factories import make_membership, make_post, make_question
from tests.moderation.moderator import (
    as_moderator,
    counts,
    decide,
    events,
    pending_experience,
    submit,
    version_on_review_page,
)
from tests.posts.conftest import stored_post

PHONE = "+44 20 7946 0958"
EMAIL = "wren@example.org"


def _edit(client, post_id: int, **data):
    version = data.pop("version", None) or version_on_review_page(client, post_id)
    return submit(client, f"/moderation/posts/{post_id}/edit", version=version, **data)


def test_approve_publishes_and_counts_once_with_an_audit_entry(app, client, community):
    post_id = pending_experience(app, community, "I use a spacer with my inhaler.")
    as_moderator(client)

    response = decide(client, post_id, "approve")

    assert response.status_code == 303
    assert response.headers["Location"] == "/moderation/"
    assert stored_post(app, post_id).state is PostState.APPROVED
    assert counts(app, community) == (1, 1)
    assert events(app, post_id) == [(community.moderator_id, "approve", None, None, None)]
    with app.app_context():
        event = db.session.scalar(db.select(ModerationEvent))
        assert event.created_at is not None and event.subject_user_id == community.author_id
    page = client.get("/conditions/asthma/questions/what-causes-it")
    assert "I use a spacer with my inhaler." in page.text


def test_approve_goes_back_to_the_queue_view_it_came_from(app, client, community):
    post_id = pending_experience(app, community)
    as_moderator(client)
    response = decide(client, post_id, "approve", next="/moderation/?show=all")
    assert response.headers["Location"] == "/moderation/?show=all"
    reply = make_post(app, community.author_id, parent_id=post_id, text="A reply.", actions=())
    response = decide(client, reply, "approve", next="https://elsewhere.example/")
    assert response.headers["Location"] == "/moderation/"


def test_reject_needs_a_reason_and_the_author_reads_it(app, client, community):
    post_id = pending_experience(app, community)
    as_moderator(client)

    without = decide(client, post_id, "reject", reason="  ")
    assert without.status_code == 400
    assert "Say why the post is not published" in without.text
    assert stored_post(app, post_id).state is PostState.PENDING
    assert events(app) == []

    response = decide(client, post_id, "reject", reason="Medical claims we cannot publish.")
    assert response.status_code == 303
    assert stored_post(app, post_id).state is PostState.REJECTED
    assert counts(app, community) == (0, 0)
    assert events(app, post_id) == [
        (community.moderator_id, "reject", "Medical claims we cannot publish.", None, None)
    ]
    page = client.get(f"/moderation/posts/{post_id}").text
    assert "Nothing is left to decide: the post is rejected." in page
    assert 'value="Approve"' not in page


def test_save_and_approve_stores_the_moderators_text_and_both_versions(app, client, community):
    original = f"Call me on {PHONE} if you want to talk."
    post_id = pending_experience(app, community, original)
    as_moderator(client)

    without_reason = _edit(client, post_id, body="Edited.", submit="Save and approve")
    assert without_reason.status_code == 400
    assert stored_post(app, post_id).state is PostState.PENDING

    edited = "Call me if you want to talk.\n\nThe *spacer* helps."
    response = _edit(
        client, post_id, body=edited, reason="Removed a phone number.", submit="Save and approve"
    )

    assert response.status_code == 303
    post = stored_post(app, post_id)
    assert post.state is PostState.APPROVED
    assert post.body_markdown == edited
    assert "<em>spacer</em>" in post.body_html
    assert post.personal_information == []
    assert counts(app, community) == (1, 1)
    assert events(app, post_id) == [
        (community.moderator_id, "edit_and_approve", "Removed a phone number.", original, edited)
    ]


def test_the_review_page_shows_the_findings_stored_when_the_post_was_written(
    app, client, community, monkeypatch
):
    post_id = pending_experience(app, community, f"Call {PHONE} after six.")
    as_moderator(client)

    def look_again(text):
        raise AssertionError("the text was looked through again on opening the page")

    monkeypatch.setattr(review, "find_personal_information", look_again)
    page = client.get(f"/moderation/posts/{post_id}").text

    assert page.count("Possible personal information: phone number</p>") == 2
    assert f"Call <mark>{PHONE}</mark> after six." in page
    assert f'name="redact" value="{PHONE}"' in page


def test_redacting_a_span_redraws_the_form_and_stores_nothing(app, client, community):
    original = f"Call {PHONE} or write to {EMAIL} any time."
    post_id = pending_experience(app, community, original)
    as_moderator(client)
    page = client.get(f"/moderation/posts/{post_id}").text
    assert f'name="redact" value="{PHONE}"' in page
    assert f"<mark>{PHONE}</mark>" in page

    response = _edit(client, post_id, body=original, redact=PHONE)

    assert response.status_code == 200
    assert f"Call [removed] or write to {EMAIL} any time.</textarea>" in response.text
    # Findings are looked for again in the redacted text: only the email is left.
    assert "Possible personal information: email address</p>" in response.text
    assert f'name="redact" value="{PHONE}"' not in response.text
    assert f'name="redact" value="{EMAIL}"' in response.text
    assert stored_post(app, post_id).body_markdown == original
    assert stored_post(app, post_id).state is PostState.PENDING
    assert events(app) == []


def test_redaction_follows_the_moderators_own_changes_to_the_text(app, client, community):
    post_id = pending_experience(app, community, f"Ring {PHONE} please.")
    as_moderator(client)
    changed = f"Hello all.\n\nRing {PHONE} please, or {PHONE} again."

    response = _edit(client, post_id, body=changed, redact=PHONE)

    assert (
        "Hello all.\n\nRing [removed] please, or [removed] again.</textarea>"
        in response.text.replace("\r", "")
    )


def test_redact_all_and_then_save_and_approve(app, client, community):
    post_id = pending_experience(app, community, f"Call {PHONE} or write to {EMAIL}.")
    as_moderator(client)
    version = version_on_review_page(client, post_id)

    redrawn = _edit(
        client,
        post_id,
        body=f"Call {PHONE} or write to {EMAIL}.",
        redact_all="Redact all",
        version=version,
    )
    assert "Call [removed] or write to [removed].</textarea>" in redrawn.text
    assert "No personal information found in this text." in redrawn.text
    assert f'value="{version}"' in redrawn.text

    saved = _edit(
        client,
        post_id,
        body="Call [removed] or write to [removed].",
        reason="Contact details removed.",
        submit="Save and approve",
        version=version,
    )
    assert saved.status_code == 303
    assert stored_post(app, post_id).body_markdown == "Call [removed] or write to [removed]."


def test_redacting_text_no_longer_there_says_so(app, client, community):
    post_id = pending_experience(app, community, f"Call {PHONE}.")
    as_moderator(client)
    response = _edit(client, post_id, body="Nothing to see.", redact=PHONE)
    assert response.status_code == 200
    assert "That text is no longer in the post; nothing was redacted." in response.text


def test_remove_needs_a_reason_and_restore_brings_the_post_back(app, client, community):
    post_id = make_post(app, community.author_id, question_id=community.question_id)
    as_moderator(client)
    assert counts(app, community) == (1, 1)

    assert decide(client, post_id, "remove").status_code == 400
    assert decide(client, post_id, "remove", reason="Promotes an unproven cure.").status_code == 303
    assert stored_post(app, post_id).state is PostState.REMOVED
    assert counts(app, community) == (0, 0)

    assert decide(client, post_id, "restore").status_code == 303
    assert stored_post(app, post_id).state is PostState.APPROVED
    assert counts(app, community) == (1, 1)
    assert [event[1:3] for event in events(app, post_id)] == [
        ("approve", None),
        ("remove", "Promotes an unproven cure."),
        ("restore", None),
    ]


def _approved_with_edit(app, community, edit_text: str) -> int:
    post_id = make_post(
        app, community.author_id, question_id=community.question_id, text="First words."
    )
    with app.app_context():
        services.edit_post(db.session.get(Post, post_id), edit_text)
        db.session.commit()
    return post_id


def test_an_edit_of_a_published_post_is_approved_as_written(app, client, community):
    post_id = _approved_with_edit(app, community, "Better words.")
    as_moderator(client)
    page = client.get(f"/moderation/posts/{post_id}").text
    assert "Edit waiting for approval" in page and "First words." in page

    assert decide(client, post_id, "approve").status_code == 303

    post = stored_post(app, post_id)
    assert (post.body_markdown, post.pending_markdown) == ("Better words.", None)
    assert counts(app, community) == (1, 1)
    assert events(app, post_id)[-1] == (
        community.moderator_id,
        "approve_edit",
        None,
        "First words.",
        "Better words.",
    )


def test_a_rejected_edit_leaves_the_published_text(app, client, community):
    post_id = _approved_with_edit(app, community, f"Better words, call {PHONE}.")
    as_moderator(client)

    assert decide(client, post_id, "reject", reason="Contact details.").status_code == 303

    post = stored_post(app, post_id)
    assert (post.state, post.body_markdown, post.pending_markdown) == (
        PostState.APPROVED,
        "First words.",
        None,
    )
    assert post.personal_information == []
    assert events(app, post_id)[-1] == (
        community.moderator_id,
        "reject_edit",
        "Contact details.",
        f"Better words, call {PHONE}.",
        None,
    )


def test_an_edit_can_be_sanitized_then_approved(app, client, community):
    post_id = _approved_with_edit(app, community, f"Better words, call {PHONE}.")
    as_moderator(client)
    response = _edit(
        client,
        post_id,
        body="Better words.",
        reason="Phone number removed.",
        submit="Save and approve",
    )
    assert response.status_code == 303
    post = stored_post(app, post_id)
    assert (post.body_markdown, post.pending_markdown) == ("Better words.", None)
    assert events(app, post_id)[-1][1:] == (
        "edit_and_approve",
        "Phone number removed.",
        f"Better words, call {PHONE}.",
        "Better words.",
    )


def test_a_decision_on_a_stale_page_is_refused(app, client, community):
    post_id = pending_experience(app, community, "First draft.")
    as_moderator(client)
    version = version_on_review_page(client, post_id)
    with app.app_context():
        # The author changes the draft after the moderator opened it.
        services.edit_post(db.session.get(Post, post_id), f"Now with {PHONE}.")
        db.session.commit()

    response = decide(client, post_id, "approve", version=version)

    assert response.status_code == 409
    assert "decided on or changed since you opened it" in response.text
    assert stored_post(app, post_id).state is PostState.PENDING
    assert counts(app, community) == (0, 0)
    assert events(app) == []


def test_a_decision_the_state_no_longer_allows_is_refused(app, client, community):
    post_id = pending_experience(app, community)
    as_moderator(client)
    version = version_on_review_page(client, post_id)
    response = decide(client, post_id, "restore", version=version)
    assert response.status_code == 409
    assert "This post is pending: it cannot be restored." in response.text
    assert stored_post(app, post_id).state is PostState.PENDING


def test_moderators_cannot_decide_on_their_own_posts(app, client, community):
    make_membership(app, community.moderator_id, community.condition_id)
    own = make_post(app, community.moderator_id, question_id=community.question_id, actions=())
    as_moderator(client)
    queue = client.get("/moderation/").text
    assert "You wrote this post, so another moderator decides on it." in queue
    assert f"/moderation/posts/{own}/approve" not in queue
    page = client.get(f"/moderation/posts/{own}")
    assert "You wrote this post, so another moderator decides on it." in page.text
    assert 'value="Approve"' not in page.text
    with app.app_context():
        version = post_version(db.session.get(Post, own))

    for verb, data in (("approve", {}), ("reject", {"reason": "No."})):
        response = decide(client, own, verb, version=version, **data)
        assert response.status_code == 403
        assert "another moderator decides on it" in response.text
    edit = _edit(
        client, own, body="Mine.", reason="Mine.", submit="Save and approve", version=version
    )
    assert edit.status_code == 403
    assert stored_post(app, own).state is PostState.PENDING
    assert events(app) == []


def test_unknown_posts_are_not_found(app, client, community):
    as_moderator(client)
    assert client.get("/moderation/posts/999").status_code == 404
    assert decide(client, 999, "approve", version="0" * 64).status_code == 404


def test_trusted_members_skip_the_queue_but_can_still_be_removed(app, client, community):
    app.config["COMMUNITY_TRUSTED_AFTER"] = 1
    make_post(app, community.author_id, question_id=community.question_id)
    second_question = make_question(app, community.condition_id, slug="second", title="Second?")
    trusted_id = make_post(
        app, community.author_id, question_id=second_question, text="Trusted words.", actions=()
    )
    assert stored_post(app, trusted_id).state is PostState.APPROVED

    as_moderator(client)
    assert "Trusted words." not in client.get("/moderation/").text
    assert "Trusted words." in client.get("/moderation/?show=all").text
    assert decide(client, trusted_id, "remove", reason="Off topic.").status_code == 303
    assert stored_post(app, trusted_id).state is PostState.REMOVED

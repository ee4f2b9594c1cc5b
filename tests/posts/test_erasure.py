"""Deleting a post erases its text everywhere the site kept it, not only from the thread.

The audit log keeps who decided what and when; the text it kept reads "[deleted by
author]". The author's export, the stored findings, reports' notes and the cached
pages each keep nothing of it, whether the author deletes the post or the account.
"""

from flask import Flask
from flask.testing import FlaskClient

from community.extensions import db
from community.models import Post, Report, ReportReason, Role
from community.posts.services import DELETED_TEXT, edit_post
from community.text import _findings
from tests.factories import PASSWORD, Community, make_post, make_user
from tests.moderation.moderator import events, submit, version_on_review_page
from tests.pages import cached_pages
from tests.posts.conftest import QUESTION_URL, stored_post
from tests.web import client_as, csrf_token, post_form

PHONE = "+44 20 7946 0958"
EMAIL = "wren.private@example.org"
ORIGINAL = f"The Marigold clinic on {PHONE} sorted my inhaler technique."
REDACTED = "The Marigold clinic on [removed] sorted my inhaler technique."
REASON = "Removed a phone number."


def delete(client: FlaskClient, post_id: int):
    response = post_form(client, f"/posts/{post_id}/delete", page=f"/posts/{post_id}/edit")
    assert response.status_code == 303, response.text
    return response


def delete_account(client: FlaskClient):
    token = csrf_token(client, "/account/delete")
    data = {"posts": "remove", "password": PASSWORD, "csrf_token": token}
    response = client.post("/account/delete", data=data)
    assert response.status_code == 303, response.text
    return response


def redacted_experience(app: Flask, community: Community) -> int:
    """wren's experience with a phone number, published by mod_ada with the number redacted."""
    make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    post_id = make_post(
        app, community.wren, question_id=community.question_id, text=ORIGINAL, actions=()
    )
    moderator = client_as(app, "mod_ada")
    version = version_on_review_page(moderator, post_id)
    response = submit(
        moderator,
        f"/moderation/posts/{post_id}/edit",
        version=version,
        body=REDACTED,
        reason=REASON,
        submit="Save and approve",
    )
    assert response.status_code == 303, response.text
    return post_id


def test_deleting_a_post_erases_its_text_from_the_audit_log_and_keeps_the_decision(app, community):
    post_id = redacted_experience(app, community)
    moderator = client_as(app, "mod_ada")
    moderator_pages = (
        "/moderation/log",
        f"/moderation/posts/{post_id}",
        "/moderation/members/wren",
    )
    assert all("Marigold" in moderator.get(page).text for page in moderator_pages)
    assert PHONE in moderator.get("/moderation/log").text

    delete(client_as(app, "wren"), post_id)

    moderator_id = events(app, post_id)[0][0]
    assert events(app, post_id) == [
        (moderator_id, "edit_and_approve", REASON, DELETED_TEXT, DELETED_TEXT)
    ]
    for page in moderator_pages:
        html = moderator.get(page).text
        assert PHONE not in html and "Marigold" not in html, page
    log = moderator.get("/moderation/log").text
    assert "Edited and approved" in log and REASON in log and "mod_ada" in log
    assert log.count(DELETED_TEXT) == 2


def test_deleting_an_account_erases_its_posts_text_from_the_audit_log(app, community):
    post_id = redacted_experience(app, community)

    delete_account(client_as(app, "wren"))

    assert [event[2:] for event in events(app, post_id)] == [(REASON, DELETED_TEXT, DELETED_TEXT)]
    log = client_as(app, "mod_ada").get("/moderation/log").text
    assert PHONE not in log and "Marigold" not in log and "Edited and approved" in log


def test_the_export_lists_no_earlier_version_of_a_deleted_post(app, community):
    post_id = redacted_experience(app, community)
    author = client_as(app, "wren")
    assert PHONE in author.get("/account/export").text

    delete(author, post_id)

    export = author.get("/account/export")
    assert PHONE not in export.text and "Marigold" not in export.text
    assert DELETED_TEXT not in export.text
    (post,) = export.json["posts"]
    assert post["state"] == "deleted"
    assert (post["text"], post["edit_awaiting_moderation"]) == ("", None)
    assert post["earlier_versions"] == [] and post["personal_information_found"] == []


def test_deleting_a_post_erases_the_personal_information_found_in_it(app, community):
    make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    post_id = make_post(app, community.wren, question_id=community.question_id)
    with app.app_context():
        edit_post(db.session.get(Post, post_id), f"Write to me at {EMAIL}.")
        db.session.commit()
    assert stored_post(app, post_id).personal_information
    author = client_as(app, "wren")
    moderator = client_as(app, "mod_ada")
    assert EMAIL in moderator.get(f"/moderation/posts/{post_id}").text

    delete(author, post_id)

    post = stored_post(app, post_id)
    assert post.personal_information == [] and post.pending_markdown is None
    for page in (f"/moderation/posts/{post_id}", "/moderation/?show=all", "/moderation/log"):
        assert EMAIL not in moderator.get(page).text, page
    assert EMAIL not in author.get("/account").text
    assert EMAIL not in author.get("/account/export").text


def test_deleting_a_post_erases_what_reports_on_it_quoted(app, community):
    post_id = make_post(app, community.wren, question_id=community.question_id, text=ORIGINAL)
    with app.app_context():
        report = Report(
            post_id=post_id,
            reporter_id=community.kestrel,
            reason=ReportReason.PERSONAL_INFORMATION,
            note=f"It gives {PHONE}.",
        )
        db.session.add(report)
        db.session.commit()
        report_id = report.id

    delete(client_as(app, "wren"), post_id)

    with app.app_context():
        report = db.session.get(Report, report_id)
        assert report.note is None
        assert report.reason is ReportReason.PERSONAL_INFORMATION
        assert report.reporter_id == community.kestrel
    assert PHONE not in client_as(app, "kestrel").get("/account/export").text


def _cached_copies(app: Flask, text: str) -> list:
    """The cached pages whose body holds ``text``."""
    return [key for key, body in cached_pages(app).items() if text in body]


def test_no_cached_page_keeps_the_text_of_a_deleted_post(app, community):
    experience = make_post(app, community.wren, question_id=community.question_id)
    reply = make_post(app, community.wren, parent_id=experience, text=ORIGINAL)
    visitor = app.test_client()
    assert PHONE in visitor.get(QUESTION_URL).text
    assert _cached_copies(app, PHONE)

    delete(client_as(app, "wren"), reply)

    assert _cached_copies(app, PHONE) == []
    html = visitor.get(QUESTION_URL).text
    # Nobody replied to it: it leaves no placeholder either.
    assert PHONE not in html and f'id="post-{reply}"' not in html
    assert _cached_copies(app, PHONE) == []


def test_deleting_a_post_forgets_the_texts_searched_for_personal_information(app, community):
    post_id = make_post(
        app, community.wren, question_id=community.question_id, text=ORIGINAL, actions=()
    )
    assert _findings.cache_info().currsize > 0
    delete(client_as(app, "wren"), post_id)
    assert _findings.cache_info().currsize == 0

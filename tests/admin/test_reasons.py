"""Canned reasons: admins keep them at /admin/reasons; every moderator's Reason offers them."""

import re

from community.extensions import db
from community.models import CannedReason, PostState, Role
from community.posts.audit import action_label
from tests.factories import make_user
from tests.moderation.moderator import (
    as_moderator,
    decide,
    events,
    make_moderated_community,
    pending_experience,
    submit,
    version_on_review_page,
)
from tests.posts.conftest import stored_post
from tests.web import log_in

SPAM = "This post advertises products, which the guidelines do not allow."


def _as_admin(app, client):
    make_user(app, "root", roles=(Role.ADMIN,))
    log_in(client, "root")
    return client


def _reasons(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [
            (reason.title, reason.text)
            for reason in db.session.scalars(db.select(CannedReason).order_by(CannedReason.id))
        ]


def _add(app, title: str = "Spam", text: str = SPAM) -> int:
    with app.app_context():
        reason = CannedReason(title=title, text=text)
        db.session.add(reason)
        db.session.commit()
        return reason.id


def test_admins_add_edit_and_delete_reasons_each_in_the_audit_log(app, client):
    _as_admin(app, client)
    assert "No canned reasons yet." in client.get("/admin/reasons").text

    added = submit(client, "/admin/reasons", title="Spam", text=SPAM)
    assert added.status_code == 303
    assert _reasons(app) == [("Spam", SPAM)]
    assert "Spam" in client.get("/admin/reasons").text

    with app.app_context():
        reason_id = db.session.scalar(db.select(CannedReason.id))
    edited = submit(client, f"/admin/reasons/{reason_id}", title="Advertising", text="Ads.")
    assert edited.status_code == 303
    assert _reasons(app) == [("Advertising", "Ads.")]

    deleted = submit(client, f"/admin/reasons/{reason_id}/delete")
    assert deleted.status_code == 303
    assert _reasons(app) == []
    logged = [(actor, action, before, after) for actor, action, _, before, after in events(app)]
    root = logged[0][0]
    assert root is not None and {entry[0] for entry in logged} == {root}
    assert [entry[1:] for entry in logged] == [
        ("reason_added", None, f"Spam\n\n{SPAM}"),
        ("reason_changed", f"Spam\n\n{SPAM}", "Advertising\n\nAds."),
        ("reason_deleted", "Advertising\n\nAds.", None),
    ]
    assert action_label("reason_added") == "Reason added"


def test_a_reason_needs_a_title_and_a_text(app, client):
    _as_admin(app, client)
    response = submit(client, "/admin/reasons", title="  ", text="")
    assert response.status_code == 400
    assert "Give the reason a title moderators pick it by." in response.text
    assert "Write the text the author reads." in response.text
    assert _reasons(app) == []
    reason_id = _add(app)
    response = submit(client, f"/admin/reasons/{reason_id}", title="x" * 101, text="Ads.")
    assert response.status_code == 400
    assert _reasons(app) == [("Spam", SPAM)]


def test_reasons_are_for_admins_only(app, client):
    reason_id = _add(app)
    make_user(app, "mod_ada", roles=(Role.MODERATOR,))
    assert client.get("/admin/reasons").status_code == 302
    log_in(client, "mod_ada")
    assert client.get("/admin/reasons").status_code == 403
    assert submit(client, "/admin/reasons", title="Mine", text="Mine.").status_code == 403
    assert submit(client, f"/admin/reasons/{reason_id}/delete").status_code == 403
    assert _reasons(app) == [("Spam", SPAM)]


def test_a_missing_reason_is_not_found(app, client):
    _as_admin(app, client)
    assert client.get("/admin/reasons/999").status_code == 404
    assert submit(client, "/admin/reasons/999/delete").status_code == 404


def test_adding_a_reason_needs_the_csrf_token(app, client):
    _as_admin(app, client)
    response = client.post("/admin/reasons", data={"title": "Spam", "text": SPAM})
    assert response.status_code == 400
    assert _reasons(app) == []


def _canned_choice(page: str, field_id: str, title: str) -> str:
    select = re.search(rf'<select [^>]*id="{field_id}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no {field_id} on the page"
    [value] = re.findall(rf'<option value="(\d+)">{title}</option>', select.group(1))
    return value


def test_a_canned_reason_fills_an_empty_reason_without_script(app, client):
    community = make_moderated_community(app)
    _add(app)
    post_id = pending_experience(app, community, "Buy my pills.")
    as_moderator(client)
    page = client.get(f"/moderation/posts/{post_id}").text
    canned = _canned_choice(page, "reject-reason-canned", "Spam")

    response = decide(client, post_id, "reject", reason="", canned=canned)

    assert response.status_code == 303
    assert "novalidate" in page.split('id="reject-reason"')[0].rsplit("<form", 1)[1]
    assert stored_post(app, post_id).state is PostState.REJECTED
    assert events(app, post_id)[-1][2] == SPAM


def test_the_moderators_own_words_win_over_a_canned_reason(app, client):
    community = make_moderated_community(app)
    canned = str(_add(app))
    post_id = pending_experience(app, community, "Buy my pills.")
    as_moderator(client)
    decide(client, post_id, "reject", reason="Selling pills.", canned=canned)
    assert events(app, post_id)[-1][2] == "Selling pills."


def test_a_canned_reason_not_offered_is_refused(app, client):
    community = make_moderated_community(app)
    post_id = pending_experience(app, community, "Buy my pills.")
    as_moderator(client)
    response = decide(client, post_id, "reject", reason="", canned="12345")
    assert response.status_code == 400
    assert stored_post(app, post_id).state is PostState.PENDING


def test_every_reason_field_offers_the_canned_reasons(app, client):
    community = make_moderated_community(app)
    _add(app)
    post_id = pending_experience(app, community, "Buy my pills.")
    as_moderator(client)
    review = client.get(f"/moderation/posts/{post_id}").text
    for field_id in ("reject-reason-canned", "edit-reason-canned"):
        _canned_choice(review, field_id, "Spam")
    _canned_choice(client.get("/moderation/").text, "bulk-reason-canned", "Spam")
    _canned_choice(client.get("/moderation/members/wren").text, "suspend-reason-canned", "Spam")


def test_bulk_reject_and_suspension_take_a_canned_reason(app, client):
    community = make_moderated_community(app)
    canned = str(_add(app))
    post_id = pending_experience(app, community, "Buy my pills.")
    as_moderator(client)
    version = version_on_review_page(client, post_id)
    response = submit(
        client,
        "/moderation/bulk",
        selected=[f"{post_id}:{version}"],
        reject="Reject selected",
        canned=canned,
    )
    assert response.status_code == 303
    assert events(app, post_id)[-1][1:3] == ("reject", SPAM)
    response = submit(client, "/moderation/members/wren/suspend", reason="", canned=canned)
    assert response.status_code == 303
    assert events(app)[-1][1:3] == ("suspend", SPAM)


PHONE = "+44 20 7946 0958"


def test_save_and_approve_with_only_redactions_needs_no_typed_reason(app, client):
    community = make_moderated_community(app)
    post_id = pending_experience(app, community, f"Call me on {PHONE}, evenings.")
    as_moderator(client)

    response = submit(
        client,
        f"/moderation/posts/{post_id}/edit",
        version=version_on_review_page(client, post_id),
        body="Call me on [removed], evenings.",
        reason="",
        submit="Save and approve",
    )

    assert response.status_code == 303
    assert stored_post(app, post_id).body_markdown == "Call me on [removed], evenings."
    assert events(app, post_id)[-1][1:3] == ("edit_and_approve", "Personal information was removed")


def test_save_and_approve_with_other_changes_still_needs_a_reason(app, client):
    community = make_moderated_community(app)
    post_id = pending_experience(app, community, f"Call me on {PHONE}, evenings.")
    as_moderator(client)

    response = submit(
        client,
        f"/moderation/posts/{post_id}/edit",
        version=version_on_review_page(client, post_id),
        body="Call me on [removed], mornings.",
        reason="",
        submit="Save and approve",
    )

    assert response.status_code == 400
    assert stored_post(app, post_id).state is PostState.PENDING

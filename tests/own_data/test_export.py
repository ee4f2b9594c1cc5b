"""``/account/export``: everything the site holds about a member, and nothing about others."""

from sqlalchemy import select

from community.extensions import db
from community.models import ModerationEvent, Post, Report, ReportReason, Role, User
from community.own_data.export import SECTIONS
from community.posts.states import PostAction
from tests.factories import make_condition, make_member, make_post, make_question, make_user
from tests.web import log_in


def _member_with_history(app) -> dict[str, int]:
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    member_id = make_member(app, condition_id, "wheezy")
    other_id = make_user(app, "breather")
    experience = make_post(app, member_id, question_id=question_id, text="Cold air, mostly.")
    theirs = make_post(app, other_id, question_id=question_id, text="Someone else's words.")
    with app.app_context():
        post = db.session.get(Post, experience)
        post.pending_markdown = "Cold air and dust."
        db.session.add(
            ModerationEvent(
                action="edit",
                post_id=experience,
                subject_user_id=member_id,
                text_before="Cold air, mostly, and my address.",
                text_after="Cold air, mostly.",
                reason="Removed an address",
            )
        )
        db.session.add(Report(post_id=theirs, reporter_id=member_id, reason=ReportReason.SPAM))
        db.session.commit()
    return {"member": member_id, "experience": experience}


def test_export_needs_a_login(client):
    response = client.get("/account/export")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_export_holds_the_account_memberships_posts_versions_and_reports(app, client):
    ids = _member_with_history(app)
    log_in(client, "wheezy")

    response = client.get("/account/export")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="wheezy-data.json"'
    assert response.headers["Cache-Control"] == "private, no-store"
    data = response.json
    assert data["account"]["username"] == "wheezy"
    assert data["account"]["email"] == "wheezy@example.org"
    with app.app_context():
        password_hash = db.session.get(User, ids["member"]).password_hash
    assert password_hash not in response.text
    assert not [key for key in data["account"] if "password" in key or "hash" in key]
    assert [m["condition"] for m in data["memberships"]] == ["Asthma"]
    assert data["memberships"][0]["joined_as"] == "I have this condition"
    [post] = data["posts"]
    assert post["id"] == ids["experience"]
    assert post["text"] == "Cold air, mostly."
    assert post["edit_awaiting_moderation"] == "Cold air and dust."
    assert post["earlier_versions"] == ["Cold air, mostly, and my address."]
    assert [report["reason"] for report in data["reports_made"]] == ["spam"]
    assert [(event["action"], event["reason"]) for event in data["moderation"]] == [
        ("approve", None),
        ("edit", "Removed an address"),
    ]


def test_export_holds_nothing_about_other_members(app, client):
    _member_with_history(app)
    log_in(client, "wheezy")
    text = client.get("/account/export").text
    assert "Someone else's words." not in text
    assert "breather" not in text
    assert "pbkdf2" not in text


def test_export_lists_roles(app, client):
    make_user(app, "careful", roles=(Role.MODERATOR, Role.EDITOR))
    log_in(client, "careful")
    assert client.get("/account/export").json["account"]["roles"] == ["editor", "moderator"]


def test_export_of_a_deleted_posts_history_keeps_its_state(app, client):
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    member_id = make_user(app, "wheezy")
    make_post(
        app,
        member_id,
        question_id=question_id,
        actions=(PostAction.APPROVE, PostAction.DELETE),
    )
    log_in(client, "wheezy")
    [post] = client.get("/account/export").json["posts"]
    assert post["state"] == "deleted"


def test_every_table_that_refers_to_an_account_has_an_export_section(app):
    """A new table holding something about a member fails here until the export covers it."""
    exported = {table for section in SECTIONS for table in section.tables}
    with app.app_context():
        referring = {
            table.name
            for table in db.metadata.sorted_tables
            for key in table.foreign_keys
            if key.column.table.name == "users"
        }
    assert referring | {"users"} <= exported


def test_every_reference_to_an_account_says_what_happens_when_it_is_deleted(app):
    """Deleting an account relies on ON DELETE: a reference without one would block it."""
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for key in table.foreign_keys:
                if key.column.table.name == "users":
                    assert key.ondelete in ("CASCADE", "SET NULL"), f"{table.name}.{key.parent}"


def test_member_export_matches_the_rows(app, client):
    ids = _member_with_history(app)
    log_in(client, "wheezy")
    data = client.get("/account/export").json
    with app.app_context():
        stored = db.session.scalars(select(Post.id).where(Post.author_id == ids["member"])).all()
    assert [post["id"] for post in data["posts"]] == stored

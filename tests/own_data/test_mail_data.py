"""A member's mail choices and mail are theirs: exported, and gone with the account."""

from sqlalchemy import func, select

from community.extensions import db
from community.mail.services import queue_mail, set_mail_choice
from community.models import MailChoice, MailPreference, OutboxMessage, User
from tests.factories import PASSWORD, make_user
from tests.web import csrf_token, log_in


def _with_mail(app, username: str) -> int:
    """An account with a choice stored and a notification waiting in the outbox."""
    user_id = make_user(app, username)
    with app.test_request_context():
        user = db.session.get(User, user_id)
        set_mail_choice(user, "reply", MailChoice.DAILY)
        queue_mail(user.email, "notice", {"title": "News", "text": "Hello."}, "moderation", user)
        db.session.commit()
    return user_id


def _rows(app, model, user_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(model).where(model.user_id == user_id)
        )


def test_the_export_holds_mail_choices_and_mail(app, client):
    _with_mail(app, "wren")
    _with_mail(app, "kestrel")
    log_in(client, "wren")

    document = client.get("/account/export").get_json()

    assert document["mail_preferences"] == {"reply": "daily"}
    assert [(mail["to"], mail["subject"], mail["kind"]) for mail in document["mail"]] == [
        ("wren@example.org", "News", "moderation")
    ]
    assert document["account"]["email_verified_at"] is not None


def test_deleting_the_account_removes_its_choices_and_cancels_its_mail(app, client):
    wren, kestrel = _with_mail(app, "wren"), _with_mail(app, "kestrel")
    log_in(client, "wren")

    response = client.post(
        "/account/delete",
        data={
            "posts": "keep",
            "password": PASSWORD,
            "csrf_token": csrf_token(client, "/account/delete"),
        },
    )

    assert response.status_code == 303
    assert _rows(app, MailPreference, wren) == _rows(app, OutboxMessage, wren) == 0
    assert _rows(app, MailPreference, kestrel) == _rows(app, OutboxMessage, kestrel) == 1

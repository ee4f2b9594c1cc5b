"""Account rules at the service level: what the forms cannot show."""

import pytest
from sqlalchemy import func, select

from community.accounts import services
from community.extensions import db
from community.models import User
from tests.factories import make_user


def skip_first_check(monkeypatch) -> None:
    """Let the check before storing pass once, as if a racing registration had not committed."""
    calls = []
    real_refuse = services._refuse_taken

    def refuse_taken(username: str, email: str) -> None:
        calls.append(username)
        if len(calls) > 1:
            real_refuse(username, email)

    monkeypatch.setattr(services, "_refuse_taken", refuse_taken)


@pytest.mark.parametrize(
    ("username", "email", "message"),
    [
        ("Wren", "other@example.org", "That username is taken."),
        ("kestrel", "WREN@example.org", "An account with that email already exists."),
    ],
)
def test_a_registration_racing_another_gets_the_taken_message(
    app, monkeypatch, username, email, message
):
    make_user(app, "wren")
    skip_first_check(monkeypatch)

    with app.app_context():
        with pytest.raises(services.AccountError, match=message):
            services.create_user(username, email, "long enough password")
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_a_failed_login_takes_a_password_check_even_without_an_account(app, monkeypatch):
    checked = []
    real_check = services.check_password_hash
    monkeypatch.setattr(
        services, "check_password_hash", lambda *args: checked.append(1) or real_check(*args)
    )
    with app.app_context():
        assert services.authenticate("nobody", "long enough password") is None
    assert checked == [1]

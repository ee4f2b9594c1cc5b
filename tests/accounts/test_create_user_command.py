"""``create-user`` makes accounts with roles from the command line."""

from sqlalchemy import select

from community.accounts.services import password_matches
from community.extensions import db
from community.models import Role, User


def test_create_user_with_repeated_roles(app, runner):
    result = runner.invoke(
        args=[
            "create-user",
            "--username",
            "Mod_One",
            "--email",
            "Mod@Example.org",
            "--password",
            "long enough password",
            "--role",
            "moderator",
            "--role",
            "editor",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "Mod_One"))
        assert user.email == "mod@example.org"
        assert {grant.role for grant in user.roles} == {Role.MODERATOR, Role.EDITOR}
        assert password_matches(user, "long enough password")
        assert "long enough password" not in user.password_hash


def test_create_user_refuses_taken_names_regardless_of_case(app, runner):
    base = ["--email", "a@example.org", "--password", "long enough password"]
    assert runner.invoke(args=["create-user", "--username", "wren", *base]).exit_code == 0
    again = runner.invoke(
        args=[
            "create-user",
            "--username",
            "WREN",
            "--email",
            "b@example.org",
            "--password",
            "long enough password",
        ]
    )
    assert again.exit_code == 1
    assert "That username is taken." in again.output


def test_create_user_refuses_bad_usernames_short_passwords_and_unknown_roles(app, runner):
    def create(*args):
        return runner.invoke(args=["create-user", *args])

    bad_name = create("--username", "a b", "--email", "x@example.org", "--password", "x" * 12)
    assert bad_name.exit_code == 1 and "3 to 30 letters" in bad_name.output
    short = create("--username", "wren", "--email", "x@example.org", "--password", "short")
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    role = create(
        "--username",
        "wren",
        "--email",
        "x@example.org",
        "--password",
        "x" * 12,
        "--role",
        "emperor",
    )
    assert role.exit_code == 2
    with app.app_context():
        assert db.session.scalar(select(User)) is None

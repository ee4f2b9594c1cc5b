"""A link good once, followed twice at the same moment: the second finds it used."""

import pytest

from community.accounts import recovery, verification
from community.accounts.services import AccountError, find_by_username, password_matches
from tests.factories import make_user
from tests.interleaving import interleave
from tests.mail.helpers import link_to
from tests.web import client_as, post_form

# Each use on a connection of its own.
pytestmark = pytest.mark.fresh_database

SETTINGS = "/account/settings"


def test_a_reset_link_used_twice_at_once_sets_one_password(app):
    make_user(app, "wren")
    with app.app_context():
        token = recovery.reset_token(find_by_username("wren"))

    def use_link(password: str):
        return lambda: recovery.use_reset_link(token, password) is not None

    first, second = interleave(
        app, use_link("the first new password"), use_link("the second new password")
    )

    assert (first.value, second.value) == (True, False)
    with app.app_context():
        assert password_matches(find_by_username("wren"), "the first new password")


def test_two_email_change_links_used_at_once_change_the_address_once(app):
    make_user(app, "wren")
    wren = client_as(app, "wren")
    tokens = []
    for address in ("wren.first@example.org", "wren.second@example.org"):
        changed = post_form(wren, SETTINGS, {"new_email": address, "section": "email"}, SETTINGS)
        assert changed.status_code == 303
        tokens.append(link_to(app, address, "/account/email/").rsplit("/", 1)[1])

    def confirm(token: str):
        return lambda: verification.confirm_email_change(token).email

    first, second = interleave(app, confirm(tokens[0]), confirm(tokens[1]))

    assert first.value == "wren.first@example.org"
    assert isinstance(second.error, AccountError)
    assert str(second.error) == "This link has expired or was used already."
    with app.app_context():
        assert find_by_username("wren").email == "wren.first@example.org"

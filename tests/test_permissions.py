"""Who may do what: the rules of joining and writing, by what each visitor joined, wrote or is.

``test_authorization_matrix.py`` holds every route against every role; this table holds
the rules in between: membership, authorship, suspension, one experience a question,
pending posts, reports. Each cell is the status a visitor gets, and ``+`` when the
request changes the database; a cell without ``+`` must leave every row as it was.
Anonymous visitors are sent to log in. Moderators act on posts through the moderation
pages, not as authors here.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import update

from community.extensions import db
from community.models import Role, User, utcnow
from tests.factories import make_condition, make_member, make_post, make_question, make_user
from tests.state import database_state
from tests.web import ANONYMOUS, client_as, send

VISITORS = (ANONYMOUS, "member", "other", "moderator", "suspended", "author")
# anonymous: not logged in · member: of Asthma · other: a member of Lupus only
# moderator: holds the role, joined nothing · suspended: a suspended member of Asthma
# author: the member of Asthma who wrote the experience (post 1, approved) and its reply
# (post 2, pending)
QUESTION = "/conditions/asthma/questions/what-causes-it"
NEW_QUESTION = "/conditions/asthma/questions/how-is-it-treated"  # nobody has shared here

# method, path, form; then one cell per visitor, in the order of VISITORS
MATRIX = [
    ("GET", "/", None, "200 200 200 200 200 200"),
    ("GET", "/conditions/asthma", None, "200 200 200 200 200 200"),
    ("GET", QUESTION, None, "200 200 200 200 200 200"),
    ("GET", "/members/author", None, "200 200 200 200 200 200"),
    ("GET", "/auth/register", None, "200 200 200 200 200 200"),
    ("GET", "/auth/login", None, "200 200 200 200 200 200"),
    # Logging out replaces the session token of a signed-in account.
    ("POST", "/auth/logout", {}, "302 302+ 302+ 302+ 302+ 302+"),
    ("POST", "/conditions/asthma/join", {"relation": "patient"}, "302 303 303+ 303+ 303 303"),
    ("POST", "/conditions/asthma/join", {"relation": "researcher"}, "302 303+ 303+ 303+ 303+ 303+"),
    ("POST", "/conditions/asthma/leave", {}, "302 303+ 303 303 303+ 303+"),
    ("POST", NEW_QUESTION + "/experiences", {"body": "Mine."}, "302 303+ 403 403 403 303+"),
    ("POST", QUESTION + "/experiences", {"body": "Again."}, "302 303+ 403 403 403 409"),
    ("POST", "/posts/1/replies", {"body": "Same."}, "302 303+ 403 403 403 303+"),
    ("POST", "/posts/2/replies", {"body": "Same."}, "302 403 403 403 403 403"),
    ("GET", "/posts/1/edit", None, "302 403 403 403 403 200"),
    ("POST", "/posts/1/edit", {"body": "Edited."}, "302 403 403 403 403 303+"),
    ("POST", "/posts/2/edit", {"body": "Edited."}, "302 403 403 403 403 303+"),
    ("POST", "/posts/1/delete", {}, "302 403 403 403 403 303+"),
    # Reporting: any member who may write, once, not their own post; only published posts.
    # The third report (the moderator's) hides post 1.
    ("POST", "/posts/1/report", {"reason": "spam"}, "302 303+ 303+ 303+ 403 403"),
    ("POST", "/posts/2/report", {"reason": "spam"}, "302 409 409 409 403 403"),
    ("GET", "/account", None, "302 200 200 200 200 200"),
]


@dataclass(frozen=True)
class Expected:
    status: int
    changes: bool

    @staticmethod
    def parse(cell: str) -> "Expected":
        return Expected(int(cell.rstrip("+")), cell.endswith("+"))


def _world(app) -> None:
    asthma = make_condition(app)
    question = make_question(app, asthma)
    make_question(app, asthma, "how-is-it-treated", "How is it treated?")
    lupus = make_condition(app, "lupus", "Lupus")
    author = make_member(app, asthma, "author")
    assert make_post(app, author, question_id=question) == 1  # approved
    assert make_post(app, author, parent_id=1, text="Still pending.", actions=()) == 2
    for name, condition in (("member", asthma), ("other", lupus), ("suspended", asthma)):
        make_member(app, condition, name)
    make_user(app, "moderator", roles=(Role.MODERATOR,))
    with app.app_context():
        db.session.execute(
            update(User)
            .where(User.username == "suspended")
            .values(suspended_until=utcnow() + timedelta(days=7))
        )
        db.session.commit()


@pytest.mark.parametrize(
    ("method", "path", "form", "cells"),
    MATRIX,
    ids=[f"{method} {path} {form or ''}".strip() for method, path, form, _ in MATRIX],
)
def test_who_may_do_what(app, method, path, form, cells):
    _world(app)
    expectations = dict(zip(VISITORS, map(Expected.parse, cells.split()), strict=True))
    for visitor, expected in expectations.items():
        client = client_as(app, visitor)
        before = database_state(app)
        response = send(client, method, path, form)

        assert response.status_code == expected.status, visitor
        assert (database_state(app) != before) == expected.changes, visitor
        if visitor == ANONYMOUS and expected.status == 302 and path != "/auth/logout":
            assert response.headers["Location"].startswith("/auth/login?next="), visitor


def test_a_pending_post_is_seen_by_its_author_only(app):
    _world(app)  # post 2 is the author's reply, still pending
    for visitor in VISITORS:
        html = client_as(app, visitor).get(QUESTION).text
        assert ("Still pending." in html) == (visitor == "author"), visitor
        assert ("Awaiting moderation" in html) == (visitor == "author"), visitor

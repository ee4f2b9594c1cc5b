"""A member who has joined no community is invited to, beside the join form of the page
they land on after logging in, or told where the join forms are."""

from tests.factories import PASSWORD, make_condition, make_membership, make_question, make_user
from tests.web import post_form

INVITATION = "Join a community to share your experience"
QUESTION = "/conditions/asthma/questions/what-causes-it"


def _log_in(client, next_page: str = ""):
    data = {"identifier": "wren", "password": PASSWORD, "next": next_page}
    return post_form(client, "/auth/login", data)


def _world(app, joined: bool = False):
    condition = make_condition(app)
    make_question(app, condition)
    wren = make_user(app, "wren")
    if joined:
        make_membership(app, wren, condition)


def _beside(page: str, container: str) -> str:
    """The message box at the start of ``container``."""
    inside = page.split(container, 1)[1].lstrip()
    assert inside.startswith('<div class="message message-status" role="status"'), inside[:200]
    return inside.split("</div>", 1)[0]


def test_landing_on_a_condition_page_the_invitation_is_beside_its_join_form(app, client):
    _world(app)
    response = _log_in(client, "/conditions/asthma")

    assert response.headers["Location"] == "/conditions/asthma#message-join"
    page = client.get(response.headers["Location"]).text
    assert INVITATION in _beside(page, '<div class="membership" id="join">')
    assert page.count(INVITATION) == 1
    assert 'action="/conditions/asthma/join"' in page.split(INVITATION, 1)[1]


def test_landing_on_a_question_page_the_invitation_is_beside_its_join_form(app, client):
    _world(app)
    response = _log_in(client, QUESTION)

    assert response.headers["Location"] == f"{QUESTION}#message-share"
    page = client.get(response.headers["Location"]).text
    assert INVITATION in _beside(page, '<div class="share" id="share">')
    assert 'action="/conditions/asthma/join"' in page.split(INVITATION, 1)[1]


def test_landing_on_the_directory_the_invitation_says_where_to_join(app, client):
    _world(app)
    response = _log_in(client)

    page = client.get(response.headers["Location"]).text
    assert "open a condition below and choose Join this community" in page
    assert page.count(INVITATION) == 1


def test_a_member_of_a_community_is_not_invited(app, client):
    _world(app, joined=True)
    response = _log_in(client, "/conditions/asthma")

    assert response.headers["Location"] == "/conditions/asthma"
    assert INVITATION not in client.get("/conditions/asthma").text

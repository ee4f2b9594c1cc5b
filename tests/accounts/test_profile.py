"""The public profile: communities joined and approved posts, never the email address."""

from community.models import Relation
from community.posts.states import PostAction
from tests.factories import (
    make_community,
    make_condition,
    make_membership,
    make_post,
    make_question,
    make_user,
)
from tests.web import log_in


def test_profile_shows_communities_joined_with_how_the_member_relates(app, client):
    wren = make_user(app, "wren")
    make_membership(app, wren, make_condition(app), Relation.CAREGIVER)
    make_membership(app, wren, make_condition(app, "lupus", "Lupus"), Relation.RESEARCHER)
    make_condition(app, "gout", "Gout")

    html = client.get("/members/wren").text

    assert '<a href="/conditions/asthma">Asthma</a>' in html
    assert '<a href="/conditions/lupus">Lupus</a>' in html
    assert "Gout" not in html
    assert "Family member or caregiver" in html and "Researcher" in html


def test_profile_shows_approved_posts_only(app, client):
    condition_id = make_condition(app)
    wren = make_user(app, "wren")
    make_membership(app, wren, condition_id)
    states = {
        "approved words": (PostAction.APPROVE,),
        "pending words": (),
        "rejected words": (PostAction.REJECT,),
        "removed words": (PostAction.APPROVE, PostAction.REMOVE),
        "deleted words": (PostAction.APPROVE, PostAction.DELETE),
    }
    for index, (text, actions) in enumerate(states.items()):
        question_id = make_question(app, condition_id, f"question-{index}", f"Question {index}?")
        make_post(app, wren, question_id=question_id, text=text, actions=actions)

    for viewer in (None, "wren"):
        if viewer:
            log_in(client, viewer)
        html = client.get("/members/wren").text
        assert "approved words" in html
        for hidden in ("pending words", "rejected words", "removed words", "deleted words"):
            assert hidden not in html


def test_profile_is_found_regardless_of_case_and_unknown_members_are_404(app, client):
    make_user(app, "Wren")
    assert "<h1>Wren</h1>" in client.get("/members/wREN").text
    assert client.get("/members/nobody").status_code == 404


def test_email_is_never_shown_publicly(app, client):
    community = make_community(app)
    experience = make_post(app, community.wren, question_id=community.question_id)
    make_post(app, community.wren, parent_id=experience, text="A reply.")
    pages = [
        "/",
        "/conditions/asthma",
        "/conditions/asthma/questions/what-causes-it",
        "/members/wren",
    ]

    for viewer in (None, "kestrel"):
        if viewer:
            log_in(client, viewer)
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200
            assert "@example.org" not in response.text.lower(), page
        # The pages do show the member, by username.
        assert "/members/wren" in client.get(pages[2]).text

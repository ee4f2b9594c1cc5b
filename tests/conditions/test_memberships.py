"""Joining and leaving a condition community, and the member count that follows."""

import pytest
from sqlalchemy import select

from community.extensions import db
from community.models import Condition, Membership, Relation
from tests.factories import make_condition, make_membership, make_post, make_question, make_user
from tests.state import assert_changes_nothing
from tests.web import log_in, post_form

JOINING_LABELS = {
    "patient": "I have this condition",
    "caregiver": "Family member or caregiver",
    "professional": "Healthcare professional",
    "researcher": "Researcher",
}


@pytest.fixture
def asthma(app) -> int:
    return make_condition(app)


def member_count(app, condition_id: int) -> int:
    with app.app_context():
        return db.session.get(Condition, condition_id).member_count


def relations(app) -> list[tuple[int, Relation]]:
    with app.app_context():
        rows = db.session.execute(
            select(Membership.user_id, Membership.relation).order_by(Membership.id)
        )
        return [tuple(row) for row in rows]


def join(client, relation: str = "patient", slug: str = "asthma", **extra):
    return post_form(client, f"/conditions/{slug}/join", {"relation": relation, **extra})


def leave(client, slug: str = "asthma"):
    return post_form(client, f"/conditions/{slug}/leave")


def test_join_form_offers_the_four_relations_with_the_contract_labels(app, client, asthma):
    make_user(app, "wren")
    log_in(client, "wren")

    html = client.get("/conditions/asthma").text

    assert ">I am joining as</label>" in html
    for value, label in JOINING_LABELS.items():
        assert f'<option value="{value}">{label}</option>' in html
    assert 'value="Join this community"' in html


@pytest.mark.parametrize("relation", list(JOINING_LABELS))
def test_joining_records_how_the_member_relates_and_counts_them(app, client, asthma, relation):
    wren = make_user(app, "wren")
    log_in(client, "wren")

    response = join(client, relation)

    assert response.status_code == 303
    assert response.headers["Location"] == "/conditions/asthma#message-join"
    assert relations(app) == [(wren, Relation(relation))]
    assert member_count(app, asthma) == 1
    html = client.get("/conditions/asthma").text
    assert "You have joined the Asthma community." in html
    assert "1 community member" in html
    assert 'value="Leave this community"' in html


def test_joining_again_changes_the_relation_but_counts_the_member_once(app, client, asthma):
    wren = make_user(app, "wren")
    log_in(client, "wren")

    join(client, "patient")
    join(client, "researcher")

    assert relations(app) == [(wren, Relation.RESEARCHER)]
    assert member_count(app, asthma) == 1


def test_leaving_ends_the_membership_and_the_count_follows(app, client, asthma):
    make_user(app, "wren")
    kestrel = make_user(app, "kestrel")
    make_membership(app, kestrel, asthma)
    log_in(client, "wren")
    join(client)
    assert member_count(app, asthma) == 2

    response = leave(client)

    assert response.status_code == 303
    assert relations(app) == [(kestrel, Relation.PATIENT)]
    assert member_count(app, asthma) == 1
    assert "You have left the Asthma community." in client.get("/conditions/asthma").text


def test_leaving_a_community_one_is_not_in_changes_nothing(app, client, asthma):
    make_membership(app, make_user(app, "kestrel"), asthma)
    make_user(app, "wren")
    log_in(client, "wren")
    assert_changes_nothing(app, lambda: leave(client), 303)


def test_leaving_keeps_the_members_posts(app, client, asthma):
    question_id = make_question(app, asthma)
    wren = make_user(app, "wren")
    log_in(client, "wren")
    join(client)
    make_post(app, wren, question_id=question_id, text="Still my story.")

    leave(client)

    assert "Still my story." in client.get("/conditions/asthma/questions/what-causes-it").text


@pytest.mark.parametrize("relation", ["", "emperor", "PATIENT"])
def test_joining_needs_one_of_the_offered_relations(app, client, asthma, relation):
    make_user(app, "wren")
    log_in(client, "wren")
    assert_changes_nothing(
        app, lambda: join(client, relation), 400, "Choose how you relate to this condition"
    )


def test_joining_returns_to_a_local_next_only(app, client, asthma):
    make_user(app, "wren")
    log_in(client, "wren")
    question = "/conditions/asthma/questions/what-causes-it#share"
    assert join(client, next=question).headers["Location"] == question.replace(
        "#share", "#message-share"
    )
    assert leave(client).headers["Location"] == "/conditions/asthma#message-join"
    assert (
        join(client, next="https://evil.example").headers["Location"]
        == "/conditions/asthma#message-join"
    )


def test_joining_an_unknown_condition_is_404(app, client, asthma):
    make_user(app, "wren")
    log_in(client, "wren")
    assert join(client, slug="nothing").status_code == 404
    assert leave(client, slug="nothing").status_code == 404


def test_visitors_are_sent_to_log_in_before_joining(app, client, asthma):
    response = assert_changes_nothing(app, lambda: join(client), 302)
    assert response.headers["Location"].startswith("/auth/login?next=")
    assert "to join the Asthma community" in client.get("/conditions/asthma").text

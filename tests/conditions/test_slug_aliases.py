"""A condition's old slug keeps leading to it: every GET there answers 301 to the new address."""

import pytest
from sqlalchemy import select

from community.extensions import db
from community.models import Condition, ConditionSlugAlias, Membership, Post
from tests.admin.helpers import admin_events, as_admin, submit
from tests.factories import make_community, make_summary
from tests.web import log_in, post_form

ASTHMA = {"name": "Asthma", "slug": "asthma", "about": "About Asthma.", "synonyms": ""}
QUESTION = "/questions/what-causes-it"


@pytest.fixture
def community(app):
    community = make_community(app)
    make_summary(app, community.question_id)
    return community


def _move(client, condition_id: int, slug: str, **changes):
    return submit(
        client, f"/admin/conditions/{condition_id}", **{**ASTHMA, "slug": slug, **changes}
    )


def _aliases(app) -> list[tuple[str, str]]:
    with app.app_context():
        return list(
            db.session.execute(
                select(ConditionSlugAlias.old_slug, Condition.slug)
                .join(Condition, Condition.id == ConditionSlugAlias.condition_id)
                .order_by(ConditionSlugAlias.old_slug)
            )
        )


def test_every_get_at_the_old_slug_answers_301_to_the_same_address_at_the_new_one(
    app, client, community
):
    as_admin(app, client)
    assert _move(client, community.condition_id, "bronchial-asthma").status_code == 303
    visitor = app.test_client()
    moved = {
        "/conditions/asthma": "/conditions/bronchial-asthma",
        f"/conditions/asthma{QUESTION}?page=2&order=oldest": (
            f"/conditions/bronchial-asthma{QUESTION}?page=2&order=oldest"
        ),
        f"/conditions/asthma{QUESTION}/history": f"/conditions/bronchial-asthma{QUESTION}/history",
        "/conditions/asthma/feed.atom": "/conditions/bronchial-asthma/feed.atom",
        f"/conditions/asthma{QUESTION}/feed.atom": (
            f"/conditions/bronchial-asthma{QUESTION}/feed.atom"
        ),
        "/api/v1/conditions/asthma": "/api/v1/conditions/bronchial-asthma",
        f"/api/v1/conditions/asthma{QUESTION}?page=1": (
            f"/api/v1/conditions/bronchial-asthma{QUESTION}?page=1"
        ),
    }
    for old, new in moved.items():
        response = visitor.get(old)
        assert response.status_code == 301, old
        assert response.location == new, old
        assert response.headers["Cache-Control"] == "no-cache", old
        assert visitor.get(new).status_code == 200, new
    assert visitor.head("/conditions/asthma").status_code == 301
    # The suggest page is for members: one who follows an old link lands there too.
    member = app.test_client()
    log_in(member, "wren")
    suggest = member.get("/conditions/asthma/suggest")
    assert suggest.status_code == 301
    assert suggest.location == "/conditions/bronchial-asthma/suggest"
    assert member.get(suggest.location).status_code == 200
    # Neither a slug no condition ever had nor a missing question becomes a redirect.
    assert visitor.get("/conditions/asthmaa").status_code == 404
    missing = visitor.get("/conditions/asthma/questions/nothing", follow_redirects=True)
    assert missing.status_code == 404


def test_every_old_slug_leads_to_the_current_one_in_one_step(app, client, community):
    as_admin(app, client)
    assert _move(client, community.condition_id, "bronchial-asthma").status_code == 303
    assert _move(client, community.condition_id, "asthma-in-adults").status_code == 303
    for old in ("asthma", "bronchial-asthma"):
        response = client.get(f"/conditions/{old}")
        assert response.status_code == 301
        assert response.location == "/conditions/asthma-in-adults"


def test_a_slug_taken_back_stops_being_an_alias_and_nothing_loops(app, client, community):
    as_admin(app, client)
    visitor = app.test_client()
    assert _move(client, community.condition_id, "bronchial-asthma").status_code == 303
    assert _aliases(app) == [("asthma", "bronchial-asthma")]
    assert _move(client, community.condition_id, "asthma").status_code == 303
    assert _aliases(app) == [("bronchial-asthma", "asthma")]
    assert visitor.get("/conditions/asthma").status_code == 200
    response = visitor.get("/conditions/bronchial-asthma")
    assert (response.status_code, response.location) == (301, "/conditions/asthma")
    assert visitor.get("/conditions/bronchial-asthma", follow_redirects=True).status_code == 200
    # And over again: each slug in turn is the address or an alias, never both.
    assert _move(client, community.condition_id, "bronchial-asthma").status_code == 303
    assert _aliases(app) == [("asthma", "bronchial-asthma")]
    response = visitor.get("/conditions/asthma")
    assert (response.status_code, response.location) == (301, "/conditions/bronchial-asthma")
    assert visitor.get("/conditions/bronchial-asthma").status_code == 200


def test_no_other_condition_may_take_an_old_slug_and_nothing_changes(app, client, community):
    as_admin(app, client)
    assert _move(client, community.condition_id, "bronchial-asthma").status_code == 303
    lupus = _condition_id(app, "lupus")
    before = _conditions(app)
    changed = _move(client, lupus, "asthma", name="Lupus")
    assert changed.status_code == 400
    message = "The slug “asthma” was an earlier address of “Asthma” and still leads there."
    assert message in changed.text
    added = submit(client, "/admin/conditions/new", **{**ASTHMA, "name": "Asthma again"})
    assert added.status_code == 400 and message in added.text
    assert _conditions(app) == before
    assert _aliases(app) == [("asthma", "bronchial-asthma")]
    assert len(admin_events(app, "condition_changed")) == 1
    assert admin_events(app, "condition_added") == []
    assert client.get("/conditions/asthma").location == "/conditions/bronchial-asthma"


def test_a_post_to_an_old_slug_is_not_acted_on(app, client, community):
    as_admin(app, client)
    assert _move(client, community.condition_id, "bronchial-asthma").status_code == 303
    member = app.test_client()
    log_in(member, "robin")
    page = f"/conditions/bronchial-asthma{QUESTION}"
    joined = post_form(member, "/conditions/asthma/join", {"relation": "caregiver"}, page)
    assert joined.status_code == 404
    log_in(member, "wren")
    shared = post_form(
        member, f"/conditions/asthma{QUESTION}/experiences", {"body": "Cold air."}, page
    )
    assert shared.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Post)) == 0
        members = db.session.scalars(
            select(Membership.user_id).where(Membership.condition_id == community.condition_id)
        )
        assert sorted(members) == sorted([community.wren, community.kestrel])


def _condition_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Condition.id).where(Condition.slug == slug))


def _conditions(app) -> list[tuple]:
    with app.app_context():
        return list(
            db.session.execute(select(Condition.id, Condition.name, Condition.slug).order_by("id"))
        )


def test_two_admins_meeting_on_one_address_get_a_409_and_nothing_changes(app, client, community):
    """What two admins racing leave behind: an address already kept as another condition's
    old slug when this one lets it go. The database refuses the second; the admin is told."""
    as_admin(app, client)
    lupus = _condition_id(app, "lupus")
    with app.app_context():
        db.session.add(ConditionSlugAlias(old_slug="lupus", condition_id=community.condition_id))
        db.session.commit()
    before = _conditions(app)
    changed = _move(client, lupus, "lupus-sle", name="Lupus")
    assert changed.status_code == 409
    assert "Another admin took this slug" in changed.text
    assert _conditions(app) == before
    assert admin_events(app, "condition_changed") == []

"""Conditions: admins add them and change their name, slug, about text and other names."""

import pytest
from sqlalchemy import select

from community.accounts.services import find_by_username
from community.admin.conditions import (
    ConditionRefused,
    ConditionText,
    add_condition,
    change_condition,
    split_synonyms,
)
from community.extensions import db
from community.models import Condition, Role
from tests.admin.helpers import admin_events, as_admin, submit
from tests.factories import make_condition, make_user
from tests.interleaving import interleave

ASTHMA = {
    "name": "Asthma",
    "slug": "asthma",
    "about": "About Asthma.",
    "synonyms": "",
}


def _stored(app) -> list[tuple]:
    with app.app_context():
        return [
            (c.name, c.slug, c.about_markdown, c.about_html, list(c.synonyms or []))
            for c in db.session.scalars(select(Condition).order_by(Condition.id))
        ]


def _save(client, condition_id: int, **changes):
    return submit(client, f"/admin/conditions/{condition_id}", **{**ASTHMA, **changes})


def test_admins_add_a_condition_that_the_directory_shows_at_once(app, client):
    make_condition(app)
    as_admin(app, client)
    assert "Eczema" not in client.get("/").text  # the directory is cached now
    response = submit(
        client,
        "/admin/conditions/new",
        name="Eczema",
        slug="eczema",
        about="An *itchy* skin condition.",
        synonyms="atopic dermatitis",
        reason="Members asked for it.",
    )
    assert response.status_code == 303
    assert response.location == "/admin/conditions"
    assert "Eczema" in client.get("/").text
    page = client.get("/conditions/eczema")
    assert page.status_code == 200 and "<em>itchy</em>" in page.text
    assert "Eczema" in client.get("/?q=dermatitis").text
    [logged] = admin_events(app, "condition_added")
    assert logged["actor"] == "root" and logged["reason"] == "Members asked for it."
    assert logged["after"] == (
        "Name: Eczema\nSlug: eczema\nAbout: An *itchy* skin condition.\nSynonyms: atopic dermatitis"
    )
    assert logged["condition"] == _condition_id(app, "eczema")


def _condition_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Condition.id).where(Condition.slug == slug))


def test_an_edit_shows_on_the_condition_page_and_in_the_directory_at_once(app, client):
    asthma = make_condition(app)
    as_admin(app, client)
    assert "About Asthma." in client.get("/conditions/asthma").text  # cached
    assert "Asthma" not in client.get("/?q=wheezing").text
    form = client.get(f"/admin/conditions/{asthma}").text
    for label in ("Name", "Slug", "About", "Synonyms", "Reason"):
        assert f">{label}</label>" in form

    response = _save(
        client,
        asthma,
        name="Asthma (bronchial)",
        about="Airways **narrow**.\n\n<script>alert(1)</script>",
        synonyms="Wheezing, reactive airway disease\nwheezing\n\n",
        reason="Clearer.",
    )

    assert response.status_code == 303
    page = client.get("/conditions/asthma").text
    assert "Asthma (bronchial)" in page and "<strong>narrow</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert "Asthma (bronchial)" in client.get("/?q=wheezing").text
    assert "Asthma (bronchial)" in client.get("/?q=reactive airway").text
    [stored] = _stored(app)
    assert stored[4] == ["Wheezing", "reactive airway disease"]
    [logged] = admin_events(app, "condition_changed")
    assert logged["reason"] == "Clearer." and logged["condition"] == asthma
    # Only what changed: the slug did not.
    assert logged["before"] == "Name: Asthma\nAbout: About Asthma.\nSynonyms: "
    assert logged["after"].startswith("Name: Asthma (bronchial)\nAbout: Airways **narrow**.")
    assert logged["after"].endswith("Synonyms: Wheezing, reactive airway disease")


def test_saving_without_a_change_logs_nothing(app, client):
    asthma = make_condition(app)
    as_admin(app, client)
    assert _save(client, asthma).status_code == 303
    assert admin_events(app, "condition_changed") == []


def test_a_slug_another_condition_has_is_refused_and_nothing_changes(app, client):
    asthma = make_condition(app)
    make_condition(app, "lupus", "Lupus")
    as_admin(app, client)
    before = _stored(app)
    response = _save(client, asthma, name="Asthma, renamed", slug="lupus")
    assert response.status_code == 400
    assert "Another condition already has the slug “lupus”." in response.text
    assert 'role="alert"' in response.text
    assert _stored(app) == before
    added = submit(client, "/admin/conditions/new", **{**ASTHMA, "name": "Asthma again"})
    assert added.status_code == 400
    assert "Another condition already has the slug “asthma”." in added.text
    assert _stored(app) == before
    assert admin_events(app, "condition_changed") == admin_events(app, "condition_added") == []


def test_a_slug_with_other_characters_is_refused(app, client):
    asthma = make_condition(app)
    as_admin(app, client)
    before = _stored(app)
    for slug in ("Asthma", "asthma care", "asthma--care", "-asthma", "astma/2", "ästhma", " "):
        response = _save(client, asthma, slug=slug)
        assert response.status_code == 400, slug
        assert "slug" in response.text.lower()
    assert _stored(app) == before


def test_a_condition_needs_a_name(app, client):
    asthma = make_condition(app)
    as_admin(app, client)
    before = _stored(app)
    response = _save(client, asthma, name="   ")
    assert response.status_code == 400
    assert "Give the condition a name." in response.text
    response = submit(
        client, "/admin/conditions/new", name="", slug="eczema", about="", synonyms=""
    )
    assert response.status_code == 400
    assert _stored(app) == before


def test_a_new_slug_moves_the_condition_to_its_new_address(app, client):
    """The old address redirects there (tests/conditions/test_slug_aliases.py): the form says so."""
    asthma = make_condition(app)
    as_admin(app, client)
    assert "the old address keeps leading here" in client.get(f"/admin/conditions/{asthma}").text
    visitor = app.test_client()
    assert visitor.get("/conditions/asthma").status_code == 200  # cached
    assert "/conditions/asthma" in visitor.get("/").text  # cached
    assert _save(client, asthma, slug="bronchial-asthma").status_code == 303
    assert visitor.get("/conditions/asthma").location == "/conditions/bronchial-asthma"
    assert 'href="/conditions/bronchial-asthma"' in visitor.get("/").text
    assert client.get("/conditions/bronchial-asthma").status_code == 200
    assert client.get("/conditions/asthma").status_code == 301
    assert "/conditions/bronchial-asthma" in client.get("/").text


def test_the_list_shows_every_condition_with_a_link_to_edit_it(app, client):
    asthma = make_condition(app)
    as_admin(app, client)
    page = client.get("/admin/conditions").text
    assert f'href="/admin/conditions/{asthma}"' in page
    assert 'href="/admin/conditions/new"' in page
    assert client.get("/admin/conditions/999").status_code == 404


def test_other_names_are_one_a_line_or_separated_by_commas():
    assert split_synonyms(
        "PID, inborn errors of immunity\n  pid \r\nPrimary  immune deficiency,,"
    ) == [
        "PID",
        "inborn errors of immunity",
        "Primary immune deficiency",
    ]
    assert split_synonyms("") == []


# Two admins at the same moment, each on a connection of its own.


def _text(name: str, slug: str) -> ConditionText:
    return ConditionText(name=name, slug=slug, about="", synonyms="")


def _admin():
    return find_by_username("keeper")


@pytest.mark.fresh_database
def test_two_conditions_added_at_one_address_at_once_make_one(app):
    make_user(app, "keeper", roles=(Role.ADMIN,))

    def add(name: str):
        return lambda: add_condition(_admin(), _text(name, "eczema")).id

    first, second = interleave(app, add("Eczema"), add("Atopic eczema"))

    assert first.error is None
    assert isinstance(second.error, ConditionRefused)
    assert str(second.error) == "Another condition already has the slug “eczema”."
    assert [(name, slug) for name, slug, *_ in _stored(app)] == [("Eczema", "eczema")]


@pytest.mark.fresh_database
def test_a_condition_moved_to_an_address_taken_at_the_same_moment_is_refused(app):
    make_user(app, "keeper", roles=(Role.ADMIN,))
    asthma = make_condition(app)

    def add_eczema():
        return add_condition(_admin(), _text("Eczema", "eczema")).id

    def move_asthma_there():
        condition = db.session.get(Condition, asthma)
        return change_condition(_admin(), condition, _text("Asthma", "eczema"))

    added, moved = interleave(app, add_eczema, move_asthma_there)

    assert added.error is None
    assert isinstance(moved.error, ConditionRefused)
    assert [(name, slug) for name, slug, *_ in _stored(app)] == [
        ("Asthma", "asthma"),
        ("Eczema", "eczema"),
    ]

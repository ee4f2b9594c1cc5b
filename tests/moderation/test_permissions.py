"""Every moderation route: visitors are sent to log in, members are refused, moderators enter."""

import pytest

from community.models import Role
from tests.factories import make_user
from tests.moderation.moderator import (
    make_moderated_community,
    pending_experience,
    submit,
    token,
)
from tests.web import log_in

# Sample values for the routes' variables, so that every rule can be visited.
ARGUMENTS = {"post_id": 1, "username": "wren", "verb": "approve"}


def _moderation_routes(app) -> list[tuple[str, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("moderation."):
            continue
        values = {name: ARGUMENTS[name] for name in rule.arguments}
        path = rule.build(values)[1]
        routes += [(method, path) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return routes


@pytest.fixture
def routes(app):
    community = make_moderated_community(app)
    pending_experience(app, community)
    found = _moderation_routes(app)
    # The queue, review, edit, decisions, member, suspend, lift and log pages at least.
    assert len(found) >= 8
    return found


def _visit(client, method: str, path: str):
    if method == "GET":
        return client.get(path)
    return submit(client, path)


def test_visitors_are_sent_to_log_in(app, client, routes):
    token(client)
    for method, path in routes:
        response = _visit(client, method, path)
        assert response.status_code == 302, (method, path)
        assert response.headers["Location"].startswith("/auth/login?next="), (method, path)


def test_members_are_refused(app, client, routes):
    make_user(app, "reader")
    log_in(client, "reader")
    for method, path in routes:
        assert _visit(client, method, path).status_code == 403, (method, path)


# What a moderator gets, each form sent empty: past the permission check, the form is
# refused on the moderator's own page as incomplete; there is no suspension to lift.
INCOMPLETE = (400, "Please correct the form below; nothing was changed.")
MODERATOR_ANSWERS = {"GET": (200, "</h1>"), "POST": INCOMPLETE}
NOTHING_TO_LIFT = (409, "wren is not suspended.")


def test_moderators_are_let_in(app, client, routes):
    make_user(app, "mod_bo", roles=(Role.MODERATOR, Role.EDITOR))
    log_in(client, "mod_bo")
    for method, path in routes:
        status, message = NOTHING_TO_LIFT if path.endswith("/lift") else MODERATOR_ANSWERS[method]
        response = _visit(client, method, path)
        assert response.status_code == status, (method, path)
        assert message in response.text, (method, path)


def test_only_moderators_see_the_moderation_link(app, client, routes):
    make_user(app, "reader")
    log_in(client, "reader")
    assert 'href="/moderation/"' not in client.get("/").text
    moderator = app.test_client()
    log_in(moderator, "mod_ada")
    assert 'href="/moderation/">Moderation</a>' in moderator.get("/").text

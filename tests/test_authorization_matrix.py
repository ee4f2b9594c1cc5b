"""Who may do what: every endpoint and method of the URL map against every role.

The cases are read from the application's URL map, so a new route appears here by
itself and fails until ``MATRIX`` says what each role gets from it. Every request is
a real one: logged in through the login form, with a CSRF token read from a page, and
with the data a browser would send.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask

from community import create_app
from community.models import Relation, Role
from tests.factories import (
    PASSWORD,
    make_condition,
    make_membership,
    make_post,
    make_question,
    make_user,
)
from tests.web import csrf_token, log_in

ROLES = ("anonymous", "member", "moderator", "editor", "admin")
ROLE_GRANTS = {
    "member": (),
    "moderator": (Role.MODERATOR,),
    "editor": (Role.EDITOR,),
    "admin": (Role.ADMIN,),
}
IGNORED_METHODS = {"HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Redirect:
    status: int
    to: str


TO_LOGIN = Redirect(302, "/auth/login")
Outcome = int | Redirect


@dataclass(frozen=True)
class World:
    """Ids of what the requests act on. The member wrote ``post`` and joined the condition."""

    post: int


@dataclass(frozen=True)
class Case:
    path: Callable[[World], str] | str
    outcomes: dict[str, Outcome]
    data: Callable[[str], dict[str, str]] | None = None


def outcomes(**by_role: Outcome) -> dict[str, Outcome]:
    assert set(by_role) == set(ROLES), f"give an outcome for every role: {ROLES}"
    return by_role


def everyone(outcome: Outcome) -> dict[str, Outcome]:
    return dict.fromkeys(ROLES, outcome)


def signed_in(outcome: Outcome) -> dict[str, Outcome]:
    return {**everyone(outcome), "anonymous": TO_LOGIN}


def author_only(allowed: Outcome) -> dict[str, Outcome]:
    """The member wrote the post (and joined its condition); the others did neither."""
    return outcomes(anonymous=TO_LOGIN, member=allowed, moderator=403, editor=403, admin=403)


QUESTION = "/conditions/asthma/questions/what-causes-it"
OTHER_QUESTION = "/conditions/asthma/questions/what-helps"
AFTER_WRITING = Redirect(303, "/conditions/asthma/questions/")
TO_CONDITION = Redirect(303, "/conditions/asthma")
TO_DIRECTORY = Redirect(302, "/")

MATRIX: dict[tuple[str, str], Case] = {
    ("static", "GET"): Case("/static/style.css", everyone(200)),
    ("site.healthz", "GET"): Case("/healthz", everyone(200)),
    ("site.robots", "GET"): Case("/robots.txt", everyone(200)),
    ("conditions.directory", "GET"): Case("/", everyone(200)),
    ("conditions.condition", "GET"): Case("/conditions/asthma", everyone(200)),
    ("conditions.question", "GET"): Case(QUESTION, everyone(200)),
    ("conditions.join", "POST"): Case(
        "/conditions/asthma/join", signed_in(TO_CONDITION), lambda role: {"relation": "patient"}
    ),
    ("conditions.leave", "POST"): Case("/conditions/asthma/leave", signed_in(TO_CONDITION)),
    # Sharing and replying need a membership of the condition, which only the member has.
    ("posts.share", "POST"): Case(
        QUESTION + "/experiences", author_only(AFTER_WRITING), lambda role: {"body": "Mine."}
    ),
    ("posts.reply", "POST"): Case(
        lambda world: f"/posts/{world.post}/replies",
        author_only(AFTER_WRITING),
        lambda role: {"body": "A reply."},
    ),
    ("posts.edit", "GET"): Case(lambda world: f"/posts/{world.post}/edit", author_only(200)),
    ("posts.edit", "POST"): Case(
        lambda world: f"/posts/{world.post}/edit",
        author_only(AFTER_WRITING),
        lambda role: {"body": "Edited."},
    ),
    ("posts.delete", "POST"): Case(
        lambda world: f"/posts/{world.post}/delete", author_only(AFTER_WRITING)
    ),
    ("accounts.register", "GET"): Case("/auth/register", everyone(200)),
    ("accounts.register", "POST"): Case(
        "/auth/register",
        everyone(TO_DIRECTORY),
        lambda role: {
            "username": f"new_{role}",
            "email": f"new_{role}@example.org",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    ),
    ("accounts.login", "GET"): Case("/auth/login", everyone(200)),
    ("accounts.login", "POST"): Case(
        "/auth/login",
        everyone(TO_DIRECTORY),
        lambda role: {
            "identifier": "member" if role == "anonymous" else role,
            "password": PASSWORD,
        },
    ),
    ("accounts.logout", "POST"): Case("/auth/logout", everyone(TO_DIRECTORY)),
    ("accounts.profile", "GET"): Case("/members/member", everyone(200)),
    ("own_data.export", "GET"): Case("/account/export", signed_in(200)),
    ("own_data.delete", "GET"): Case("/account/delete", signed_in(200)),
    ("own_data.delete", "POST"): Case(
        "/account/delete",
        signed_in(Redirect(303, "/")),
        lambda role: {"posts": "keep", "password": PASSWORD},
    ),
}


def _routes() -> list[tuple[str, str]]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "routes only"})
    return sorted(
        {
            (rule.endpoint, method)
            for rule in app.url_map.iter_rules()
            for method in rule.methods - IGNORED_METHODS
        }
    )


ROUTES = _routes()


def _build_world(app: Flask) -> World:
    condition_id = make_condition(app)
    make_question(app, condition_id)
    other_question_id = make_question(app, condition_id, "what-helps", "What helps?")
    ids = {role: make_user(app, role, roles=grants) for role, grants in ROLE_GRANTS.items()}
    make_membership(app, ids["member"], condition_id, Relation.PATIENT)
    post = make_post(app, ids["member"], question_id=other_question_id, text="Cold air.")
    return World(post=post)


def _describe(response) -> str:
    location = response.headers.get("Location")
    return f"{response.status_code}" + (f" to {location}" if location else "")


def _matches(response, expected: Outcome) -> bool:
    if isinstance(expected, Redirect):
        location = response.headers.get("Location", "")
        return response.status_code == expected.status and location.startswith(expected.to)
    return response.status_code == expected


@pytest.mark.parametrize(("endpoint", "method"), ROUTES, ids=[f"{e} {m}" for e, m in ROUTES])
def test_every_role_gets_the_expected_outcome(app, endpoint, method):
    case = MATRIX.get((endpoint, method))
    if case is None:
        pytest.fail(
            f"{method} {endpoint} is not in the authorization matrix: add it to MATRIX with "
            f"the outcome for each of {', '.join(ROLES)}"
        )
    world = _build_world(app)
    path = case.path(world) if callable(case.path) else case.path
    wrong = []
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            log_in(client, role)
        if method == "GET":
            response = client.get(path)
        else:
            data = case.data(role) if case.data else {}
            data["csrf_token"] = csrf_token(client, "/auth/login")
            response = client.open(path, method=method, data=data)
        expected = case.outcomes[role]
        if not _matches(response, expected):
            wrong.append(f"{role}: expected {expected}, got {_describe(response)}")
        response.close()
    assert wrong == [], f"{method} {path}"


def test_the_matrix_lists_no_route_that_does_not_exist():
    assert sorted(set(MATRIX) - set(ROUTES)) == []

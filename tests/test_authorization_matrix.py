"""Who may do what: every endpoint and method of the URL map against every role.

The cases are read from the application's URL map, so a new route appears here by
itself and fails until ``MATRIX`` says what each role gets from it. Every request is
a real one: logged in through the login form, with a CSRF token read from a page, and
with the data a browser would send. What depends on membership, authorship or a
suspension is in ``test_permissions.py``.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask

from community.accounts.services import find_by_username
from community.extensions import db
from community.models import Post, Relation, Role, WordAction
from community.moderation import suspensions
from community.moderation.services import post_version
from community.posts.services import apply_action
from community.posts.states import PostAction
from community.safety.services import add_word
from community.safety.words import DEFAULT_CRISIS_PHRASES
from tests.conftest import make_app
from tests.factories import (
    PASSWORD,
    make_condition,
    make_membership,
    make_post,
    make_question,
    make_user,
)
from tests.web import ANONYMOUS, client_as, send

ROLES = (ANONYMOUS, "member", "moderator", "editor", "admin")
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


# To log in, and back to the page the visitor was on once logged in.
TO_LOGIN = Redirect(302, "/auth/login?next=")
Outcome = int | Redirect


@dataclass(frozen=True)
class World:
    """Ids of what the requests act on. The member wrote ``post`` and joined the condition."""

    post: int
    # The post as a moderator reads it on the review page; decisions name it.
    post_version: str


@dataclass(frozen=True)
class Case:
    path: Callable[[World], str] | str
    outcomes: dict[str, Outcome]
    data: Callable[[str, World], dict[str, str]] | None = None
    # What must be true before the requests, beyond the world every case starts from.
    prepare: Callable[[Flask], None] | None = None


def outcomes(**by_role: Outcome) -> dict[str, Outcome]:
    assert set(by_role) == set(ROLES), f"give an outcome for every role: {ROLES}"
    return by_role


def everyone(outcome: Outcome) -> dict[str, Outcome]:
    return dict.fromkeys(ROLES, outcome)


def signed_in(outcome: Outcome) -> dict[str, Outcome]:
    return {**everyone(outcome), ANONYMOUS: TO_LOGIN}


def moderators_only(allowed: Outcome) -> dict[str, Outcome]:
    return outcomes(anonymous=TO_LOGIN, member=403, moderator=allowed, editor=403, admin=403)


def admins_only(allowed: Outcome) -> dict[str, Outcome]:
    return outcomes(anonymous=TO_LOGIN, member=403, moderator=403, editor=403, admin=allowed)


def author_only(allowed: Outcome) -> dict[str, Outcome]:
    """The member wrote the post (and joined its condition); the others did neither."""
    return outcomes(anonymous=TO_LOGIN, member=allowed, moderator=403, editor=403, admin=403)


QUESTION = "/conditions/asthma/questions/what-causes-it"
OTHER_QUESTION = "/conditions/asthma/questions/what-helps"
AFTER_WRITING = Redirect(303, "/conditions/asthma/questions/")
TO_CONDITION = Redirect(303, "/conditions/asthma")
TO_DIRECTORY = Redirect(302, "/")
TO_QUEUE = Redirect(303, "/moderation/")
TO_MEMBER_PAGE = Redirect(303, "/moderation/members/member")

MATRIX: dict[tuple[str, str], Case] = {
    ("static", "GET"): Case("/static/style.css", everyone(200)),
    ("site.healthz", "GET"): Case("/healthz", everyone(200)),
    ("site.robots", "GET"): Case("/robots.txt", everyone(200)),
    ("conditions.directory", "GET"): Case("/", everyone(200)),
    ("conditions.condition", "GET"): Case("/conditions/asthma", everyone(200)),
    ("conditions.question", "GET"): Case(QUESTION, everyone(200)),
    ("conditions.join", "POST"): Case(
        "/conditions/asthma/join",
        signed_in(TO_CONDITION),
        lambda role, world: {"relation": "patient"},
    ),
    ("conditions.leave", "POST"): Case("/conditions/asthma/leave", signed_in(TO_CONDITION)),
    # Sharing and replying need a membership of the condition, which only the member has.
    ("posts.share", "POST"): Case(
        QUESTION + "/experiences", author_only(AFTER_WRITING), lambda role, world: {"body": "Mine."}
    ),
    ("posts.reply", "POST"): Case(
        lambda world: f"/posts/{world.post}/replies",
        author_only(AFTER_WRITING),
        lambda role, world: {"body": "A reply."},
    ),
    ("posts.edit", "GET"): Case(lambda world: f"/posts/{world.post}/edit", author_only(200)),
    ("posts.edit", "POST"): Case(
        lambda world: f"/posts/{world.post}/edit",
        author_only(AFTER_WRITING),
        lambda role, world: {"body": "Edited."},
    ),
    ("posts.delete", "POST"): Case(
        lambda world: f"/posts/{world.post}/delete", author_only(AFTER_WRITING)
    ),
    ("accounts.register", "GET"): Case("/auth/register", everyone(200)),
    ("accounts.register", "POST"): Case(
        "/auth/register",
        everyone(TO_DIRECTORY),
        lambda role, world: {
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
        lambda role, world: {
            "identifier": "member" if role == ANONYMOUS else role,
            "password": PASSWORD,
        },
    ),
    ("accounts.logout", "POST"): Case("/auth/logout", everyone(TO_DIRECTORY)),
    ("accounts.profile", "GET"): Case("/members/member", everyone(200)),
    ("accounts.account", "GET"): Case("/account", signed_in(200)),
    # Reporting someone else's post: the member wrote it, so only the others may report it.
    ("posts.report", "POST"): Case(
        lambda world: f"/posts/{world.post}/report",
        outcomes(
            anonymous=TO_LOGIN,
            member=403,
            moderator=AFTER_WRITING,
            editor=AFTER_WRITING,
            admin=AFTER_WRITING,
        ),
        lambda role, world: {"reason": "spam"},
    ),
    ("moderation.queue", "GET"): Case("/moderation/", moderators_only(200)),
    ("moderation.log", "GET"): Case("/moderation/log", moderators_only(200)),
    ("moderation.review", "GET"): Case(
        lambda world: f"/moderation/posts/{world.post}", moderators_only(200)
    ),
    ("moderation.decide", "POST"): Case(
        lambda world: f"/moderation/posts/{world.post}/remove",
        moderators_only(TO_QUEUE),
        lambda role, world: {"version": world.post_version, "reason": "Off topic."},
    ),
    ("moderation.edit", "POST"): Case(
        lambda world: f"/moderation/posts/{world.post}/edit",
        moderators_only(TO_QUEUE),
        lambda role, world: {
            "version": world.post_version,
            "body": "Cold air, [removed].",
            "reason": "Took out a name.",
            "submit": "Save and approve",
        },
    ),
    ("moderation.member", "GET"): Case("/moderation/members/member", moderators_only(200)),
    ("moderation.suspend", "POST"): Case(
        "/moderation/members/member/suspend",
        moderators_only(TO_MEMBER_PAGE),
        lambda role, world: {"reason": "Repeated spam."},
    ),
    # Lifting needs a suspension to lift: the world suspends the member first.
    ("moderation.lift_suspension", "POST"): Case(
        "/moderation/members/member/lift",
        moderators_only(TO_MEMBER_PAGE),
        prepare=lambda app: _suspend_member(app),
    ),
    ("safety.guidelines", "GET"): Case("/guidelines", everyone(200)),
    ("safety.edit_guidelines", "GET"): Case("/admin/guidelines", admins_only(200)),
    ("safety.edit_guidelines", "POST"): Case(
        "/admin/guidelines",
        admins_only(Redirect(303, "/guidelines")),
        lambda role, world: {"body": "## Be kind\n\nAlways."},
    ),
    ("safety.watched_words", "GET"): Case("/admin/watched-words", admins_only(200)),
    ("safety.watched_words", "POST"): Case(
        "/admin/watched-words",
        admins_only(Redirect(303, "/admin/watched-words")),
        lambda role, world: {"word": "miracle cure", "action": "flag"},
    ),
    # The first watched word added after the crisis phrases the migrations put in.
    ("safety.delete_watched_word", "POST"): Case(
        f"/admin/watched-words/{len(DEFAULT_CRISIS_PHRASES) + 1}/delete",
        admins_only(Redirect(303, "/admin/watched-words")),
        prepare=lambda app: _watch_a_word(app),
    ),
    ("safety.crisis_phrases", "GET"): Case("/admin/crisis-phrases", admins_only(200)),
    ("safety.crisis_phrases", "POST"): Case(
        "/admin/crisis-phrases",
        admins_only(Redirect(303, "/admin/crisis-phrases")),
        lambda role, world: {"word": "cannot go on"},
    ),
    ("safety.delete_crisis_phrase", "POST"): Case(
        "/admin/crisis-phrases/1/delete", admins_only(Redirect(303, "/admin/crisis-phrases"))
    ),
    # The world's post is published (the audit log's entry 1); removing it is entry 2.
    ("appeals.appeal", "GET"): Case(
        "/account/appeals/2", author_only(200), prepare=lambda app: _remove_post(app)
    ),
    ("appeals.appeal", "POST"): Case(
        "/account/appeals/2",
        author_only(Redirect(303, "/account")),
        lambda role, world: {"message": "Please look again."},
        prepare=lambda app: _remove_post(app),
    ),
    ("own_data.export", "GET"): Case("/account/export", signed_in(200)),
    ("own_data.delete", "GET"): Case("/account/delete", signed_in(200)),
    ("own_data.delete", "POST"): Case(
        "/account/delete",
        signed_in(Redirect(303, "/")),
        lambda role, world: {"posts": "keep", "password": PASSWORD},
    ),
}


def _routes() -> list[tuple[str, str]]:
    return sorted(
        {
            (rule.endpoint, method)
            for rule in make_app("sqlite://").url_map.iter_rules()
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
    return World(post=post, post_version=_post_version(app, post))


def _suspend_member(app: Flask) -> None:
    with app.app_context():
        moderator, member = find_by_username("moderator"), find_by_username("member")
        suspensions.suspend(moderator, member, "Repeated spam.", None)
        db.session.commit()


def _remove_post(app: Flask) -> None:
    with app.app_context():
        moderator = find_by_username("moderator")
        post = db.session.scalar(db.select(Post).where(Post.body_markdown == "Cold air."))
        apply_action(post, PostAction.REMOVE, actor=moderator, reason="Off topic.")
        db.session.commit()


def _watch_a_word(app: Flask) -> None:
    with app.app_context():
        add_word("buy now", WordAction.BLOCK)
        db.session.commit()


def _post_version(app: Flask, post_id: int) -> str:
    with app.app_context():
        return post_version(db.session.get(Post, post_id))


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
    if case.prepare:
        case.prepare(app)
    path = case.path(world) if callable(case.path) else case.path
    wrong = []
    for role in ROLES:
        data = case.data(role, world) if case.data else None
        response = send(client_as(app, role), method, path, data)
        expected = case.outcomes[role]
        if not _matches(response, expected):
            wrong.append(f"{role}: expected {expected}, got {_describe(response)}")
        response.close()
    assert wrong == [], f"{method} {path}"


def test_the_matrix_lists_no_route_that_does_not_exist():
    assert sorted(set(MATRIX) - set(ROUTES)) == []

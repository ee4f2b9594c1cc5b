"""No write leaves a visitor reading a cached page that no longer matches the database.

Every POST route in the application's URL map is sent, as someone allowed to, with the
data a browser would send (the cases of tests/test_authorization_matrix.py, which must
list every route, and one case per moderation decision). Before it, every visitor page of
the world is cached; after it, each is served again and must be byte for byte the page
rendered from nothing: a write that changes what visitors see without moving the version
of that page fails here. A new POST route fails until it has a case.
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from flask import Flask
from sqlalchemy import select

from community import page_cache
from community.appeals.services import file_appeal
from community.extensions import db
from community.models import ModerationEvent, Post, PostState, Report, ReportReason, Role, User
from community.moderation.services import post_version
from community.posts import services as posts
from community.posts.states import PostAction
from tests.factories import make_condition, make_membership, make_post, make_question, make_user
from tests.test_authorization_matrix import (
    DECIDED_ALREADY,
    MATRIX,
    ROLE_GRANTS,
    TO_LOGIN,
    _canned_reason,
    _email_paths,
    _reset_path,
    _submitted_revision,
    _suggestion,
    _unsubscribe_path,
    make_app,
)
from tests.web import ANONYMOUS, client_as, send, without_csrf_tokens

QUESTION = "/conditions/asthma/questions/what-causes-it"
OTHER_QUESTION = "/conditions/asthma/questions/what-helps"
VISITOR_PAGES = (
    "/",
    "/conditions/asthma",
    QUESTION,
    OTHER_QUESTION,
    f"{OTHER_QUESTION}?page=2",
    f"{OTHER_QUESTION}?order=most-replied&relation=patient",
    f"{OTHER_QUESTION}/history",
    "/conditions/asthma/feed.atom",
    f"{OTHER_QUESTION}/feed.atom",
    "/search?q=cold",
    "/search?q=pending&condition=asthma",
    "/sitemap.xml",
    "/api/v1/conditions",
    "/api/v1/conditions/asthma",
    f"/api/v1{OTHER_QUESTION}",
    "/api/v1/search?q=pending",
)
# A member's pages are never cached whole, but the threads every member reads alike are
# kept (community/posts/thread_fragments.py): a member of the condition who wrote nothing
# reads these.
READER = "reader"
MEMBER_PAGES = (QUESTION, OTHER_QUESTION, f"{OTHER_QUESTION}?order=most-replied")
# Pages that show the pending reply once a moderator approves it (feeds list experiences).
SHOWING_THE_REPLY = (
    OTHER_QUESTION,
    "/search?q=pending&condition=asthma",
    f"/api/v1{OTHER_QUESTION}",
    "/api/v1/search?q=pending",
)


@dataclass(frozen=True)
class World:
    post: int  # the member's approved experience on the other question
    pending: int  # the member's reply awaiting moderation
    removed: int  # a reply a moderator removed
    hidden: int  # a reply hidden by members' reports (the experience is reported too)
    # What the authorization matrix's cases name beyond the post: the submitted summary
    # revision, the member's mailed links, a canned reason.
    extras: dict


def _build_world(app: Flask) -> World:
    condition_id = make_condition(app)
    make_question(app, condition_id)
    other = make_question(app, condition_id, "what-helps", "What helps?")
    ids = {role: make_user(app, role, roles=grants) for role, grants in ROLE_GRANTS.items()}
    # Not the only admin: the admin may delete their account (the matrix's world has one).
    make_user(app, "second_admin", roles=(Role.ADMIN,))
    make_membership(app, ids["member"], condition_id)
    make_membership(app, make_user(app, READER), condition_id)
    post = make_post(app, ids["member"], question_id=other, text="Cold air.")
    pending = make_post(app, ids["member"], parent_id=post, text="Pending.", actions=())
    removed = make_post(
        app, ids["member"], parent_id=post, actions=(PostAction.APPROVE, PostAction.REMOVE)
    )
    hidden = make_post(
        app, ids["member"], parent_id=post, actions=(PostAction.APPROVE, PostAction.HIDE)
    )
    with app.app_context():
        for reported in (post, hidden):
            db.session.add(
                Report(post_id=reported, reporter_id=ids["editor"], reason=ReportReason.SPAM)
            )
        db.session.commit()
    revision, fingerprint = _submitted_revision(app)
    extras = {
        "revision": revision,
        "revision_fingerprint": fingerprint,
        "unsubscribe": _unsubscribe_path(app, ids["member"]),
        "reset": _reset_path(app, ids["member"]),
        **_email_paths(app, ids["member"]),
        "reason": _canned_reason(app),
        "suggestion": _suggestion(app),
    }
    return World(post, pending, removed, hidden, extras)


def _version(app: Flask, post_id: int) -> str:
    with app.app_context():
        return post_version(db.session.get(Post, post_id))


@dataclass(frozen=True)
class Write:
    """One request that may change what visitors see, and who may send it."""

    path: Callable[[World], str]
    data: Callable[[Flask, World, str], dict]
    roles: tuple[str, ...]
    prepare: Callable[[Flask], None] | None = None
    # Roles allowed to send it who find it decided when another role has acted first (an
    # admin after the moderator): each sends it first, in a world of its own.
    roles_acting_alone: tuple[str, ...] = ()


def _decision(verb: str, target: str, **fields: str) -> Write:
    def form(app: Flask, world: World, _role: str) -> dict:
        return {"version": _version(app, getattr(world, target)), **fields}

    return Write(
        lambda world: f"/moderation/posts/{getattr(world, target)}/{verb}", form, ("moderator",)
    )


def _appeal_the_removal(app: Flask) -> None:
    """The member appeals the removal of their reply (the site removed it: any moderator hears)."""
    with app.app_context():
        removal = db.session.scalar(
            select(ModerationEvent)
            .where(ModerationEvent.action == "remove")
            .order_by(ModerationEvent.id.desc())
            .limit(1)
        )
        file_appeal(db.session.get(User, removal.subject_user_id), removal, "Please look again.")
        db.session.commit()


def _appeal_decision(verb: str, **fields: str) -> Write:
    decision = _decision(verb, "removed", **fields)
    return Write(decision.path, decision.data, decision.roles, _appeal_the_removal)


DECISIONS = {
    "approve": _decision("approve", "pending"),
    "reject": _decision("reject", "pending", reason="Off topic."),
    "remove": _decision("remove", "post", reason="Off topic."),
    "restore": _decision("restore", "removed"),
    "dismiss-reports": _decision("dismiss-reports", "post"),
    "reverse-appeal": _appeal_decision("reverse-appeal"),
    "uphold-appeal": _appeal_decision("uphold-appeal", reason="The removal stands."),
    "edit": _decision(
        "edit", "post", body="Cold air, edited.", reason="Tidied.", submit="Save and approve"
    ),
}


def _matrix_world(world: World, post_version: str) -> SimpleNamespace:
    """The world as the authorization matrix's cases name it."""
    return SimpleNamespace(post=world.post, post_version=post_version, **world.extras)


def _from_matrix(case) -> Write:
    def data(app: Flask, world: World, role: str) -> dict:
        if case.data is None:
            return {}
        return case.data(role, _matrix_world(world, _version(app, world.post)))

    def path(world: World) -> str:
        return case.path(_matrix_world(world, "")) if callable(case.path) else case.path

    allowed = tuple(
        role
        for role, outcome in case.outcomes.items()
        if outcome not in (403, 400, DECIDED_ALREADY, TO_LOGIN)
    )
    alone = tuple(role for role, outcome in case.outcomes.items() if outcome == DECIDED_ALREADY)
    return Write(path, data, allowed, case.prepare, alone)


def _writes() -> dict[str, Write]:
    """Every POST rule of the URL map that has a case, with the request that exercises it."""
    writes: dict[str, Write] = {}
    for rule in make_app("sqlite://").url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        if rule.endpoint == "moderation.decide":
            if rule.defaults["verb"] in DECISIONS:
                writes[rule.rule] = DECISIONS[rule.defaults["verb"]]
        elif (rule.endpoint, "POST") in MATRIX:
            writes[rule.rule] = _from_matrix(MATRIX[(rule.endpoint, "POST")])
    return writes


POST_RULES = sorted(
    rule.rule for rule in make_app("sqlite://").url_map.iter_rules() if "POST" in rule.methods
)
WRITES = _writes()


def _visitor_pages(app: Flask) -> dict[str, tuple[int, str]]:
    visitor = app.test_client()
    pages = {}
    for url in VISITOR_PAGES:
        response = visitor.get(url)
        pages[url] = (response.status_code, response.get_data(as_text=True))
    return pages


@pytest.mark.parametrize("rule", POST_RULES)
def test_after_every_write_visitors_read_what_the_database_holds(app, rule):
    write = WRITES.get(rule)
    if write is None:
        pytest.fail(f"POST {rule} has no case: add it to MATRIX or DECISIONS")
    world = _build_world(app)
    if write.prepare:
        write.prepare(app)
    assert write.roles, rule
    for role in write.roles:
        _write_then_compare(app, world, write, role, rule)


ROLES_ACTING_ALONE = [
    (rule, role) for rule, write in WRITES.items() for role in write.roles_acting_alone
]


@pytest.mark.parametrize(("rule", "role"), ROLES_ACTING_ALONE)
def test_a_role_that_would_find_the_write_decided_leaves_no_page_stale_either(app, rule, role):
    world = _build_world(app)
    write = WRITES[rule]
    if write.prepare:
        write.prepare(app)
    _write_then_compare(app, world, write, role, rule)


def _write_then_compare(app: Flask, world: World, write: Write, role: str, rule: str) -> None:
    reader = client_as(app, READER)
    before = _visitor_pages(app), _member_pages(reader)  # now cached
    client = client_as(app, role) if role != ANONYMOUS else app.test_client()
    response = send(client, "POST", write.path(world), write.data(app, world, role))
    assert response.status_code < 400, f"{role}: {response.status_code} {rule}"
    served = _visitor_pages(app), _member_pages(reader)
    page_cache.clear(app)
    rendered = _visitor_pages(app), _member_pages(reader)
    stale = [url for url in VISITOR_PAGES if served[0][url] != rendered[0][url]]
    assert stale == [], f"POST {rule} as {role} left these pages stale: {stale}"
    stale = [url for url in MEMBER_PAGES if served[1][url] != rendered[1][url]]
    assert stale == [], f"POST {rule} as {role} left these member's pages stale: {stale}"
    assert all(before)  # the pages were cached before the write


def _member_pages(reader) -> dict[str, tuple[int, str]]:
    pages = {}
    for url in MEMBER_PAGES:
        response = reader.get(url)
        pages[url] = (response.status_code, without_csrf_tokens(response.get_data(as_text=True)))
    return pages


def test_a_write_that_changes_a_page_is_seen_by_the_next_visitor(app):
    """The check above is not vacuous: a decision does change what was cached."""
    world = _build_world(app)
    before = _visitor_pages(app)
    write = DECISIONS["approve"]
    send(client_as(app, "moderator"), "POST", write.path(world), write.data(app, world, ""))
    after = _visitor_pages(app)
    for url in SHOWING_THE_REPLY:
        assert "Pending" not in before[url][1], url
        assert "Pending" in after[url][1], url
    with app.app_context():
        assert db.session.get(Post, world.pending).state is PostState.APPROVED


def test_a_bulk_statement_moves_the_versions_of_the_rows_it_changes(app):
    world = _build_world(app)
    assert "Cold air." in _visitor_pages(app)[OTHER_QUESTION][1]
    with app.app_context():
        # No ORM object changes: only the statement's WHERE clause says which rows.
        post = db.session.get(Post, world.post)
        db.session.expunge(post)
        posts._write_if_unchanged(post, {"state": PostState.REMOVED})
        db.session.commit()
    assert "Cold air." not in _visitor_pages(app)[OTHER_QUESTION][1]

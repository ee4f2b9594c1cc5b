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
from sqlalchemy import select

from community.accounts import verification
from community.accounts.recovery import reset_token
from community.accounts.services import find_by_username
from community.editorial import services as editorial
from community.editorial.reviewers import save_reviewer_profile
from community.extensions import db
from community.mail.services import unsubscribe_token
from community.models import (
    CannedReason,
    Condition,
    ModerationEvent,
    Notification,
    Post,
    Question,
    Relation,
    Role,
    User,
    WordAction,
)
from community.moderation import suspensions
from community.moderation.services import post_version
from community.posts.services import apply_action
from community.posts.states import PostAction
from community.safety.services import add_word
from community.safety.words import DEFAULT_CRISIS_PHRASES
from community.suggestions.services import suggest
from tests.conftest import make_app
from tests.factories import (
    PASSWORD,
    make_condition,
    make_membership,
    make_post,
    make_question,
    make_user,
)
from tests.mail.helpers import link_to
from tests.web import ANONYMOUS, client_as, send

ROLES = (ANONYMOUS, "member", "moderator", "editor", "reviewer", "admin")
ROLE_GRANTS = {
    "member": (),
    "moderator": (Role.MODERATOR,),
    "editor": (Role.EDITOR,),
    "reviewer": (Role.REVIEWER,),
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
    # The editor's summary revision of QUESTION, submitted for review, and its text's
    # fingerprint as the revision page gives it.
    revision: int
    revision_fingerprint: str
    # The member's link to stop mail of replies, as a notification carries it.
    unsubscribe: str
    # The member's link to set a new password, as the reset mail carries it.
    reset: str
    # The member's links confirming their address, and a change of it.
    verify: str
    email_change: str
    # A canned reason admins keep.
    reason: int
    # The member's suggested question for asthma, waiting for an editor.
    suggestion: int
    # The member's notification that a moderator published their post.
    notification: int


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


def only(role: str, allowed: Outcome) -> dict[str, Outcome]:
    return {**signed_in(403), role: allowed}


def moderators_only(allowed: Outcome) -> dict[str, Outcome]:
    """Moderators, and admins, who moderate too."""
    return {**only("moderator", allowed), "admin": allowed}


def admins_only(allowed: Outcome) -> dict[str, Outcome]:
    return outcomes(
        anonymous=TO_LOGIN, member=403, moderator=403, editor=403, reviewer=403, admin=allowed
    )


# The moderator decided first (roles take turns in ROLES' order): the admin passed the check
# of who may moderate, and found the post, or the suspension, already decided.
DECIDED_ALREADY = 409


def moderator_then_admin(allowed: Outcome) -> dict[str, Outcome]:
    return {**moderators_only(allowed), "admin": DECIDED_ALREADY}


def author_only(allowed: Outcome) -> dict[str, Outcome]:
    """The member wrote the post (and joined its condition); the others did neither."""
    return only("member", allowed)


QUESTION = "/conditions/asthma/questions/what-causes-it"
OTHER_QUESTION = "/conditions/asthma/questions/what-helps"
AFTER_WRITING = Redirect(303, "/conditions/asthma/questions/")
TO_CONDITION = Redirect(303, "/conditions/asthma")
TO_DIRECTORY = Redirect(302, "/")
TO_QUEUE = Redirect(303, "/moderation/")
TO_MEMBER_PAGE = Redirect(303, "/moderation/members/member")
TO_REVISION = Redirect(303, "/editorial/revisions/")
SUMMARY_FORM = {
    "short_answer": "Cold air narrows the airways.",
    "body": "Airways **tighten** in cold air.",
    "sources": "MedlinePlus | https://medlineplus.gov/asthma.html",
    "change_note": "Clearer wording.",
    "submit": "Submit for review",
}
TO_REASONS = Redirect(303, "/admin/reasons")

MATRIX: dict[tuple[str, str], Case] = {
    ("static", "GET"): Case("/static/style.css", everyone(200)),
    ("site.healthz", "GET"): Case("/healthz", everyone(200)),
    ("site.robots", "GET"): Case("/robots.txt", everyone(200)),
    ("site.sitemap", "GET"): Case("/sitemap.xml", everyone(200)),
    ("conditions.directory", "GET"): Case("/", everyone(200)),
    ("conditions.condition", "GET"): Case("/conditions/asthma", everyone(200)),
    ("conditions.question", "GET"): Case(QUESTION, everyone(200)),
    ("feeds.condition_feed", "GET"): Case("/conditions/asthma/feed.atom", everyone(200)),
    ("feeds.question_feed", "GET"): Case(QUESTION + "/feed.atom", everyone(200)),
    # The read-only API shows everyone what a visitor sees.
    ("api.conditions", "GET"): Case("/api/v1/conditions", everyone(200)),
    ("api.condition", "GET"): Case("/api/v1/conditions/asthma", everyone(200)),
    ("api.question", "GET"): Case("/api/v1" + QUESTION, everyone(200)),
    ("api.openapi", "GET"): Case("/api/v1/openapi.json", everyone(200)),
    ("api.search", "GET"): Case("/api/v1/search?q=cold", everyone(200)),
    ("search.search", "GET"): Case("/search?q=experience", everyone(200)),
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
    ("posts.delete", "GET"): Case(lambda world: f"/posts/{world.post}/delete", author_only(200)),
    ("posts.delete", "POST"): Case(
        lambda world: f"/posts/{world.post}/delete", author_only(AFTER_WRITING)
    ),
    ("accounts.register", "GET"): Case("/auth/register", everyone(200)),
    # Registering answers with "check your email" and signs nobody in.
    ("accounts.register", "POST"): Case(
        "/auth/register",
        everyone(200),
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
    ("accounts.forgot_password", "GET"): Case("/auth/forgot", everyone(200)),
    ("accounts.forgot_password", "POST"): Case(
        "/auth/forgot", everyone(200), lambda role, world: {"email": "member@example.org"}
    ),
    # The link is the permission, whoever holds it; it works once, so only the first
    # (the visitor) sets a password, and the same one, so that the member still logs in.
    ("accounts.reset_password", "GET"): Case(lambda world: world.reset, everyone(200)),
    ("accounts.reset_password", "POST"): Case(
        lambda world: world.reset,
        outcomes(
            anonymous=TO_DIRECTORY, member=400, moderator=400, editor=400, reviewer=400, admin=400
        ),
        lambda role, world: {"new_password": PASSWORD, "confirm": PASSWORD},
    ),
    # Confirming an address signs nobody in: the member goes on, the others to log in.
    ("accounts.verify_email", "GET"): Case(
        lambda world: world.verify,
        {**everyone(Redirect(302, "/auth/login")), "member": TO_DIRECTORY},
    ),
    ("accounts.resend_verification", "POST"): Case(
        "/auth/verify/send", signed_in(Redirect(303, "/account"))
    ),
    # The link works once: the visitor follows it first, and the address changes.
    ("accounts.confirm_email_change", "GET"): Case(
        lambda world: world.email_change,
        outcomes(
            anonymous=Redirect(302, "/auth/login"),
            member=400,
            moderator=400,
            editor=400,
            reviewer=400,
            admin=400,
        ),
    ),
    ("accounts.settings_page", "GET"): Case("/account/settings", signed_in(200)),
    ("accounts.settings_page", "POST"): Case(
        "/account/settings",
        signed_in(Redirect(303, "/account/settings")),
        lambda role, world: {
            "mail_reply": "daily",
            "mail_moderation": "never",
            "mail_suggestion": "immediately",
            "mail_followed_question": "immediately",
            "section": "mail",
        },
    ),
    ("accounts.notifications_list", "GET"): Case("/account/notifications", signed_in(200)),
    # Opening a notification reads it: a link, so a GET; another's notification is not found.
    ("accounts.open_notification", "GET"): Case(
        lambda world: f"/account/notifications/{world.notification}",
        {**signed_in(404), "member": Redirect(303, OTHER_QUESTION + "#post-")},
    ),
    ("accounts.mark_all_read", "POST"): Case(
        "/account/notifications/read", signed_in(Redirect(303, "/account/notifications"))
    ),
    ("conditions.follow", "POST"): Case(
        f"{QUESTION}/follow",
        signed_in(Redirect(303, QUESTION)),
        lambda role, world: {"follow": "yes"},
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
            reviewer=AFTER_WRITING,
            admin=AFTER_WRITING,
        ),
        lambda role, world: {"reason": "spam"},
    ),
    # Marking someone else's experience as helpful: the member wrote it, so not they.
    ("posts.mark_helped", "POST"): Case(
        lambda world: f"/posts/{world.post}/helped",
        outcomes(
            anonymous=TO_LOGIN,
            member=403,
            moderator=AFTER_WRITING,
            editor=AFTER_WRITING,
            reviewer=AFTER_WRITING,
            admin=AFTER_WRITING,
        ),
        lambda role, world: {"helped": "yes"},
    ),
    ("moderation.queue", "GET"): Case("/moderation/", moderators_only(200)),
    ("moderation.log", "GET"): Case("/moderation/log", moderators_only(200)),
    ("moderation.review", "GET"): Case(
        lambda world: f"/moderation/posts/{world.post}", moderators_only(200)
    ),
    ("moderation.decide", "POST"): Case(
        lambda world: f"/moderation/posts/{world.post}/remove",
        moderator_then_admin(TO_QUEUE),
        lambda role, world: {"version": world.post_version, "reason": "Off topic."},
    ),
    ("moderation.edit", "POST"): Case(
        lambda world: f"/moderation/posts/{world.post}/edit",
        moderator_then_admin(TO_QUEUE),
        lambda role, world: {
            "version": world.post_version,
            "body": "Cold air, [removed].",
            "reason": "Took out a name.",
            "submit": "Save and approve",
        },
    ),
    ("moderation.bulk_decide", "POST"): Case(
        "/moderation/bulk",
        moderators_only(TO_QUEUE),
        lambda role, world: {
            "selected": f"{world.post}:{world.post_version}",
            "reject": "Reject selected",
            "reason": "Off topic.",
        },
    ),
    ("moderation.member", "GET"): Case("/moderation/members/member", moderators_only(200)),
    ("moderation.suspend", "POST"): Case(
        "/moderation/members/member/suspend",
        moderators_only(TO_MEMBER_PAGE),
        lambda role, world: {"reason": "Repeated spam."},
    ),
    ("moderation.clean_up", "POST"): Case(
        "/moderation/members/member/clean-up",
        moderators_only(TO_MEMBER_PAGE),
        lambda role, world: {"reason": "Repeated spam."},
    ),
    # Lifting needs a suspension to lift: the world suspends the member first.
    ("moderation.lift_suspension", "POST"): Case(
        "/moderation/members/member/lift",
        moderator_then_admin(TO_MEMBER_PAGE),
        prepare=lambda app: _suspend_member(app),
    ),
    ("conditions.history", "GET"): Case(QUESTION + "/history", everyone(200)),
    ("editorial.dashboard", "GET"): Case(
        "/editorial/", {**signed_in(403), "editor": 200, "reviewer": 200, "admin": 200}
    ),
    ("editorial.new_question", "GET"): Case("/editorial/questions/new", only("editor", 200)),
    ("editorial.new_question", "POST"): Case(
        "/editorial/questions/new",
        only("editor", Redirect(303, "/editorial/questions/")),
        lambda role, world: {"condition": "asthma", "title": f"What does {role} ask?"},
    ),
    ("editorial.summary", "GET"): Case(
        lambda world: "/editorial/questions/1/summary", only("editor", 200)
    ),
    ("editorial.summary", "POST"): Case(
        "/editorial/questions/1/summary",
        only("editor", TO_REVISION),
        lambda role, world: {**SUMMARY_FORM, "version": world.revision_fingerprint},
    ),
    ("editorial.revision", "GET"): Case(
        lambda world: f"/editorial/revisions/{world.revision}",
        {**signed_in(403), "editor": 200, "reviewer": 200},
    ),
    # Only a reviewer who did not write the revision decides on it: the editor wrote it.
    ("editorial.sign_off", "POST"): Case(
        lambda world: f"/editorial/revisions/{world.revision}/sign-off",
        only("reviewer", TO_REVISION),
        lambda role, world: {
            "fingerprint": world.revision_fingerprint,
            "next_review_due": "2099-01-31",
        },
    ),
    ("editorial.request_changes", "POST"): Case(
        lambda world: f"/editorial/revisions/{world.revision}/request-changes",
        only("reviewer", TO_REVISION),
        lambda role, world: {
            "fingerprint": world.revision_fingerprint,
            "reason": "Cite a guideline.",
        },
    ),
    # The signed link is the permission: anyone holding it, signed in or not.
    ("mail.unsubscribe", "GET"): Case(lambda world: world.unsubscribe, everyone(200)),
    ("mail.unsubscribe", "POST"): Case(lambda world: world.unsubscribe, everyone(200)),
    ("admin.reasons", "GET"): Case("/admin/reasons", admins_only(200)),
    ("admin.add_reason", "POST"): Case(
        "/admin/reasons",
        admins_only(TO_REASONS),
        lambda role, world: {"title": "Spam", "text": "No advertising."},
    ),
    ("admin.reason", "GET"): Case(lambda world: f"/admin/reasons/{world.reason}", admins_only(200)),
    ("admin.reason", "POST"): Case(
        lambda world: f"/admin/reasons/{world.reason}",
        admins_only(TO_REASONS),
        lambda role, world: {"title": "Spam", "text": "No advertising, please."},
    ),
    ("admin.delete_reason", "POST"): Case(
        lambda world: f"/admin/reasons/{world.reason}/delete", admins_only(TO_REASONS)
    ),
    ("admin.index", "GET"): Case("/admin/", admins_only(200)),
    ("admin.members", "GET"): Case("/admin/members?username=mem", admins_only(200)),
    ("admin.member", "GET"): Case("/admin/members/member", admins_only(200)),
    ("admin.member", "POST"): Case(
        "/admin/members/member",
        admins_only(Redirect(303, "/admin/members/member")),
        lambda role, world: {"editor": "y", "reason": "Writes well."},
    ),
    ("admin.reviewer_list", "GET"): Case("/admin/reviewers", admins_only(200)),
    ("admin.reviewer", "GET"): Case("/admin/reviewers/reviewer", admins_only(200)),
    ("admin.reviewer", "POST"): Case(
        "/admin/reviewers/reviewer",
        admins_only(Redirect(303, "/admin/reviewers")),
        lambda role, world: {
            "full_name": "Dr. Ada Example",
            "credentials": "MD, PhD",
            "specialty": "Respiratory medicine",
        },
    ),
    ("admin.condition_list", "GET"): Case("/admin/conditions", admins_only(200)),
    ("admin.new_condition", "GET"): Case("/admin/conditions/new", admins_only(200)),
    ("admin.new_condition", "POST"): Case(
        "/admin/conditions/new",
        admins_only(Redirect(303, "/admin/conditions")),
        lambda role, world: {
            "name": "Eczema",
            "slug": "eczema",
            "about": "Itchy skin.",
            "synonyms": "atopic dermatitis",
        },
    ),
    # The world's first condition is Asthma.
    ("admin.condition", "GET"): Case("/admin/conditions/1", admins_only(200)),
    ("admin.condition", "POST"): Case(
        "/admin/conditions/1",
        admins_only(Redirect(303, "/admin/conditions")),
        lambda role, world: {
            "name": "Bronchial asthma",
            "slug": "asthma",
            "about": "Airways **narrow**.",
            "synonyms": "wheezing",
            "reason": "Clearer.",
        },
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
        lambda world: f"/account/appeals/{_REMOVALS[-1]}",
        author_only(200),
        prepare=lambda app: _remove_post(app),
    ),
    ("appeals.appeal", "POST"): Case(
        lambda world: f"/account/appeals/{_REMOVALS[-1]}",
        author_only(Redirect(303, "/account")),
        lambda role, world: {"message": "Please look again."},
        prepare=lambda app: _remove_post(app),
    ),
    # Every signed-in member who may write suggests; each suggests their own question.
    ("suggestions.suggest", "GET"): Case("/conditions/asthma/suggest", signed_in(200)),
    ("suggestions.suggest", "POST"): Case(
        "/conditions/asthma/suggest",
        signed_in(TO_CONDITION),
        lambda role, world: {"title": f"What would {role} like to know?"},
    ),
    # Only editors answer; the first answer is the only one (the editor accepts).
    ("editorial.accept_suggestion", "POST"): Case(
        lambda world: f"/editorial/suggestions/{world.suggestion}/accept",
        only("editor", Redirect(303, "/editorial/questions/")),
        lambda role, world: {f"suggestion-{world.suggestion}-title": "Is swimming good for it?"},
    ),
    ("editorial.decline_suggestion", "POST"): Case(
        lambda world: f"/editorial/suggestions/{world.suggestion}/decline",
        only("editor", Redirect(303, "/editorial/")),
        lambda role, world: {f"suggestion-{world.suggestion}-reason": "Already answered."},
    ),
    # The member's rejected reply, rewritten and sent again once, from /account.
    ("posts.rewrite_post", "GET"): Case(
        lambda world: f"/posts/{_REJECTED[-1]}/rewrite",
        author_only(200),
        prepare=lambda app: _reject_a_reply(app),
    ),
    ("posts.rewrite_post", "POST"): Case(
        lambda world: f"/posts/{_REJECTED[-1]}/rewrite",
        author_only(Redirect(303, "/account#message-post-")),
        lambda role, world: {"body": "Rewritten, kindly."},
        prepare=lambda app: _reject_a_reply(app),
    ),
    ("own_data.export", "GET"): Case("/account/export", signed_in(200)),
    ("own_data.delete", "GET"): Case("/account/delete", signed_in(200)),
    ("own_data.delete", "POST"): Case(
        "/account/delete",
        # The world's one admin is refused: the site keeps an admin.
        {**signed_in(Redirect(303, "/")), "admin": 409},
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
    revision, fingerprint = _submitted_revision(app)
    return World(
        post=post,
        post_version=_post_version(app, post),
        revision=revision,
        revision_fingerprint=fingerprint,
        unsubscribe=_unsubscribe_path(app, ids["member"]),
        reset=_reset_path(app, ids["member"]),
        **_email_paths(app, ids["member"]),
        reason=_canned_reason(app),
        suggestion=_suggestion(app),
        notification=_notification(app, ids["member"]),
    )


def _suggestion(app: Flask) -> int:
    with app.app_context():
        condition = db.session.get(Condition, 1)
        suggestion = suggest(find_by_username("member"), condition, "Is swimming good for it?")
        db.session.commit()
        return suggestion.id


def _submitted_revision(app: Flask) -> tuple[int, str]:
    """The editor's revision of the first question, awaiting the reviewer (who has a profile)."""
    with app.app_context():
        save_reviewer_profile(
            find_by_username("reviewer"),
            full_name="Dr. Ada Example",
            credentials="MD",
            specialty="Respiratory medicine",
        )
        revision = editorial.save_revision(
            find_by_username("editor"),
            db.session.get(Question, 1),
            editorial.RevisionText("Short.", "Body.", (), "First version."),
            submit=True,
        )
        db.session.commit()
        return revision.id, revision.fingerprint


def _email_paths(app: Flask, user_id: int) -> dict[str, str]:
    with app.test_request_context():
        member = db.session.get(User, user_id)
        verification.send_verification(member)
        verification.request_email_change(member, "member.new@example.org")
        db.session.commit()
    return {
        "verify": link_to(app, "member@example.org", "/auth/verify/"),
        "email_change": link_to(app, "member.new@example.org", "/account/email/"),
    }


def _reset_path(app: Flask, user_id: int) -> str:
    with app.app_context():
        return f"/auth/reset/{reset_token(db.session.get(User, user_id))}"


def _unsubscribe_path(app: Flask, user_id: int) -> str:
    with app.app_context():
        return f"/unsubscribe/{unsubscribe_token(db.session.get(User, user_id), 'reply')}"


def _notification(app: Flask, user_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Notification.id).where(Notification.recipient_id == user_id)
        )


def _canned_reason(app: Flask) -> int:
    with app.app_context():
        reason = CannedReason(title="Off topic", text="This is not about the question.")
        db.session.add(reason)
        db.session.commit()
        return reason.id


def _suspend_member(app: Flask) -> None:
    with app.app_context():
        moderator, member = find_by_username("moderator"), find_by_username("member")
        suspensions.suspend(moderator, member, "Repeated spam.", None)
        db.session.commit()


# The audit entries of the removals _remove_post made, newest last: appeals name one.
_REMOVALS: list[int] = []


def _remove_post(app: Flask) -> None:
    with app.app_context():
        moderator = find_by_username("moderator")
        post = db.session.scalar(db.select(Post).where(Post.body_markdown == "Cold air."))
        apply_action(post, PostAction.REMOVE, actor=moderator, reason="Off topic.")
        db.session.commit()
        _REMOVALS.append(
            db.session.scalar(
                db.select(ModerationEvent.id)
                .where(ModerationEvent.post_id == post.id, ModerationEvent.action == "remove")
                .order_by(ModerationEvent.id.desc())
                .limit(1)
            )
        )


# The member's rejected replies _reject_a_reply wrote, newest last.
_REJECTED: list[int] = []


def _reject_a_reply(app: Flask) -> None:
    with app.app_context():
        moderator = find_by_username("moderator")
        post = db.session.scalar(db.select(Post).where(Post.body_markdown == "Cold air."))
        reply = make_post(app, post.author_id, parent_id=post.id, text="Buy my cure.", actions=())
        apply_action(
            db.session.get(Post, reply), PostAction.REJECT, actor=moderator, reason="Advertising."
        )
        db.session.commit()
        _REJECTED.append(reply)


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

"""Every type of page the site shows, for the checkers that nobody here wrote (axe, Nu).

A page type is a path, the roles that look at it, and optionally a form sent from it
first, for pages that only a submission shows (a form with errors, a warning). A new
page type is one line here, and every checker covers it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from community.accounts.recovery import reset_token
from community.accounts.services import find_by_username
from community.appeals.services import file_appeal
from community.editorial import services as editorial
from community.editorial.reviewers import save_reviewer_profile
from community.editorial.sources import Source
from community.editorial.suggestions import decline
from community.extensions import db
from community.mail.services import unsubscribe_token
from community.models import (
    CannedReason,
    Condition,
    ModerationEvent,
    Post,
    Question,
    ReportReason,
    Role,
    WordAction,
)
from community.moderation.suspensions import suspend
from community.posts.reports import file_report
from community.posts.services import apply_action
from community.posts.states import PostAction
from community.safety.services import add_word
from community.suggestions.services import get_suggestion, suggest
from tests.crawler import parse_page
from tests.factories import (
    make_member,
    make_membership,
    make_post,
    make_small_community,
    make_user,
)
from tests.web import ANONYMOUS, csrf_token

QUESTION = "/conditions/asthma/questions/what-causes-it"
UNSHARED_QUESTION = "/conditions/asthma/questions/what-helps"
MEMBER, SUSPENDED, MODERATOR, ADMIN = "member", "suspended", "moderator", "admin"
EDITOR, REVIEWER = "editor", "reviewer"
# A member of Asthma whose email address awaits confirmation.
UNVERIFIED = "unverified"
EVERYONE = (ANONYMOUS, MEMBER, SUSPENDED, MODERATOR, ADMIN)
# Every role some page type is looked at by: the browser checks log in as each.
ALL_ROLES = (*EVERYONE, EDITOR, REVIEWER)


@dataclass(frozen=True)
class World:
    post: int  # the member's approved experience on QUESTION
    pending: int  # the member's reply waiting for a moderator, with a phone number in it
    others: int  # the other member's approved experience on QUESTION, reported by the member
    suspended_reply: int  # the suspended member's published reply to the member's experience
    revision: int  # the editor's revision of QUESTION's summary, awaiting the reviewer
    unsubscribe: str  # the member's link to stop mail of replies
    reset: str  # the member's link to set a new password
    reason: int  # a canned reason, offered beside every moderator's Reason
    rejected: int  # the member's reply the moderator rejected; the member appealed
    rejection: int  # the moderator's decision to reject it (an audit log entry)
    suggestion: int  # the member's suggested question, waiting for an editor
    rewritable: int  # the member's reply the moderator rejected, not appealed


@dataclass(frozen=True)
class PageType:
    name: str
    path: str | Callable[[World], str]
    roles: tuple[str, ...] = EVERYONE
    status: int = 200
    # Send the form with this action from the page first, with these values by field name.
    submit: tuple[str | Callable[[World], str] | None, dict[str, str]] | None = None
    # Some pages cannot be reached from a browser in a test (a body over the size limit).
    in_browser: bool = True
    # The form's answer is a redirect: check the page it leads to (e.g. the support panel).
    follow: bool = False

    def path_in(self, world: World) -> str:
        return self.path(world) if callable(self.path) else self.path

    def action_in(self, world: World) -> str:
        """Where the page's form is sent: its own address unless the form says otherwise."""
        assert self.submit is not None
        action = self.submit[0]
        return (action(world) if callable(action) else action) or self.path_in(world)


PAGE_TYPES = (
    PageType("directory", "/"),
    PageType("directory filtered", "/?q=asth"),
    PageType("directory filtered to nothing", "/?q=nowhere"),
    PageType("search with results", '/search?q="cold+air"+se*'),
    PageType("search naming a condition", "/search?q=asthma"),
    PageType("search with a condition and nothing found", "/search?q=nowhere&condition=asthma"),
    PageType("search with nothing to look for", "/search"),
    PageType("condition by newest questions", "/conditions/asthma?order=newest"),
    PageType("condition", "/conditions/asthma"),
    PageType("question with threads", QUESTION),
    PageType(
        "question by most replied, one relation", f"{QUESTION}?order=most-replied&relation=patient"
    ),
    PageType("question filtered to nobody", f"{QUESTION}?order=newest&relation=researcher"),
    PageType("question to share on", UNSHARED_QUESTION),
    PageType("member profile", "/members/member"),
    PageType("register", "/auth/register", (ANONYMOUS,)),
    PageType(
        "register with errors",
        "/auth/register",
        (ANONYMOUS,),
        400,
        ("/auth/register", {"username": "x", "email": "not an email"}),
    ),
    PageType(
        "check your email",
        "/auth/register",
        (ANONYMOUS,),
        200,
        (
            "/auth/register",
            {
                "username": "newcomer",
                "email": "newcomer@example.org",
                "password": "a long enough password",
                "confirm": "a long enough password",
            },
        ),
    ),
    PageType("log in", "/auth/login", (ANONYMOUS,)),
    PageType("forgot your password", "/auth/forgot", (ANONYMOUS,)),
    PageType(
        "reset link sent",
        "/auth/forgot",
        (ANONYMOUS,),
        200,
        ("/auth/forgot", {"email": "member@example.org"}),
    ),
    PageType(
        "forgot your password with errors",
        "/auth/forgot",
        (ANONYMOUS,),
        400,
        ("/auth/forgot", {"email": ""}),
    ),
    PageType("set a new password", lambda world: world.reset, (ANONYMOUS,)),
    PageType(
        "set a new password with errors",
        lambda world: world.reset,
        (ANONYMOUS,),
        400,
        (None, {"new_password": "short", "confirm": "other"}),
    ),
    PageType("reset link not good", "/auth/reset/not-a-token", (ANONYMOUS,), 400),
    PageType(
        "log in with errors",
        "/auth/login",
        (ANONYMOUS,),
        400,
        ("/auth/login", {"identifier": "member", "password": "wrong password"}),
    ),
    PageType(
        "share with a personal-information warning",
        UNSHARED_QUESTION,
        (MEMBER,),
        200,
        (UNSHARED_QUESTION + "/experiences", {"body": "Call me on 020 7946 0958 any time."}),
    ),
    PageType(
        "reply with errors",
        QUESTION,
        (MEMBER,),
        400,
        (lambda world: f"/posts/{world.others}/replies", {"body": "   "}),
        # The reply form is folded away until its Reply button opens it.
        in_browser=False,
    ),
    PageType("edit a post", lambda world: f"/posts/{world.post}/edit", (MEMBER,)),
    PageType(
        "edit a post with errors",
        lambda world: f"/posts/{world.post}/edit",
        (MEMBER,),
        400,
        (None, {"body": "   "}),
    ),
    PageType(
        "rewrite a rejected post", lambda world: f"/posts/{world.rewritable}/rewrite", (MEMBER,)
    ),
    PageType(
        "rewrite a rejected post with errors",
        lambda world: f"/posts/{world.rewritable}/rewrite",
        (MEMBER,),
        400,
        (None, {"body": "   "}),
    ),
    PageType("confirm deleting a post", lambda world: f"/posts/{world.post}/delete", (MEMBER,)),
    PageType("delete account", "/account/delete", (MEMBER,)),
    PageType(
        "delete account with errors",
        "/account/delete",
        (MEMBER,),
        400,
        ("/account/delete", {"password": "wrong password"}),
    ),
    PageType("your account", "/account", (MEMBER, SUSPENDED, MODERATOR, UNVERIFIED)),
    PageType("question while the address awaits confirmation", QUESTION, (UNVERIFIED,)),
    PageType("account settings", "/account/settings", (MEMBER, UNVERIFIED)),
    PageType("notifications", "/account/notifications", (MEMBER, SUSPENDED, MODERATOR)),
    PageType(
        "account settings with errors",
        "/account/settings",
        (MEMBER,),
        400,
        (
            "/account/settings",
            {"current_password": "wrong", "new_password": "short"},
        ),
    ),
    PageType("confirmation link not good", "/auth/verify/not-a-token", EVERYONE, 400),
    PageType("moderation queue", "/moderation/", (MODERATOR,)),
    PageType("moderation queue, all selected", "/moderation/?select=all", (MODERATOR,)),
    PageType(
        "moderation queue, bulk decision with errors",
        "/moderation/",
        (MODERATOR,),
        400,
        ("/moderation/bulk", {"reject": "Reject selected"}),
    ),
    PageType("moderation queue of reported posts", "/moderation/?show=reported", (MODERATOR,)),
    PageType("moderation queue of all posts", "/moderation/?show=all", (MODERATOR,)),
    PageType("review a post", lambda world: f"/moderation/posts/{world.pending}", (MODERATOR,)),
    PageType(
        "review a post with a redaction",
        lambda world: f"/moderation/posts/{world.pending}",
        (MODERATOR,),
        200,
        (lambda world: f"/moderation/posts/{world.pending}/edit", {"redact": "020 7946 0958"}),
    ),
    PageType(
        "review a post with errors",
        lambda world: f"/moderation/posts/{world.pending}",
        (MODERATOR,),
        400,
        (lambda world: f"/moderation/posts/{world.pending}/reject", {"reason": "   "}),
    ),
    PageType("a member as moderators see them", "/moderation/members/member", (MODERATOR,)),
    PageType(
        "spam clean-up with errors",
        "/moderation/members/member",
        (MODERATOR,),
        400,
        ("/moderation/members/member/clean-up", {"reason": ""}),
    ),
    PageType("audit log", "/moderation/log", (MODERATOR,)),
    PageType("canned reasons", "/admin/reasons", (ADMIN,)),
    PageType(
        "canned reasons with errors",
        "/admin/reasons",
        (ADMIN,),
        400,
        ("/admin/reasons", {"title": "", "text": ""}),
    ),
    PageType("edit a canned reason", lambda world: f"/admin/reasons/{world.reason}", (ADMIN,)),
    PageType("administration", "/admin/", (ADMIN,)),
    PageType("members and roles", "/admin/members", (ADMIN,)),
    PageType("members filtered to nothing", "/admin/members?username=nobody", (ADMIN,)),
    PageType("a member's roles", "/admin/members/member", (ADMIN,)),
    PageType(
        "the last admin's role refused",
        "/admin/members/admin",
        (ADMIN,),
        409,
        (None, {"admin": "", "reason": "Stepping down."}),
    ),
    PageType("reviewer profiles", "/admin/reviewers", (ADMIN,)),
    PageType("a reviewer profile", f"/admin/reviewers/{REVIEWER}", (ADMIN,)),
    PageType(
        "a reviewer profile with errors",
        f"/admin/reviewers/{REVIEWER}",
        (ADMIN,),
        400,
        (None, {"full_name": " ", "specialty": ""}),
    ),
    PageType("conditions to administer", "/admin/conditions", (ADMIN,)),
    PageType("add a condition", "/admin/conditions/new", (ADMIN,)),
    PageType(
        "add a condition with errors",
        "/admin/conditions/new",
        (ADMIN,),
        400,
        (None, {"name": "Eczema", "slug": "Not a slug"}),
    ),
    PageType("edit a condition", "/admin/conditions/1", (ADMIN,)),
    PageType("administration not allowed", "/admin/", (MODERATOR,), 403),
    PageType("not allowed", lambda world: f"/posts/{world.post}/edit", (MODERATOR,), 403),
    PageType("moderation not allowed", "/moderation/", (MEMBER,), 403),
    PageType(
        "edit refused while suspended",
        lambda world: f"/posts/{world.suspended_reply}/edit",
        (SUSPENDED,),
        403,
    ),
    PageType("unsubscribe", lambda world: world.unsubscribe, (ANONYMOUS,)),
    PageType("unsubscribed", lambda world: world.unsubscribe, (ANONYMOUS,), 200, (None, {})),
    PageType("moderation queue of appeals", "/moderation/?show=appeals", (MODERATOR,)),
    PageType(
        "review an appealed post", lambda world: f"/moderation/posts/{world.rejected}", (MODERATOR,)
    ),
    PageType("appeal a decision", lambda world: f"/account/appeals/{world.rejection}", (MEMBER,)),
    PageType(
        "appeal a decision with errors",
        lambda world: f"/account/appeals/{world.rejection}",
        (MEMBER,),
        400,
        (None, {"message": "   "}),
    ),
    PageType("community guidelines", "/guidelines"),
    PageType("edit the guidelines", "/admin/guidelines", (ADMIN,)),
    PageType(
        "edit the guidelines with errors",
        "/admin/guidelines",
        (ADMIN,),
        400,
        (None, {"body": "   "}),
    ),
    PageType("watched words", "/admin/watched-words", (ADMIN,)),
    PageType(
        "watched words with errors",
        "/admin/watched-words",
        (ADMIN,),
        409,
        (None, {"word": "Buy now", "action": "flag"}),
    ),
    PageType("crisis phrases", "/admin/crisis-phrases", (ADMIN,)),
    PageType(
        "share refused for a blocked word",
        UNSHARED_QUESTION,
        (MEMBER,),
        422,
        (UNSHARED_QUESTION + "/experiences", {"body": "Cheap pills, buy now."}),
    ),
    PageType("not found", "/conditions/nowhere", EVERYONE, 404),
    PageType("review history", QUESTION + "/history"),
    PageType("editorial dashboard", "/editorial/", (EDITOR, REVIEWER)),
    PageType(
        "editorial dashboard with errors",
        "/editorial/",
        (EDITOR,),
        400,
        (lambda world: f"/editorial/suggestions/{world.suggestion}/decline", {}),
        # The browser itself asks for the required reason before sending; the site's answer
        # to a form without one is checked outside it.
        in_browser=False,
    ),
    PageType("suggest a question", "/conditions/asthma/suggest", (MEMBER,)),
    PageType(
        "suggest a question with errors",
        "/conditions/asthma/suggest",
        (MEMBER,),
        400,
        # A question the condition already has: refused by the site, not by the browser.
        (None, {"title": "What causes it?"}),
    ),
    PageType("suggest a question refused", "/conditions/asthma/suggest", (SUSPENDED,), 403),
    PageType("editorial not allowed", "/editorial/", (MEMBER,), 403),
    PageType("new question", "/editorial/questions/new", (EDITOR,)),
    PageType(
        "new question with errors",
        "/editorial/questions/new",
        (EDITOR,),
        400,
        ("/editorial/questions/new", {"title": "What causes it?"}),
    ),
    PageType("write a summary", "/editorial/questions/1/summary", (EDITOR,)),
    PageType(
        "write a summary with a preview",
        "/editorial/questions/1/summary",
        (EDITOR,),
        200,
        (None, {"preview": "Preview"}),
    ),
    PageType(
        "write a summary with errors",
        "/editorial/questions/1/summary",
        (EDITOR,),
        400,
        (None, {"sources": "Not a source"}),
    ),
    PageType("a revision", lambda world: f"/editorial/revisions/{world.revision}", (EDITOR,)),
    PageType(
        "a revision to review", lambda world: f"/editorial/revisions/{world.revision}", (REVIEWER,)
    ),
    PageType(
        "a revision to review with errors",
        lambda world: f"/editorial/revisions/{world.revision}",
        (REVIEWER,),
        400,
        (lambda world: f"/editorial/revisions/{world.revision}/request-changes", {"reason": " "}),
    ),
    PageType(
        "too large",
        UNSHARED_QUESTION,
        (MEMBER,),
        413,
        (UNSHARED_QUESTION + "/experiences", {"body": "a" * (1024 * 1024 + 1)}),
        in_browser=False,
    ),
    # Last: it stores a reply, which the pages above do not show.
    PageType(
        "question with the support panel",
        QUESTION,
        (MEMBER,),
        200,
        (lambda world: f"/posts/{world.others}/replies", {"body": "Some nights I want to die."}),
        in_browser=False,
        follow=True,
    ),
)


def make_world(app: Flask) -> World:
    """The small community, with what the member and moderator pages show.

    A pending reply (so that "Awaiting moderation" and the queue show, with personal
    information to redact), a rejected reply (so that the member has a notification with a
    reason), a report of the other member's experience (for the reported queue), and a
    member suspended after publishing a reply (for what a suspended member is shown).
    """
    post = make_small_community(app)
    with app.app_context():
        asthma = db.session.scalar(select(Condition.id).where(Condition.slug == "asthma"))
    suspended = make_member(app, asthma, SUSPENDED)
    make_membership(app, make_user(app, UNVERIFIED, verified=False), asthma)
    make_user(app, ADMIN, roles=(Role.ADMIN,))
    suspended_reply = make_post(app, suspended, parent_id=post, text="Cold mornings, yes.")
    pending = make_post(
        app, 1, parent_id=post, text="Still waiting. Call me on 020 7946 0958.", actions=()
    )
    rejected = make_post(app, 1, parent_id=post, text="Buy my supplements.", actions=())
    rewritable = make_post(app, 1, parent_id=post, text="Off topic, sorry.", actions=())
    with app.app_context():
        moderator = find_by_username("moderator")
        apply_action(
            db.session.get(Post, rejected), PostAction.REJECT, actor=moderator, reason="Spam."
        )
        apply_action(
            db.session.get(Post, rewritable),
            PostAction.REJECT,
            actor=moderator,
            reason="Not about this question.",
        )
        dust = db.session.scalar(select(Post).where(Post.body_markdown == "Dust, for me."))
        file_report(find_by_username("member"), dust, ReportReason.MISINFORMATION)
        others = dust.id
        suspend(moderator, find_by_username(SUSPENDED), "Selling supplements.", until=None)
        reason = CannedReason(title="Advertising", text="Posts may not advertise products.")
        db.session.add(reason)
        db.session.commit()
        unsubscribe = f"/unsubscribe/{unsubscribe_token(find_by_username(MEMBER), 'reply')}"
        reset = f"/auth/reset/{reset_token(find_by_username(MEMBER))}"
        reason_id = reason.id
        add_word("buy now", WordAction.BLOCK)
        rejection = db.session.scalar(
            select(ModerationEvent).where(
                ModerationEvent.post_id == rejected, ModerationEvent.action == "reject"
            )
        )
        file_appeal(find_by_username("member"), rejection, "It was my own experience.")
        db.session.commit()
        rejection_id = rejection.id
    revision = _revision_to_review(app)
    return World(
        post=post,
        pending=pending,
        others=others,
        suspended_reply=suspended_reply,
        unsubscribe=unsubscribe,
        reset=reset,
        revision=revision,
        reason=reason_id,
        rejected=rejected,
        rejection=rejection_id,
        suggestion=_suggestions(app),
        rewritable=rewritable,
    )


def _suggestions(app: Flask) -> int:
    """The member's suggested questions: one declined with a reason, one waiting."""
    with app.app_context():
        member, condition = find_by_username(MEMBER), db.session.scalar(select(Condition))
        declined = suggest(member, condition, "Can my cat cause it?")
        decline(find_by_username(EDITOR), get_suggestion(declined.id), "Asked under “Triggers”.")
        waiting = suggest(member, condition, "Is swimming good for it?")
        db.session.commit()
        return waiting.id


def _revision_to_review(app: Flask) -> int:
    """An editor's revision of QUESTION's summary, submitted to a reviewer with a profile."""
    make_user(app, EDITOR, roles=(Role.EDITOR,))
    make_user(app, REVIEWER, roles=(Role.REVIEWER,))
    with app.app_context():
        save_reviewer_profile(
            find_by_username(REVIEWER),
            full_name="Dr. Ada Example",
            credentials="MD, Respiratory Medicine",
            specialty="Respiratory medicine",
        )
        text = editorial.RevisionText(
            "Cold air and dust narrow the airways.",
            "Airways **tighten** in cold air.",
            (Source("MedlinePlus: Asthma", "https://medlineplus.gov/asthma.html", "NLM", "2024"),),
            "Clearer wording.",
        )
        question = db.session.scalar(select(Question).where(Question.slug == "what-causes-it"))
        revision = editorial.save_revision(find_by_username(EDITOR), question, text, submit=True)
        db.session.commit()
        return revision.id


def fetch(client: FlaskClient, page_type: PageType, world: World):
    """Return the response for ``page_type``, sending its form first where it has one."""
    path = page_type.path_in(world)
    if page_type.submit is None:
        return client.get(path)
    action, values = page_type.action_in(world), page_type.submit[1]
    _, forms = parse_page(path, client.get(path).text)
    candidates = [each for each in forms if each.action == action]
    if len(candidates) > 1:
        # Several forms send to one address (account settings): the one with these fields.
        candidates = [each for each in candidates if set(values) <= set(each.fields)]
    [form] = candidates
    data = {**form.defaults(), **values, "csrf_token": csrf_token(client, path)}
    return client.post(action, data=data, follow_redirects=page_type.follow)

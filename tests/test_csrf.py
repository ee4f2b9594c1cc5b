"""Every POST route refuses a request without a valid CSRF token, and changes nothing."""

import pytest
from sqlalchemy import select

from community.accounts.recovery import reset_token
from community.accounts.services import find_by_username
from community.appeals.services import file_appeal
from community.editorial import services as editorial
from community.editorial.reviewers import save_reviewer_profile
from community.extensions import db
from community.mail.services import unsubscribe_token
from community.models import (
    CannedReason,
    Condition,
    ModerationEvent,
    Post,
    Question,
    Report,
    ReportReason,
    Role,
    User,
    WordAction,
    utcnow,
)
from community.moderation.services import post_version
from community.posts.services import apply_action
from community.posts.states import PostAction
from community.safety.services import add_word
from community.suggestions.services import suggest
from tests.conftest import make_app
from tests.factories import make_condition, make_membership, make_post, make_question, make_user
from tests.state import database_state
from tests.web import csrf_token, log_in

# Every POST route the site has, found from the app itself, so that a new one is covered.
POST_RULES = sorted(
    rule.rule
    for rule in make_app("sqlite://").url_map.iter_rules()
    if "POST" in (rule.methods or ())
)
# The routes that take no token, and why; each must still need something only its
# rightful user holds.
EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail programs post with no page and no cookie; the
    # signed link, naming the member and the kind of mail, is what authorises it.
    "/unsubscribe/<token>",
}
# Routes that answer an accepted form with a page rather than a redirect: the same page
# whether or not an account has the address given (tells nothing), or for mail programs.
ANSWER_WITH_A_PAGE = {"/auth/register", "/auth/forgot", "/unsubscribe/<token>"}


@pytest.fixture
def site(app) -> dict[str, object]:
    """Logged in as an author who holds every role, so that an unchecked request would act."""
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    make_question(app, condition_id, "how-is-it-treated", "How is it treated?")
    make_condition(app, "lupus", "Lupus")
    wren = make_user(app, "wren", roles=tuple(Role))
    make_membership(app, wren, condition_id)
    # Another admin, so that wren, not the only one, may delete her account.
    make_user(app, "merlin", roles=(Role.ADMIN,))
    post_id = make_post(app, wren, question_id=question_id)
    # Moderators decide on, and members report, someone else's posts.
    kestrel = make_user(app, "kestrel")
    make_membership(app, kestrel, condition_id)
    published = make_post(app, kestrel, parent_id=post_id, text="Published.")
    with app.app_context():
        # A link to set wren's password, as the mail carries it.
        token = reset_token(db.session.get(User, wren))
        reason = CannedReason(title="Off topic", text="Not about the question.")
        db.session.add(reason)
        db.session.commit()
        reason_id = reason.id
    return {
        "token": token,
        "reason_id": reason_id,
        "slug": "asthma",
        "qslug": "how-is-it-treated",  # one wren has not shared on yet
        "post_id": post_id,
        "username": "wren",
        "user_id": wren,
        "kestrel": kestrel,
        "published": published,
        "question_id": question_id,
        "condition_id": condition_id,
        # Set by _acting_on where a revision is needed; for refusals any id does.
        "revision_id": 1,
        # Ids for the routes that name a decision or a listed word; the refusals come first.
        "event_id": 1,
        "word_id": 1,
        # Kestrel's suggested question, waiting for an editor (wren is one).
        "suggestion_id": _suggestion(app, kestrel),
    }


def _suggestion(app, author_id: int) -> int:
    with app.app_context():
        condition = db.session.scalar(select(Condition).where(Condition.slug == "asthma"))
        suggestion = suggest(db.session.get(User, author_id), condition, "Is it catching?")
        db.session.commit()
        return suggestion.id


def _url(rule: str, values: dict[str, object]) -> str:
    url = rule
    for name, value in values.items():
        url = url.replace(f"<{name}>", str(value)).replace(f"<id:{name}>", str(value))
    assert "<" not in url, f"give the CSRF test a value for {url}"
    return url


FORM = {
    "body": "A perfectly good post.",
    "relation": "researcher",
    "reason": "spam",
    "identifier": "wren",
    "password": "correct horse battery",
    "username": "newcomer",
    "email": "newcomer@example.org",
    "confirm": "correct horse battery",
    "posts": "keep",
    "new_password": "correct horse battery",
    "title": "Advertising",
    "text": "Posts may not advertise.",
    "word": "miracle cure",
    "action": "flag",
    "message": "Please look again.",
    "follow": "yes",
    "helped": "yes",
}


@pytest.mark.parametrize("rule", sorted(set(POST_RULES) - EXEMPT))
@pytest.mark.parametrize("token", ["missing", "forged"])
def test_a_post_without_a_valid_token_is_refused_and_changes_nothing(
    app, client, site, rule, token
):
    log_in(client, "wren")
    data = dict(FORM)
    if token == "forged":
        data["csrf_token"] = csrf_token(client, "/auth/login")[:-4] + "AAAA"
    before = database_state(app)

    response = client.post(_url(rule, site), data=data)

    assert response.status_code == 400, rule
    assert "CSRF" in response.text
    assert database_state(app) == before
    assert 'value="Log out"' in client.get("/").text  # still logged in: logout too refused


def test_a_token_from_another_session_is_refused(app, client, site):
    other = app.test_client()
    stolen = csrf_token(other, "/auth/login")
    log_in(client, "wren")
    before = database_state(app)

    response = client.post(
        "/conditions/lupus/join", data={"relation": "patient", "csrf_token": stolen}
    )

    assert response.status_code == 400
    assert database_state(app) == before


# Moderators decide on, and members report, someone else's post: for each such action,
# how to bring a new post of kestrel's into the state it needs, and the form fields it
# needs beyond FORM.
MODERATE = "/moderation/posts/<id:post_id>/"
ON_ANOTHERS_POST = {
    MODERATE + "approve": ((), {}),
    MODERATE + "reject": ((), {}),
    MODERATE + "edit": ((), {"submit": "Save and approve"}),
    MODERATE + "remove": ((PostAction.APPROVE,), {}),
    MODERATE + "restore": ((PostAction.APPROVE, PostAction.REMOVE), {}),
    MODERATE + "dismiss-reports": ((PostAction.APPROVE,), {}),
    MODERATE + "uphold-appeal": ((PostAction.REJECT,), {}),
    MODERATE + "reverse-appeal": ((PostAction.REJECT,), {}),
    "/posts/<id:post_id>/report": ((PostAction.APPROVE,), {}),
    # The queue's bulk decision names each post with its version, as its checkbox does.
    "/moderation/bulk": ((), {"approve": "Approve selected"}),
}


EDITORIAL_FORMS = {
    "/editorial/questions/new": {"condition": "asthma", "title": "Is it contagious?"},
    "/editorial/questions/<id:question_id>/summary": {
        "short_answer": "Short.",
        "change_note": "First version.",
        "save": "Save draft",
        "version": "",
    },
}


def _submitted_revision(app, site) -> tuple[int, str]:
    """Another editor's revision awaiting review; wren, a reviewer, gets a profile."""
    make_user(app, "quill", roles=(Role.EDITOR,))
    with app.app_context():
        save_reviewer_profile(
            find_by_username("wren"), full_name="Dr. Wren", credentials="MD", specialty="Lungs"
        )
        revision = editorial.save_revision(
            find_by_username("quill"),
            db.session.get(Question, site["question_id"]),
            editorial.RevisionText("Short.", "Body.", (), "First."),
            submit=True,
        )
        db.session.commit()
        return revision.id, revision.fingerprint


# Admins' forms: the address's values and the fields with which each changes something.
ADMIN_FORMS = {
    "/admin/members/<username>": ({"username": "kestrel"}, {"editor": "y"}),
    "/admin/reviewers/<username>": (
        {},
        {"full_name": "Dr. Wren Example", "credentials": "MD", "specialty": "Immunology"},
    ),
    "/admin/conditions/new": ({}, {"name": "Eczema", "slug": "eczema", "about": "Itchy."}),
    "/admin/conditions/<id:condition_id>": (
        {},
        {"name": "Asthma", "slug": "asthma", "about": "Airways narrow."},
    ),
}


def _acting_on(app, site, rule: str) -> tuple[dict[str, object], dict[str, str]]:
    """Return the URL values and extra form fields with which ``rule`` changes something."""
    if rule in EDITORIAL_FORMS:
        return site, EDITORIAL_FORMS[rule]
    if rule.startswith("/editorial/suggestions/"):
        prefix = f"suggestion-{site['suggestion_id']}"
        return site, {f"{prefix}-title": "Is it catching?", f"{prefix}-reason": "Answered."}
    if rule.startswith("/editorial/revisions/"):
        revision_id, fingerprint = _submitted_revision(app, site)
        extra = {"fingerprint": fingerprint, "next_review_due": "2099-01-31"}
        return {**site, "revision_id": revision_id}, extra
    if rule.startswith("/moderation/members/"):
        if rule.endswith("/lift"):
            with app.app_context():
                db.session.get(User, site["kestrel"]).suspended_at = utcnow()
                db.session.commit()
        return {**site, "username": "kestrel"}, {}
    if rule == "/unsubscribe/<token>":
        with app.app_context():
            token = unsubscribe_token(db.session.get(User, site["user_id"]), "reply")
        return {**site, "token": token}, {}
    if rule == "/auth/forgot":
        return site, {"email": "wren@example.org"}
    if rule == "/account/settings":
        return site, {"section": "sessions"}
    if rule == "/auth/verify/send":
        with app.app_context():
            db.session.get(User, site["user_id"]).email_verified_at = None
            db.session.commit()
        return site, {}
    if rule == "/account/appeals/<id:event_id>":
        return {**site, "event_id": _decision_on(app, site["post_id"])}, {}
    if rule == "/posts/<id:post_id>/rewrite":
        # Wren's own reply, rejected: it may be rewritten and sent again once.
        reply = make_post(
            app, site["user_id"], parent_id=site["published"], actions=(PostAction.REJECT,)
        )
        return {**site, "post_id": reply}, {}
    if rule == "/admin/watched-words/<id:word_id>/delete":
        with app.app_context():
            word_id = add_word("buy now", WordAction.BLOCK).id
            db.session.commit()
        return {**site, "word_id": word_id}, {}
    if rule in ADMIN_FORMS:
        values, extra = ADMIN_FORMS[rule]
        return {**site, **values}, extra
    if rule == "/posts/<id:post_id>/helped":
        # Someone else's experience: nobody marks their own.
        theirs = make_post(app, site["kestrel"], question_id=site["question_id"], text="Theirs.")
        return {**site, "post_id": theirs}, {}
    if rule not in ON_ANOTHERS_POST:
        return site, {}
    actions, extra = ON_ANOTHERS_POST[rule]
    post_id = make_post(
        app, site["kestrel"], parent_id=site["published"], text="Theirs.", actions=actions
    )
    with app.app_context():
        if rule.endswith("/dismiss-reports"):
            db.session.add(
                Report(post_id=post_id, reporter_id=site["kestrel"], reason=ReportReason.SPAM)
            )
            db.session.commit()
        if rule.endswith("-appeal"):
            decided = db.session.get(ModerationEvent, _decision_on(app, post_id, remove=False))
            file_appeal(db.session.get(User, site["kestrel"]), decided, "Please look again.")
            db.session.commit()
        version = post_version(db.session.get(Post, post_id))
    if rule == "/moderation/bulk":
        return site, {**extra, "selected": f"{post_id}:{version}"}
    return {**site, "post_id": post_id}, {**extra, "version": version}


def _decision_on(app, post_id: int, remove: bool = True) -> int:
    """The id of the latest decision on the post, removing it first if ``remove``."""
    with app.app_context():
        post = db.session.get(Post, post_id)
        if remove:
            apply_action(post, PostAction.REMOVE, actor=None, reason="Off topic.")
            db.session.commit()
        return db.session.scalar(
            select(ModerationEvent.id)
            .where(ModerationEvent.post_id == post_id)
            .order_by(ModerationEvent.id.desc())
        )


@pytest.mark.parametrize("rule", POST_RULES)
def test_the_same_requests_with_a_valid_token_do_act(app, client, site, rule):
    """The refusals above come from the token alone: with one, each request changes something."""
    values, extra = _acting_on(app, site, rule)
    log_in(client, "wren")
    before = database_state(app)
    data = {**FORM, **extra, "csrf_token": csrf_token(client, "/auth/login")}

    response = client.post(_url(rule, values), data=data)

    assert response.status_code in ((200,) if rule in ANSWER_WITH_A_PAGE else (302, 303)), rule
    if rule not in ("/auth/login", "/auth/logout"):  # these change the session only
        assert database_state(app) != before, rule

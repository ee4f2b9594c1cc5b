"""Every POST route refuses a request without a valid CSRF token, and changes nothing."""

import pytest
from sqlalchemy import select

from community.appeals.services import file_appeal
from community.extensions import db
from community.models import (
    ModerationEvent,
    Post,
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


@pytest.fixture
def site(app) -> dict[str, object]:
    """Logged in as an author who holds every role, so that an unchecked request would act."""
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    make_question(app, condition_id, "how-is-it-treated", "How is it treated?")
    make_condition(app, "lupus", "Lupus")
    wren = make_user(app, "wren", roles=tuple(Role))
    make_membership(app, wren, condition_id)
    post_id = make_post(app, wren, question_id=question_id)
    # Moderators decide on, and members report, someone else's posts.
    kestrel = make_user(app, "kestrel")
    make_membership(app, kestrel, condition_id)
    published = make_post(app, kestrel, parent_id=post_id, text="Published.")
    return {
        "slug": "asthma",
        "qslug": "how-is-it-treated",  # one wren has not shared on yet
        "post_id": post_id,
        "username": "wren",
        "user_id": wren,
        "kestrel": kestrel,
        "published": published,
        # Ids for the routes that name a decision or a listed word; the refusals come first.
        "event_id": 1,
        "word_id": 1,
    }


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
    "word": "miracle cure",
    "action": "flag",
    "message": "Please look again.",
}


@pytest.mark.parametrize("rule", POST_RULES)
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
}


def _acting_on(app, site, rule: str) -> tuple[dict[str, object], dict[str, str]]:
    """Return the URL values and extra form fields with which ``rule`` changes something."""
    if rule.startswith("/moderation/members/"):
        if rule.endswith("/lift"):
            with app.app_context():
                db.session.get(User, site["kestrel"]).suspended_at = utcnow()
                db.session.commit()
        return {**site, "username": "kestrel"}, {}
    if rule == "/account/appeals/<id:event_id>":
        return {**site, "event_id": _decision_on(app, site["post_id"])}, {}
    if rule == "/admin/watched-words/<id:word_id>/delete":
        with app.app_context():
            word_id = add_word("buy now", WordAction.BLOCK).id
            db.session.commit()
        return {**site, "word_id": word_id}, {}
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
        extra = {**extra, "version": post_version(db.session.get(Post, post_id))}
    return {**site, "post_id": post_id}, extra


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

    assert response.status_code in (302, 303), rule
    if rule not in ("/auth/login", "/auth/logout"):  # these change the session only
        assert database_state(app) != before, rule

"""How to send a form so that the string in one of its fields is stored if it can be.

A string only reaches what stores it when everything else about the request is right: the
other fields hold valid values (the right password, a date to come, a choice from the
list), the token is the client's own, and whatever the form uses up is made anew for each
string. Each kind of form found by the crawl gets a ``WritePath``: forms used once per
thing (one experience per member and question, one decision per version of a post, one
suspension per member, one report per member and post) get a new question, post or member
for each string; the others are sent as the crawl found them.

Each field a person types into says what it does with the strings it can take (``Expect``):
how many of them it must accept, or that it refuses them all, and what storing makes of
the text (the app's documented normalisation: line breaks of a post as LF, a NUL as
U+FFFD; reasons trimmed; an email trimmed and in lower case).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from itertools import count
from typing import TYPE_CHECKING, ClassVar

from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from community.accounts import services as accounts
from community.accounts.forms import LoginForm, RegisterForm
from community.extensions import db
from community.models import Condition, ModerationEvent, Post, User
from community.moderation.forms import MAX_REASON_LENGTH, MAX_SUSPENSION_REASON_LENGTH
from community.moderation.services import post_version
from community.own_data.forms import DeleteAccountForm
from community.posts.forms import MAX_POST_LENGTH
from community.posts.states import PostAction
from tests.crawler import Form
from tests.factories import PASSWORD, make_post, make_question, make_user
from tests.web import csrf_token

if TYPE_CHECKING:
    from tests.hostile.conftest import CrawledSite

POSTED = re.compile(r"#(?:message-)?post-(\d+)$")
# What the site refuses everywhere, before any form sees it (see community/security.py).
NUL = "\x00"


def _max_length(form_field) -> int:
    return next(v.max for v in form_field.kwargs["validators"] if hasattr(v, "max"))


@dataclass(frozen=True)
class Expect:
    """What one field does with the strings it can take.

    ``least``: the share of the eligible strings (not blank once trimmed, within the
    field's lengths, no NUL) that must be accepted; ``refuses``: none may be; neither: any
    number, as long as each refusal says why. ``stored_as`` is what storing makes of the
    text, for fields whose stored value a ``WritePath`` reads back.
    """

    least: float | None = None
    refuses: bool = False
    min_length: int = 1
    max_length: int | None = None
    stored_as: Callable[[str], str] | None = None

    def eligible(self, text: str) -> bool:
        return (
            bool(text.strip())
            and NUL not in text
            and self.min_length <= len(text) <= (self.max_length or len(text))
        )


# Written out here rather than taken from the app, so that a change to the app's own
# normalisation shows as a difference.
def _post_text(text: str) -> str:
    """A post as stored: line breaks as LF (community.text.normalize_newlines), NUL as
    U+FFFD (community.text.member_source); nothing else changed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace(NUL, "\ufffd")


POST_TEXT = Expect(least=0.95, max_length=MAX_POST_LENGTH, stored_as=_post_text)
REASON = Expect(least=0.95, max_length=MAX_REASON_LENGTH, stored_as=str.strip)
SUSPENSION_REASON = Expect(least=0.95, max_length=MAX_SUSPENSION_REASON_LENGTH, stored_as=str.strip)
NEW_PASSWORD = Expect(
    least=0.95,
    min_length=accounts.MIN_PASSWORD_LENGTH,
    max_length=_max_length(RegisterForm.password),
    stored_as=lambda text: text,
)
# Logging in stores nothing: a password it takes is one that lets one in.
LOGIN_PASSWORD = Expect(
    least=0.95,
    min_length=accounts.MIN_PASSWORD_LENGTH,
    max_length=_max_length(LoginForm.password),
)
# Only a name of ASCII letters and digits or an address can be accepted: most strings are
# refused, each refusal saying why; one that is accepted is stored as sent.
USERNAME = Expect(stored_as=str.strip)
EMAIL = Expect(stored_as=lambda text: text.strip().lower())
WRONG_PASSWORD = Expect(refuses=True, max_length=_max_length(DeleteAccountForm.password))
# A field whose form this module has no plan for: text areas and search boxes must take
# free text; other fields must only refuse with a reason what they do not take.
FREE_TEXT = Expect(least=0.8)
ANY = Expect()


@dataclass
class Attempt:
    """One request to come: who sends it, where, and the valid value of every field."""

    client: FlaskClient
    action: str
    values: dict[str, str]
    token: str | None
    # The row made for this string (a post, a member, a question), if any.
    subject: int | None = None


@dataclass
class WritePath:
    """A form sent as the crawl found it, with a token of the client's own."""

    # Whether the valid values are sent once before any string, and must be accepted: then
    # a string refused is refused for what it is, not for what the request lacks.
    sends_valid_values_first: ClassVar[bool] = True

    site: "CrawledSite"
    role: str
    form: Form
    expects: dict[str, Expect] = field(default_factory=dict)
    # Values the crawled page leaves empty or wrong for a request that must succeed.
    valid: dict[str, str] = field(default_factory=dict)
    _client: FlaskClient | None = None
    _token: str | None = None
    _serial: count = field(default_factory=lambda: count(1))

    @property
    def app(self):
        return self.site.app

    @cached_property
    def other_member(self) -> int:
        """The member whose posts are decided on and reported: not the one who reports."""
        return self.read(lambda: accounts.find_by_username("other").id)

    def expectation(self, name: str) -> Expect:
        if name in self.expects:
            return self.expects[name]
        takes_text = self.form.fields[name].kind in ("textarea", "search")
        return FREE_TEXT if takes_text or self._searches(name) else ANY

    def _searches(self, name: str) -> bool:
        return self.form.method == "GET" and self.form.fields[name].takes_text

    def client(self) -> FlaskClient:
        """One browser for the whole form, its token read once from the form's page."""
        if self._client is None:
            self._client = self.site.client(self.role)
            if self.form.method == "POST":
                self._token = csrf_token(self._client, self.form.page)
        return self._client

    def attempt(self, name: str, text: str) -> Attempt:
        """Everything but the string, made anew where the form uses something up."""
        client = self.client()
        values = {**self.form.clicked(), **self.valid}
        return Attempt(client, self.form.action, values, self._token)

    def with_text(self, values: dict[str, str], name: str, text: str) -> dict[str, str]:
        return {**values, name: text}

    def accepted(self, response: TestResponse) -> bool:
        if self.form.method == "GET":
            return response.status_code == 200
        location = response.headers.get("Location", "")
        return response.status_code in (302, 303) and "/auth/login" not in location

    def stored(self, attempt: Attempt, response: TestResponse, name: str, text: str) -> str | None:
        """What was stored of field ``name``, sent as ``text``; None where nothing is read back."""
        return None

    # Helpers for the plans below.

    def serial(self) -> int:
        return next(self._serial)

    def rebuilt(self, **changes) -> str:
        """The form's address with other view arguments, e.g. another post's id."""
        routes = self.app.url_map.bind("localhost")
        endpoint, arguments = routes.match(self.form.action.split("?")[0], method="POST")
        return routes.build(endpoint, {**arguments, **changes})

    def view_arguments(self) -> dict:
        routes = self.app.url_map.bind("localhost")
        return routes.match(self.form.action.split("?")[0], method=self.form.method)[1]

    def new_reply(self, *, published: bool) -> int:
        """A reply by the other member to the member's experience, published or awaiting."""
        return make_post(
            self.app,
            self.other_member,
            parent_id=self.site.member_post,
            text=f"Reply {self.serial()}.",
            actions=(PostAction.APPROVE,) if published else (),
        )

    def read(self, query: Callable[[], str | None]) -> str | None:
        with self.app.app_context():
            return query()


def posted_text(path: WritePath, response: TestResponse) -> str | None:
    """The text of the post a share or reply was sent to: its id ends the address."""
    found = POSTED.search(response.headers.get("Location", ""))
    if found is None:
        return None
    return path.read(lambda: db.session.get(Post, int(found.group(1))).body_markdown)


class Share(WritePath):
    """One experience per member and question: a new question for each string."""

    @cached_property
    def condition(self) -> int:
        slug = self.view_arguments()["slug"]
        return self.read(
            lambda: db.session.scalar(select(Condition.id).where(Condition.slug == slug))
        )

    def attempt(self, name: str, text: str) -> Attempt:
        attempt = super().attempt(name, text)
        slug = f"naughty-{self.serial()}"
        attempt.subject = make_question(self.app, self.condition, slug, f"Question {slug}?")
        attempt.action = self.rebuilt(qslug=slug)
        return attempt

    def stored(self, attempt, response, name, text):
        return posted_text(self, response)


class Reply(WritePath):
    def stored(self, attempt, response, name, text):
        return posted_text(self, response)


class EditOwnPost(WritePath):
    """An edit of a published post waits for approval beside its public text."""

    def stored(self, attempt, response, name, text):
        post_id = self.view_arguments()["post_id"]

        def read():
            post = db.session.get(Post, post_id)
            return post.body_markdown if post.pending_markdown is None else post.pending_markdown

        return self.read(read)


class Rewrite(WritePath):
    """A rejected post is rewritten and sent again once: a new rejected reply each time."""

    def attempt(self, name, text):
        attempt = super().attempt(name, text)
        author = self.read(lambda: accounts.find_by_username(self.role).id)
        attempt.subject = make_post(
            self.app,
            author,
            parent_id=self.site.member_post,
            text=f"Rejected {self.serial()}.",
            actions=(PostAction.REJECT,),
        )
        attempt.action = self.rebuilt(post_id=attempt.subject)
        return attempt

    def stored(self, attempt, response, name, text):
        return self.read(lambda: db.session.get(Post, attempt.subject).body_markdown)


class DeleteAccount(WritePath):
    """The right password would delete the account: every string must be refused."""

    # Sending the valid values once would delete the account the other forms use.
    sends_valid_values_first = False


class LogIn(WritePath):
    """A password is fuzzed on an account made with that password, so it can let one in."""

    def attempt(self, name, text):
        attempt = super().attempt(name, text)
        if name == "password" and self.expects["password"].eligible(text):
            username = f"login-{self.serial()}"
            with self.app.app_context():
                accounts.create_user(username, f"{username}@example.org", text)
                db.session.commit()
            attempt.values["identifier"] = username
        return attempt


class Register(WritePath):
    """A new username and email for each string; the password is typed twice."""

    def attempt(self, name, text):
        attempt = super().attempt(name, text)
        serial = self.serial()
        attempt.values["username"] = f"naughty{serial}"
        attempt.values["email"] = f"naughty{serial}@example.org"
        return attempt

    def with_text(self, values, name, text):
        both = {"password": text, "confirm": text} if name == "password" else {name: text}
        return {**values, **both}

    def accepted(self, response):
        # Registering answers with the same "Check your email" page for any address.
        return response.status_code == 200 and "<h1>Check your email</h1>" in response.text

    def stored(self, attempt, response, name, text):
        def read():
            if name == "username":
                user = db.session.scalar(select(User).where(User.email == attempt.values["email"]))
                return user.username
            user = accounts.find_by_username(attempt.values["username"])
            if name == "email":
                return user.email
            # A password is stored as a hash: it is stored as sent if it lets one in.
            return text if accounts.password_matches(user, text) else "(another password)"

        return self.read(read)


class Decide(WritePath):
    """A decision is taken once per version of a post: a new post for each string.

    Removing takes a published post; the other decisions a post awaiting moderation.
    """

    def attempt(self, name, text):
        attempt = super().attempt(name, text)
        removing = self.view_arguments().get("verb") == "remove"
        attempt.subject = self.new_reply(published=removing)
        attempt.action = self.rebuilt(post_id=attempt.subject)
        # The version is read afresh, as the review page would show it now.
        attempt.values["version"] = self.read(
            lambda: post_version(db.session.get(Post, attempt.subject))
        )
        return attempt

    def stored(self, attempt, response, name, text):
        def read():
            if name == "body":
                return db.session.get(Post, attempt.subject).body_markdown
            event = db.session.scalar(
                select(ModerationEvent)
                .where(ModerationEvent.post_id == attempt.subject)
                .order_by(ModerationEvent.id.desc())
                .limit(1)
            )
            return event.reason

        return self.read(read) if name in ("body", "reason") else None


class Suspend(WritePath):
    """A member is suspended once: a new member for each string, suspended for a month."""

    def attempt(self, name, text):
        attempt = super().attempt(name, text)
        username = f"suspended-{self.serial()}"
        attempt.subject = make_user(self.app, username)
        attempt.action = self.rebuilt(username=username)
        until = datetime.now(UTC).date() + timedelta(days=30)
        attempt.values["until"] = until.isoformat()
        # The day is the length chosen (the form's first choice, 7 days, would contradict it).
        attempt.values["length"] = "until-date"
        return attempt

    def stored(self, attempt, response, name, text):
        if name != "reason":
            return None
        return self.read(lambda: db.session.get(User, attempt.subject).suspension_reason)


class Report(WritePath):
    """A member reports a post once: a new published post by another member each time."""

    def attempt(self, name, text):
        attempt = super().attempt(name, text)
        attempt.subject = self.new_reply(published=True)
        attempt.action = self.rebuilt(post_id=attempt.subject)
        return attempt


# Each kind of form, by its endpoint (and a moderator's decision by its verb): its plan,
# what its text fields do, and the valid values the crawled page does not hold.
PLANS: dict[str, tuple[type[WritePath], dict[str, Expect], dict[str, str]]] = {
    "accounts.login": (
        LogIn,
        {
            "identifier": ANY,
            "password": LOGIN_PASSWORD,
        },
        {"identifier": "member", "password": PASSWORD},
    ),
    "accounts.register": (
        Register,
        {"username": USERNAME, "email": EMAIL, "password": NEW_PASSWORD},
        {"password": PASSWORD, "confirm": PASSWORD},
    ),
    "posts.share": (Share, {"body": POST_TEXT}, {"body": "Cold air, for me."}),
    "posts.reply": (Reply, {"body": POST_TEXT}, {"body": "Same for me."}),
    "posts.edit": (EditOwnPost, {"body": POST_TEXT}, {"body": "Cold air and smoke."}),
    "posts.report": (Report, {}, {"reason": "spam"}),
    "posts.rewrite_post": (Rewrite, {"body": POST_TEXT}, {"body": "Rewritten, kindly."}),
    "own_data.delete": (
        DeleteAccount,
        {"password": WRONG_PASSWORD},
        {"password": PASSWORD, "posts": "keep"},
    ),
    "moderation.decide/remove": (Decide, {"reason": REASON}, {"reason": "Off topic."}),
    "moderation.decide/reject": (Decide, {"reason": REASON}, {"reason": "Off topic."}),
    "moderation.decide/approve": (Decide, {}, {}),
    "moderation.edit": (
        Decide,
        {"body": POST_TEXT, "reason": REASON},
        {"body": "A reply, edited.", "reason": "Took out a name."},
    ),
    "moderation.suspend": (
        Suspend,
        {"reason": SUSPENSION_REASON},
        {"reason": "Spam, again."},
    ),
}


def kind_of(site, form: Form) -> str:
    """The plan's key of a form: its endpoint, and a decision's verb."""
    routes = site.app.url_map.bind("localhost")
    endpoint, arguments = routes.match(form.action.split("?")[0], method=form.method)
    return f"{endpoint}/{arguments['verb']}" if "verb" in arguments else endpoint


class Unplanned(WritePath):
    """A form with no plan yet: fuzzed for answers (never a 500, a refusal says why), but
    its crawled values are not known to be valid, so no control request is asserted."""

    sends_valid_values_first = False

    def accepted(self, response):
        return 200 <= response.status_code < 400

    def expectation(self, name):
        return ANY


def write_path(site, role: str, form: Form) -> WritePath:
    plan, expects, valid = PLANS.get(kind_of(site, form), (Unplanned, {}, {}))
    return plan(site, role, form, expects, valid)

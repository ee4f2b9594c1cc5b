"""Many members writing at once to a real server while moderators decide: nothing is lost.

gunicorn serves the app in separate processes (3 workers of 4 threads) on the test's
database, SQLite or PostgreSQL. Writer threads register, join and leave, share, reply,
delete and race each other; moderator threads approve, reject, remove and restore the
same posts through the services at the same time. Afterwards every acknowledged post is
stored as sent, nothing unacknowledged is, and ``find_drift`` (what ``recount`` runs)
finds every count exact.
"""

import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookiejar import CookieJar

import pytest
from sqlalchemy import func, select

from community.counts import find_drift
from community.extensions import db
from community.models import Condition, Membership, Post, PostKind, PostState, Role, User
from community.posts import services
from community.posts.states import PostAction, TransitionRefused
from tests.factories import (
    PASSWORD,
    make_condition,
    make_membership,
    make_post,
    make_question,
    make_user,
)
from tests.live_server import gunicorn
from tests.mail.helpers import link_to

# gunicorn serves the test database from other processes: real commits.
pytestmark = [pytest.mark.concurrency, pytest.mark.fresh_database]

WRITERS = 16
QUESTIONS = ("q1", "q2", "q3")
REPLIES_PER_WRITER = 4
MODERATORS = 2
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
POST_ID = re.compile(r"#(?:message-)?post-(\d+)$")


class _Refuse(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test reads each redirect itself


class Visitor:
    """One browser: its own cookies, CSRF tokens read from pages, redirects not followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _Refuse()
        )
        self.token = ""

    def request(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        """Return (status, Location, body) of a GET, or of a POST of ``form``."""
        data = None
        if form is not None:
            data = urllib.parse.urlencode({**form, "csrf_token": self.token}).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=60) as response:
                return response.status, "", response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode()

    def read_token(self, path: str = "/auth/login") -> None:
        self.token = TOKEN.search(self.request(path)[2]).group(1)


@dataclass
class Ledger:
    """What the server acknowledged, and anything it answered unexpectedly."""

    posts: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: (author, text)
    deleted: set[int] = field(default_factory=set)
    requests: Counter = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def expect(self, what: str, answer: tuple[int, str, str], *statuses: int) -> int | None:
        """Record a request; return the post id it acknowledged, if any."""
        status, location, body = answer
        with self.lock:
            self.requests[status] += 1
            if status not in statuses:
                self.unexpected.append(f"{what}: {status} {body[:300]!r}")
        found = POST_ID.search(location)
        return int(found.group(1)) if found and status == 303 else None

    def acknowledge(self, post_id: int | None, author: str, text: str) -> None:
        if post_id is not None:
            with self.lock:
                self.posts[post_id] = (author, text)

    def written(self) -> list[int]:
        with self.lock:
            return list(self.posts)


@pytest.fixture
def server(app, database_url, tmp_path):
    """Serve the test's database from gunicorn in its own processes; yield the base URL."""
    log = tmp_path / "gunicorn.log"
    with gunicorn(database_url, app="tests.live_app:app", workers=3, threads=4, log=log) as live:
        yield f"http://127.0.0.1:{live.port}"
    # Any traceback means a request failed inside the server.
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def _seed(app) -> list[int]:
    """Asthma with its questions and one approved experience on each; Lupus; a moderator."""
    asthma = make_condition(app)
    make_condition(app, "lupus", "Lupus")
    elder = make_user(app, "elder")
    make_membership(app, elder, asthma)
    make_user(app, "moderator", roles=(Role.MODERATOR,))
    targets = []
    for slug in (*QUESTIONS, "race"):
        question = make_question(app, asthma, slug, f"Question {slug}?")
        targets.append(make_post(app, elder, question_id=question, text=f"Elder on {slug}."))
    return targets


def _writer(app, base: str, index: int, targets: list[int], ledger: Ledger, start) -> None:
    name = f"writer{index:02d}"
    visitor = Visitor(base)
    visitor.read_token("/auth/register")
    start.wait()
    account = {"username": name, "email": f"{name}@example.org", "password": PASSWORD}
    registered = visitor.request("/auth/register", {**account, "confirm": PASSWORD})
    ledger.expect(f"{name} registers", registered, 200)
    # The new member follows the link mailed to them, then logs in.
    confirmed = visitor.request(link_to(app, account["email"], "/auth/verify/"))
    ledger.expect(f"{name} confirms the address", confirmed, 302)
    visitor.read_token("/auth/login")
    logged_in = visitor.request("/auth/login", {"identifier": name, "password": PASSWORD})
    ledger.expect(f"{name} logs in", logged_in, 302)
    for slug, relation in (("asthma", "patient"), ("lupus", "caregiver")):
        joined = visitor.request(f"/conditions/{slug}/join", {"relation": relation})
        ledger.expect(f"{name} joins {slug}", joined, 303)
    left = visitor.request("/conditions/lupus/leave", {})
    ledger.expect(f"{name} leaves lupus", left, 303)
    rejoined = visitor.request("/conditions/lupus/join", {"relation": "researcher"})
    ledger.expect(f"{name} joins lupus again", rejoined, 303)

    for slug in QUESTIONS:
        text = f"{name} shares on {slug}."
        url = f"/conditions/asthma/questions/{slug}/experiences"
        shared = visitor.request(url, {"body": text})
        ledger.acknowledge(ledger.expect(f"{name} shares", shared, 303), name, text)

    randomness = random.Random(index)
    replies = []
    for number in range(REPLIES_PER_WRITER):
        # Half answer an elder's approved experience; half a post someone just wrote,
        # which a moderator may or may not have approved yet.
        candidates = ledger.written() if number % 2 else targets
        parent = randomness.choice(candidates or targets)
        text = f"{name} replies {number} to {parent}."
        replied = visitor.request(f"/posts/{parent}/replies", {"body": text})
        statuses = (303,) if parent in targets else (303, 403)
        reply_id = ledger.expect(f"{name} replies to {parent}", replied, *statuses)
        ledger.acknowledge(reply_id, name, text)
        if reply_id is not None:
            replies.append(reply_id)

    if replies:
        deleted = visitor.request(f"/posts/{replies[0]}/delete", {})
        ledger.expect(f"{name} deletes {replies[0]}", deleted, 303)
        with ledger.lock:
            ledger.deleted.add(replies[0])

    # The same member sends one experience twice at once: one is stored, one refused.
    url = "/conditions/asthma/questions/race/experiences"
    text = f"{name} shares on race."
    with ThreadPoolExecutor(2) as pair:
        answers = list(pair.map(lambda _: visitor.request(url, {"body": text}), range(2)))
    for answer in answers:
        ledger.acknowledge(ledger.expect(f"{name} shares twice", answer, 303, 409), name, text)
    if sorted(status for status, _, _ in answers) != [303, 409]:
        ledger.unexpected.append(f"{name} double share: {[a[0] for a in answers]}")


def _twins(base: str, ledger: Ledger, start) -> None:
    """Two people claim one username, differently cased, at the same moment."""
    visitors = [Visitor(base) for _ in range(2)]
    for visitor in visitors:
        visitor.read_token("/auth/register")
    start.wait()

    def register(pair):
        visitor, name = pair
        # Emails are compared lower-cased: give each twin one of their own, so that only
        # the username is contested.
        form = {"username": name, "email": f"{name}-{id(visitor)}@example.org"}
        return visitor.request(
            "/auth/register", {**form, "password": PASSWORD, "confirm": PASSWORD}
        )

    with ThreadPoolExecutor(2) as pair:
        answers = list(pair.map(register, zip(visitors, ("Twin", "tWIN"), strict=True)))
    for answer in answers:
        ledger.expect("twin registers", answer, 200, 400)
    statuses = sorted(status for status, _, _ in answers)
    refusals = [body for status, _, body in answers if status == 400]
    if statuses != [200, 400] or "That username is taken." not in refusals[0]:
        ledger.unexpected.append(f"twins: {statuses}")


ACTIONS = {
    PostState.PENDING: (PostAction.APPROVE, PostAction.APPROVE, PostAction.REJECT),
    PostState.APPROVED: (PostAction.REMOVE,),
    PostState.REMOVED: (PostAction.RESTORE,),
}


def _moderator(app, seed: int, spared: list[int], done: threading.Event, decisions: Counter):
    """Decide on random posts until told to stop; the elder's experiences stay approved."""
    randomness = random.Random(seed)
    while not done.is_set():
        with app.app_context():
            moderator = db.session.scalar(select(User).where(User.username == "moderator"))
            posts = db.session.scalars(
                select(Post)
                .where(Post.state.in_(ACTIONS), Post.id.not_in(spared))
                .order_by(Post.id)
            ).all()
            for post in randomness.sample(posts, min(len(posts), 8)):
                if post.state not in ACTIONS:
                    continue  # decided or deleted since it was read
                if post.state is PostState.APPROVED and randomness.random() < 0.7:
                    continue  # most approved posts stay up
                action = randomness.choice(ACTIONS[post.state])
                try:
                    services.apply_action(post, action, actor=moderator, reason="Checked")
                    db.session.commit()
                    decisions[action.value] += 1
                except TransitionRefused:
                    db.session.rollback()  # another moderator or the author was first
                    decisions["refused"] += 1
        time.sleep(0.01)  # let the writers in; no assertion depends on it


def test_concurrent_writers_lose_nothing_and_counts_stay_exact(app, server, runner, database_url):
    targets = _seed(app)
    ledger = Ledger()
    decisions: Counter = Counter()
    done = threading.Event()
    start = threading.Barrier(WRITERS + 1)
    moderators = [
        threading.Thread(target=_moderator, args=(app, seed, targets, done, decisions))
        for seed in range(MODERATORS)
    ]
    for thread in moderators:
        thread.start()
    try:
        with ThreadPoolExecutor(WRITERS + 1) as pool:
            futures = [
                pool.submit(_writer, app, server, index, targets, ledger, start)
                for index in range(WRITERS)
            ]
            futures.append(pool.submit(_twins, server, ledger, start))
            for future in futures:
                future.result()
    finally:
        done.set()
        for thread in moderators:
            thread.join()

    assert ledger.unexpected == []
    with app.app_context():
        stored = {
            post.id: post
            for post in db.session.scalars(
                select(Post).join(User, User.id == Post.author_id).where(User.username != "elder")
            )
        }
        authors = dict(db.session.execute(select(User.id, User.username)).all())
        # Every acknowledged post is stored, by its author, with its text; nothing else is.
        assert set(stored) == set(ledger.posts)
        for post_id, (author, text) in ledger.posts.items():
            post = stored[post_id]
            assert authors[post.author_id] == author
            if post_id in ledger.deleted:
                assert (post.state, post.body_markdown) == (PostState.DELETED, "")
            else:
                assert post.body_markdown == text
        experiences = Counter(
            authors[post.author_id] for post in stored.values() if post.kind is PostKind.EXPERIENCE
        )
        assert set(experiences.values()) == {len(QUESTIONS) + 1}
        members = dict(
            db.session.execute(
                select(Condition.slug, func.count(Membership.id))
                .join(Membership, Membership.condition_id == Condition.id)
                .group_by(Condition.slug)
            ).all()
        )
        assert members == {"asthma": WRITERS + 1, "lupus": WRITERS}
        drift = find_drift()
        assert drift == []
        states = Counter(post.state.value for post in stored.values())
    assert runner.invoke(args=["recount"]).exit_code == 0

    database = database_url.split(":")[0]
    answers = f"{sum(ledger.requests.values())} POSTs answered {dict(ledger.requests)}"
    print(
        f"\n{database}: {WRITERS} writers, {answers}, {len(ledger.posts)} posts acknowledged "
        f"and stored {dict(states)}, moderators {dict(decisions)}, drift {len(drift)}"
    )

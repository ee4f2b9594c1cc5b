"""The write mix: members share and reply over HTTP while a moderator approves what they wrote.

Writers are threads of this process, each logged in as several generated members; the
moderator is a separate process that approves the new pending posts through
``community.moderation.services.approve``, the service the moderation pages call.
Afterwards every write the site acknowledged is looked up in the database, the counts
are checked, and the rows written are deleted so that the dataset stays as generated.
"""

import http.client
import multiprocessing
import random
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from sqlalchemy import delete, func, select

from bench.datasets import app_on
from community import counts
from community.accounts import services as accounts
from community.extensions import db
from community.loadtest.writer import LOAD_DATA_PASSWORD
from community.models import (
    Condition,
    Membership,
    ModerationEvent,
    Post,
    PostState,
    Question,
    Role,
    User,
)
from community.moderation import services as moderation

MODERATOR = "bench_moderator"
SHARE_FRACTION = 0.35
MEMBERS_PER_WRITER = 16
# The reference questions are the first two; writes go to the others, so pages stay put.
FIRST_WRITABLE_POSITION = 2
TEXT = "Keeping a diary of symptoms helped me and my team see the pattern over time."
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
MARKER = re.compile(r"\[bench ([a-z]+)\]")


@dataclass
class WritePlan:
    condition_slug: str
    members: list[tuple[str, list[str]]]  # username, slugs of questions still open to share
    reply_targets: list[int]
    first_post_id: int
    first_event_id: int


@dataclass
class WriteResult:
    elapsed: float
    shares: int = 0
    replies: int = 0
    approvals: int = 0
    errors: int = 0
    lost: int = 0
    drifted_counts: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)
    # Server CPU per write over HTTP (approvals run in the moderator's process).
    cpu_ms: float | None = None

    @property
    def writes(self) -> int:
        return self.shares + self.replies + self.approvals

    @property
    def writes_per_second(self) -> float:
        return self.writes / self.elapsed if self.elapsed else 0.0

    def percentile(self, fraction: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        if fraction == 0.5:
            return statistics.median(ordered)
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def plan_writes(database_url: str, member_count: int) -> WritePlan:
    """Choose who writes where: members of the largest condition, on its other questions."""
    app = app_on(database_url)
    with app.app_context():
        if accounts.find_by_username(MODERATOR) is None:
            accounts.create_user(
                MODERATOR, f"{MODERATOR}@bench.example", LOAD_DATA_PASSWORD, [Role.MODERATOR]
            )
            db.session.commit()
        condition = db.session.scalar(select(Condition).order_by(Condition.id).limit(1))
        questions = dict(
            db.session.execute(
                select(Question.id, Question.slug).where(
                    Question.condition_id == condition.id,
                    Question.position >= FIRST_WRITABLE_POSITION,
                )
            ).all()
        )
        member_rows = db.session.execute(
            select(Membership.user_id, User.username)
            .join(User, User.id == Membership.user_id)
            .where(Membership.condition_id == condition.id)
            .order_by(Membership.user_id)
            .limit(member_count)
        ).all()
        shared = set(
            db.session.execute(
                select(Post.author_id, Post.question_id).where(
                    Post.question_id.in_(questions),
                    Post.author_id.in_([row.user_id for row in member_rows]),
                    Post.parent_id.is_(None),
                )
            ).all()
        )
        members = [
            (
                row.username,
                [slug for qid, slug in questions.items() if (row.user_id, qid) not in shared],
            )
            for row in member_rows
        ]
        reply_targets = list(
            db.session.scalars(
                select(Post.id)
                .where(Post.question_id.in_(questions), Post.state == PostState.APPROVED)
                .order_by(Post.id.desc())
                .limit(2000)
            )
        )
        plan = WritePlan(
            condition.slug,
            members,
            reply_targets,
            (db.session.scalar(select(func.max(Post.id))) or 0) + 1,
            (db.session.scalar(select(func.max(ModerationEvent.id))) or 0) + 1,
        )
        db.session.remove()
        db.engine.dispose()
    return plan


class _Member:
    """One logged-in member: a session cookie, a CSRF token, questions left to share on."""

    def __init__(self, username: str, open_questions: list[str]) -> None:
        self.username = username
        self.open_questions = list(open_questions)
        self.cookie = ""
        self.token = ""  # nosec B105  # an empty token before logging in


class _Writer(threading.Thread):
    def __init__(self, index: int, base_url: str, plan: WritePlan, members, start: "_Start"):
        super().__init__()
        self.index = index
        self.plan = plan
        self.members = [_Member(name, slugs) for name, slugs in members]
        self.start_signal = start
        parts = urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.random = random.Random(index)  # nosec B311  # picks what to write, not a secret
        self.acknowledged: list[str] = []
        self.latencies: list[float] = []
        self.shares = self.replies = self.errors = 0
        self.error_samples: list[str] = []
        self.sent = 0

    def request(self, method: str, path: str, member: _Member, form: dict | None = None):
        headers = {"Cookie": member.cookie} if member.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            raise
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response, text

    def log_in(self, member: _Member) -> None:
        response, page = self.request("GET", "/auth/login", member)
        member.cookie = _session_cookie(response) or member.cookie
        form = {
            "identifier": member.username,
            "password": LOAD_DATA_PASSWORD,
            "csrf_token": CSRF.search(page).group(1),
        }
        response, _ = self.request("POST", "/auth/login", member, form)
        if response.status != 302:
            raise RuntimeError(f"{member.username} could not log in ({response.status})")
        member.cookie = _session_cookie(response) or member.cookie
        # Read the token from a page, as a browser's form would carry it.
        _, page = self.request("GET", f"/conditions/{self.plan.condition_slug}", member)
        member.token = CSRF.search(page).group(1)

    def write(self, member: _Member) -> None:
        marker = _marker(self.index, self.sent)
        self.sent += 1
        text = f"[bench {marker}] {TEXT}"
        sharing = member.open_questions and self.random.random() < SHARE_FRACTION
        if sharing:
            slug = member.open_questions.pop()
            path = f"/conditions/{self.plan.condition_slug}/questions/{slug}/experiences"
        else:
            path = f"/posts/{self.random.choice(self.plan.reply_targets)}/replies"
        started = time.perf_counter()
        try:
            # The flash the site stores for the next page is not kept: no page follows.
            response, page = self.request(
                "POST", path, member, {"body": text, "csrf_token": member.token}
            )
        except (OSError, http.client.HTTPException) as error:
            self._failed(f"{path}: {error!r}")
            return
        self.latencies.append((time.perf_counter() - started) * 1000)
        if response.status != 303:
            self._failed(f"{path}: HTTP {response.status} {page[:200]!r}")
            return
        self.acknowledged.append(marker)
        if sharing:
            self.shares += 1
        else:
            self.replies += 1

    def _failed(self, description: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 3:
            self.error_samples.append(description)

    def run(self) -> None:
        for member in self.members:
            self.log_in(member)
        deadline = self.start_signal.wait()
        turn = 0
        while time.time() < deadline:
            self.write(self.members[turn % len(self.members)])
            turn += 1
        self.connection.close()


def _session_cookie(response) -> str | None:
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("session="):
            return value.split(";", 1)[0]
    return None


def _marker(writer: int, number: int) -> str:
    """Letters only: digits in a post could read as a phone number and warn the author."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    value, word = writer * 1_000_000 + number, ""
    while True:
        value, digit = divmod(value, 26)
        word = letters[digit] + word
        if not value:
            return word


class _Start:
    """Hold every writer until all have logged in, then give them one deadline."""

    def __init__(self, writers: int) -> None:
        self.barrier = threading.Barrier(writers + 1)
        self.go = threading.Event()
        self.deadline = 0.0

    def wait(self) -> float:
        self.barrier.wait()
        self.go.wait()
        return self.deadline

    def wait_until_logged_in(self) -> None:
        self.barrier.wait()

    def release(self, duration: float) -> float:
        self.deadline = time.time() + duration
        self.go.set()
        return self.deadline


def _approve(database_url: str, first_post_id: int, start, deadline, results) -> None:
    """Approve the writers' pending posts, one transaction each, until the deadline."""
    app = app_on(database_url)
    approved, errors, samples = 0, 0, []
    with app.app_context():
        moderator = accounts.find_by_username(MODERATOR)
        db.session.commit()
        start.wait()
        while time.time() < deadline.value:
            pending = db.session.scalars(
                select(Post.id)
                .where(Post.id >= first_post_id, Post.state == PostState.PENDING)
                .order_by(Post.id)
                .limit(20)
            ).all()
            db.session.commit()
            if not pending:
                time.sleep(0.005)
                continue
            for post_id in pending:
                try:
                    post = db.session.get(Post, post_id)
                    moderation.approve(moderator, post, moderation.post_version(post))
                    db.session.commit()
                    approved += 1
                except Exception as error:  # any failure is an error to report, not a crash
                    db.session.rollback()
                    errors += 1
                    if len(samples) < 3:
                        samples.append(f"approve {post_id}: {error!r}")
                if time.time() >= deadline.value:
                    break
        db.session.remove()
        db.engine.dispose()
    results.put((approved, errors, samples))


def run_write_mix(server, database_url: str, duration: float, concurrency: int) -> WriteResult:
    """Write for ``duration`` seconds, then verify every acknowledged write and clean up."""
    plan = plan_writes(database_url, concurrency * MEMBERS_PER_WRITER)
    context = multiprocessing.get_context("spawn")
    approver_start, deadline, results = context.Event(), context.Value("d", 0.0), context.Queue()
    approver = context.Process(
        target=_approve,
        args=(database_url, plan.first_post_id, approver_start, deadline, results),
    )
    approver.start()
    start = _Start(concurrency)
    writers = [
        _Writer(index, server.base_url, plan, plan.members[index::concurrency], start)
        for index in range(concurrency)
    ]
    for writer in writers:
        writer.start()
    start.wait_until_logged_in()
    cpu_before = server.cpu_seconds()
    deadline.value = start.release(duration)
    approver_start.set()
    for writer in writers:
        writer.join()
    # From the start to the last acknowledged write.
    elapsed = time.time() - (deadline.value - duration)
    cpu_after = server.cpu_seconds()
    approved, approve_errors, approve_samples = results.get()
    approver.join()
    result = WriteResult(
        elapsed=elapsed,
        shares=sum(writer.shares for writer in writers),
        replies=sum(writer.replies for writer in writers),
        approvals=approved,
        errors=sum(writer.errors for writer in writers) + approve_errors,
        latencies_ms=[value for writer in writers for value in writer.latencies],
        error_samples=[s for writer in writers for s in writer.error_samples] + approve_samples,
    )
    if cpu_before is not None and cpu_after is not None and result.shares + result.replies:
        result.cpu_ms = (cpu_after - cpu_before) * 1000 / (result.shares + result.replies)
    acknowledged = {marker for writer in writers for marker in writer.acknowledged}
    _verify_and_clean_up(database_url, plan, acknowledged, result)
    return result


def _verify_and_clean_up(
    database_url: str, plan: WritePlan, acknowledged: set[str], result: WriteResult
) -> None:
    app = app_on(database_url)
    with app.app_context():
        bodies = db.session.scalars(
            select(Post.body_markdown).where(Post.id >= plan.first_post_id)
        ).all()
        stored = {match.group(1) for body in bodies if (match := MARKER.search(body))}
        approvals = db.session.scalar(
            select(func.count())
            .select_from(ModerationEvent)
            .where(ModerationEvent.id >= plan.first_event_id, ModerationEvent.action == "approve")
        )
        result.lost = len(acknowledged - stored) + max(0, result.approvals - approvals)
        result.drifted_counts = len(counts.find_drift())
        db.session.execute(delete(ModerationEvent).where(ModerationEvent.id >= plan.first_event_id))
        db.session.execute(delete(Post).where(Post.id >= plan.first_post_id))
        counts.repair_drift(counts.find_drift())
        db.session.commit()
        db.session.remove()
        db.engine.dispose()

"""Pages send a fixed, small number of SQL statements, however much they show."""

import random

import pytest
from sqlalchemy import event, select

from community.extensions import db
from community.models import Post, Question, User
from community.posts import services as posts
from community.posts.states import PostAction
from tests.factories import make_condition, make_membership, make_question, make_summary, make_user
from tests.querycount import is_savepoint, page_statements
from tests.web import csrf_token, log_in

QUESTION_URL = "/conditions/asthma/questions/what-causes-it"
MAX_QUESTION_PAGE_QUERIES = 8
MEMBERS = 50


def _question_with_members(app) -> int:
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    make_summary(app, question_id)
    for index in range(MEMBERS):
        make_membership(app, make_user(app, f"member{index:03d}"), condition_id)
    return question_id


def _add_approved_posts(app, question_id: int, count: int, seed: int) -> None:
    """Add experiences (one per member, while members last) and replies at random depths."""
    randomness = random.Random(seed)
    with app.app_context():
        question = db.session.get(Question, question_id)
        members = list(db.session.scalars(select(User).order_by(User.id)))
        written = list(db.session.scalars(select(Post).where(Post.question_id == question_id)))
        sharers = {post.author_id for post in written if post.parent_id is None}
        for index in range(count):
            author = members[index % len(members)]
            if author.id not in sharers:
                post = posts.create_experience(author, question, f"experience {index}")
                sharers.add(author.id)
            else:
                post = posts.create_reply(author, randomness.choice(written), f"reply {index}")
            posts.apply_action(post, PostAction.APPROVE, actor=None)
            written.append(post)
        db.session.commit()


def test_question_page_sends_the_same_few_statements_with_5_and_500_posts(app, client):
    question_id = _question_with_members(app)
    _add_approved_posts(app, question_id, 5, seed=1)
    with_5_posts = page_statements(app, client, QUESTION_URL)

    _add_approved_posts(app, question_id, 495, seed=2)
    with_500_posts = page_statements(app, client, QUESTION_URL)

    print(f"question page statements: {with_5_posts} (5 posts), {with_500_posts} (500 posts)")
    assert with_5_posts == with_500_posts <= MAX_QUESTION_PAGE_QUERIES
    assert client.get(QUESTION_URL).text.count("<article") > 100


READINGS = (
    "?order=newest",
    "?order=oldest",
    "?order=most-replied",
    "?relation=caregiver",
    "?order=most-replied&relation=patient",
)


@pytest.mark.parametrize("reading", READINGS)
def test_each_order_and_relation_sends_the_same_few_statements_with_5_and_500_posts(
    app, client, reading
):
    question_id = _question_with_members(app)
    _add_approved_posts(app, question_id, 5, seed=1)
    with_5_posts = page_statements(app, client, QUESTION_URL + reading)
    _add_approved_posts(app, question_id, 495, seed=2)
    with_500_posts = page_statements(app, client, QUESTION_URL + reading)
    assert with_5_posts == with_500_posts <= MAX_QUESTION_PAGE_QUERIES


@pytest.mark.parametrize("reading", READINGS)
def test_each_order_and_relation_reads_in_four_statements_for_visitors_and_seven_for_members(
    app, client, reading
):
    question_id = _question_with_members(app)
    _add_approved_posts(app, question_id, 60, seed=3)
    url = QUESTION_URL + reading
    assert page_statements(app, client, url) == 4
    assert page_statements(app, client, url) == 1
    log_in(client, "member000")
    assert page_statements(app, client, url) == 7
    assert page_statements(app, client, url) == 7


def test_a_later_page_in_another_order_costs_what_the_first_does(app, client):
    question_id = _question_with_members(app)
    _add_approved_posts(app, question_id, 60, seed=3)
    first = page_statements(app, client, QUESTION_URL + "?order=most-replied&relation=patient")
    second = page_statements(
        app, client, QUESTION_URL + "?order=most-replied&relation=patient&page=2"
    )
    assert first == second == 4


def test_directory_and_condition_page_statements_do_not_grow(app, client):
    question_id = _question_with_members(app)
    _add_approved_posts(app, question_id, 5, seed=1)
    before = (page_statements(app, client, "/"), page_statements(app, client, "/conditions/asthma"))
    _add_approved_posts(app, question_id, 100, seed=2)
    after = (page_statements(app, client, "/"), page_statements(app, client, "/conditions/asthma"))
    assert before == after
    assert after[0] <= 2 and after[1] <= 3


def test_question_page_reads_in_four_statements_for_visitors_and_seven_for_members(app, client):
    question_id = _question_with_members(app)
    _add_approved_posts(app, question_id, 60, seed=3)
    # Not yet cached: the versions of what it shows, the question with its summary, the
    # threads, and the condition's other questions.
    assert page_statements(app, client, QUESTION_URL) == 4
    # Cached: the versions alone.
    assert page_statements(app, client, QUESTION_URL) == 1

    log_in(client, "member000")
    # The signed-in member with their roles (one statement), then their membership, own
    # experience, follow and involvement, the versions of what the threads show (for the
    # threads kept for members alike), and the header's count of their unread
    # notifications; never served from the visitors' cache, every time.
    assert page_statements(app, client, QUESTION_URL) == 7
    assert page_statements(app, client, QUESTION_URL) == 7


def test_a_member_who_holds_nothing_on_the_question_reads_its_kept_experiences(app, client):
    question_id = _question_with_members(app)
    _add_approved_posts(app, question_id, 60, seed=3)
    with app.app_context():
        condition_id = db.session.get(Question, question_id).condition_id
    make_membership(app, make_user(app, "newcomer"), condition_id)
    log_in(client, "newcomer")

    assert page_statements(app, client, QUESTION_URL) == 7
    # The experiences as every member like them reads them, without the threads' rows.
    assert page_statements(app, client, QUESTION_URL) == 6


@pytest.mark.parametrize("url", ["/", "/conditions/asthma", QUESTION_URL])
def test_a_cached_visitors_page_sends_only_the_version_lookup(app, client, url):
    question_id = _question_with_members(app)
    _add_approved_posts(app, question_id, 20, seed=5)
    assert page_statements(app, client, url) > 1
    assert page_statements(app, client, url) == 1


def _sqlite_plans(app, request) -> list[str]:
    """The steps of SQLite's query plans for every statement ``request()`` sends."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL plans follow its statistics; SQLite's are fixed by the schema")
    statements: list[tuple[str, tuple]] = []
    with app.app_context():
        engine = db.engine

    def record(conn, cursor, statement, parameters, context, executemany):
        if not is_savepoint(statement) and statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        request()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    with engine.connect() as connection:
        return [
            row[-1]
            for statement, parameters in statements
            for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]


def _posts_by_state_alone(plans: list[str]) -> list[str]:
    """Steps that read posts by their state alone: every post in that state, on a large site."""
    return [step for step in plans if "ix_posts_state_created_at (state=?)" in step]


@pytest.mark.parametrize(
    "url",
    ["/", "/conditions/asthma", QUESTION_URL, *(QUESTION_URL + reading for reading in READINGS)],
)
def test_pages_read_by_index_so_their_cost_does_not_grow_with_the_data(app, client, url):
    question_id = _question_with_members(app)
    _add_approved_posts(app, question_id, 20, seed=4)

    plans = _sqlite_plans(app, lambda: client.get(url))

    # The directory lists every condition and so reads them all; nothing else is scanned.
    # (The version lookup selects from no table: SQLite calls that a constant row.)
    scans = [
        step
        for step in plans
        if step.startswith("SCAN") and "conditions" not in step and step != "SCAN CONSTANT ROW"
    ]
    assert scans == [], plans
    assert _posts_by_state_alone(plans) == [], plans


def test_the_answer_to_a_reply_finds_its_page_by_the_threads_index(app, client):
    question_id = _question_with_members(app)
    _add_approved_posts(app, question_id, 20, seed=4)
    with app.app_context():
        experience = db.session.scalar(
            select(Post.id).where(Post.question_id == question_id, Post.parent_id.is_(None))
        )
    log_in(client, "member001")
    token = csrf_token(client, QUESTION_URL)

    def reply():
        answer = client.post(
            f"/posts/{experience}/replies", data={"body": "Same here.", "csrf_token": token}
        )
        assert answer.status_code == 303

    plans = _sqlite_plans(app, reply)

    # A deleted experience holds its place while a published reply is below it: that reply
    # is looked up by the thread's index, never among every published post.
    assert any("published_reply USING INDEX ix_posts_root_id_path" in step for step in plans)
    assert _posts_by_state_alone(plans) == [], plans

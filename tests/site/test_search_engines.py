"""What search engines and link previews read: JSON-LD, canonical and Open Graph tags, sitemap."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from flask import Flask

from community.conditions.page_head import json_for_script
from community.posts.states import PostAction
from tests.factories import make_condition, make_post, make_question
from tests.page_types import make_world
from tests.xss_vectors import XSS_VECTORS

QUESTION = "/conditions/asthma/questions/what-causes-it"
CANONICAL = "http://127.0.0.1:5000"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(html: str) -> dict:
    [found] = JSON_LD.findall(html)
    return json.loads(found)


def meta(html: str, name: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    assert match, name
    return match.group(1)


@pytest.fixture
def world(app: Flask):
    return make_world(app)


def test_the_question_page_describes_its_reviewed_summary_and_its_experiences(app, client, world):
    graph = json_ld(client.get(QUESTION).text)["@graph"]
    page, *postings = graph
    assert page["@type"] == "MedicalWebPage"
    assert page["about"] == {"@type": "MedicalCondition", "name": "Asthma"}
    assert page["reviewedBy"]["name"] == "Dr. Ada Example"
    assert page["reviewedBy"]["hasCredential"]["name"] == "MD, Immunology"
    assert page["lastReviewed"] == "2026-04-02"
    assert page["datePublished"] and page["dateModified"]
    assert [posting["@type"] for posting in postings] == ["DiscussionForumPosting"] * 2
    first = postings[0]
    assert first["text"] == "Cold air sets it off."
    assert first["author"] == {
        "@type": "Person",
        "name": "member",
        "url": f"{CANONICAL}/members/member",
    }
    assert [(c["@type"], c["text"]) for c in first["comment"]] == [
        ("Comment", "Same here."),
        ("Comment", "Cold mornings, yes."),
    ]


def test_only_published_text_is_described_and_only_to_visitors(app, client, world):
    from tests.web import client_as

    removed = make_question(app, 1, "q2", "Q2?")
    actions = (PostAction.APPROVE, PostAction.REMOVE)
    make_post(app, 3, question_id=removed, text="Never shown.", actions=actions)
    described = json.dumps(json_ld(client.get(QUESTION).text)) + json.dumps(
        json_ld(client.get("/conditions/asthma/questions/q2").text)
    )
    assert "Still waiting" not in described  # pending
    assert "Buy my supplements" not in described  # rejected
    assert "Never shown" not in described  # removed
    # A member may see their own text awaiting moderation: their page is not described.
    assert JSON_LD.findall(client_as(app, "member").get(QUESTION).text) == []


def test_a_question_without_a_reviewed_summary_names_no_reviewer(app, client, world):
    page = json_ld(client.get("/conditions/asthma/questions/what-helps").text)["@graph"][0]
    assert "reviewedBy" not in page and "lastReviewed" not in page


@pytest.mark.parametrize(("name", "vector"), XSS_VECTORS[:12])
def test_no_post_can_close_the_structured_data_script(app, client, world, name, vector):
    question = make_question(app, 1, "attack", "Attack?")
    make_post(
        app, 3, question_id=question, text=f"</script><script>window.__xss=1</script> {vector}"
    )
    html = client.get("/conditions/asthma/questions/attack").text
    [block] = JSON_LD.findall(html)
    assert "<" not in block and ">" not in block
    text = json.loads(block)["@graph"][1]["text"]
    assert "</script><script>window.__xss=1</script>" in text


def test_json_for_script_escapes_what_could_end_a_script():
    written = str(json_for_script({"text": "</script><!-- & \u2028"}))
    assert not set("<>&") & set(written)
    assert json.loads(written) == {"text": "</script><!-- & \u2028"}


def test_pages_name_their_canonical_address_whatever_host_was_asked(app, world):
    client = app.test_client()
    html = client.get(QUESTION, base_url="http://10.1.2.3:8000").text
    assert f'<link rel="canonical" href="{CANONICAL}{QUESTION}">' in html
    assert meta(html, "og:url") == CANONICAL + QUESTION
    assert meta(html, "og:title") == "What causes it?"
    assert meta(html, "og:description") == "A short answer."
    assert meta(html, "og:type") == "article"
    assert meta(html, "twitter:card") == "summary"
    assert meta(html, "twitter:description") == "A short answer."
    second = client.get(QUESTION + "?page=2").text
    assert meta(second, "og:url") == CANONICAL + QUESTION  # one page of experiences only
    condition = client.get("/conditions/asthma").text
    assert f'<link rel="canonical" href="{CANONICAL}/conditions/asthma">' in condition
    assert meta(condition, "og:title") == "Asthma community"
    assert meta(condition, "og:description") == "About Asthma."
    assert meta(condition, "og:type") == "website"


def test_the_directory_condition_and_question_pages_describe_themselves(app, world):
    client = app.test_client()
    assert meta(client.get("/").text, "description").startswith("Medically reviewed answers")
    assert meta(client.get("/conditions/asthma").text, "description") == "About Asthma."
    assert meta(client.get(QUESTION).text, "description") == "A short answer."


def test_the_sitemap_lists_the_directory_every_condition_and_every_question(app, client, world):
    make_condition(app, "eczema", "Eczema")
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    listed = {
        url.find(f"{SITEMAP}loc").text: getattr(url.find(f"{SITEMAP}lastmod"), "text", None)
        for url in root.findall(f"{SITEMAP}url")
    }
    assert set(listed) == {
        f"{CANONICAL}/",
        f"{CANONICAL}/conditions/asthma",
        f"{CANONICAL}/conditions/eczema",
        f"{CANONICAL}{QUESTION}",
        f"{CANONICAL}/conditions/asthma/questions/what-helps",
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", listed[f"{CANONICAL}{QUESTION}"])
    assert listed[f"{CANONICAL}/conditions/eczema"] is None  # no question yet


def test_robots_txt_points_crawlers_at_the_sitemap(client):
    assert f"Sitemap: {CANONICAL}/sitemap.xml" in client.get("/robots.txt").text.splitlines()

"""Readers order a question's experiences and keep those by one relation, by plain links."""

import re
from html.parser import HTMLParser

import pytest

from community.extensions import db
from community.models import Post, Relation
from community.posts import services
from community.posts.states import PostAction
from tests.factories import make_condition, make_member, make_post, make_question

QUESTION_URL = "/conditions/asthma/questions/what-causes-it"
EXPERIENCE = re.compile(r'class="post post-experience[^"]*" id="post-(\d+)"')


class Thread:
    """The experiences, named by their authors, and their ids."""

    def __init__(self, ids: dict[str, int]) -> None:
        self.ids = ids

    def names(self, html: str) -> list[str]:
        by_id = {post_id: name for name, post_id in self.ids.items()}
        return [by_id[int(found)] for found in EXPERIENCE.findall(html)]


@pytest.fixture
def thread(app) -> Thread:
    """Five experiences, oldest first: ash, birch, cedar, dogwood, elm.

    Published replies: cedar 3, elm 2, ash 1, birch and dogwood none (dogwood has a reply
    awaiting moderation, which does not count). Ash and elm have the condition, birch is a
    caregiver, cedar a healthcare professional, dogwood a researcher.
    """
    condition_id = make_condition(app)
    question_id = make_question(app, condition_id)
    relations = {
        "ash": Relation.PATIENT,
        "birch": Relation.CAREGIVER,
        "cedar": Relation.PROFESSIONAL,
        "dogwood": Relation.RESEARCHER,
        "elm": Relation.PATIENT,
    }
    ids = {}
    for name, relation in relations.items():
        author = make_member(app, condition_id, name, relation)
        ids[name] = make_post(app, author, question_id=question_id, text=f"{name} writes.")
    replier = make_member(app, condition_id, "fern", Relation.CAREGIVER)
    for name, replies in (("cedar", 3), ("elm", 2), ("ash", 1)):
        parent = ids[name]
        for _ in range(replies):
            # Each answers the one before: depth does not change the count.
            parent = make_post(app, replier, parent_id=parent, text="A reply.")
    make_post(app, replier, parent_id=ids["dogwood"], text="Waiting.", actions=())
    app.config["COMMUNITY_EXPERIENCES_PER_PAGE"] = 2
    return Thread(ids)


ORDERS = {
    "": ["ash", "birch", "cedar", "dogwood", "elm"],
    "oldest": ["ash", "birch", "cedar", "dogwood", "elm"],
    "newest": ["elm", "dogwood", "cedar", "birch", "ash"],
    # As many replies: the newer first.
    "most-replied": ["cedar", "elm", "ash", "dogwood", "birch"],
}


def _all_pages(client, thread: Thread, query: str) -> list[str]:
    names = []
    for page in (1, 2, 3):
        response = client.get(f"{QUESTION_URL}?{query}&page={page}")
        assert response.status_code == 200
        names += thread.names(response.text)
    return names


@pytest.mark.parametrize("order", list(ORDERS))
def test_each_order_lists_every_experience_once_in_its_order_across_pages(client, thread, order):
    assert _all_pages(client, thread, f"order={order}") == ORDERS[order]


def test_the_first_page_of_an_order_holds_its_first_experiences(client, thread):
    response = client.get(f"{QUESTION_URL}?order=most-replied")
    assert thread.names(response.text) == ["cedar", "elm"]
    assert "Page 1 of 3" in response.text


@pytest.mark.parametrize(
    ("relation", "names"),
    [
        ("patient", ["ash", "elm"]),
        ("caregiver", ["birch"]),
        ("professional", ["cedar"]),
        ("researcher", ["dogwood"]),
    ],
)
def test_a_relation_keeps_only_the_experiences_of_members_who_relate_so(
    client, thread, relation, names
):
    response = client.get(f"{QUESTION_URL}?relation={relation}")
    assert thread.names(response.text) == names
    # One page: the paging counts the filtered experiences, not all of them.
    assert "Page 1 of" not in response.text


def test_order_and_relation_combine_and_keep_paging(app, client, thread):
    app.config["COMMUNITY_EXPERIENCES_PER_PAGE"] = 1
    first = client.get(f"{QUESTION_URL}?order=most-replied&relation=patient")
    assert thread.names(first.text) == ["elm"]
    assert "Page 1 of 2" in first.text
    second = client.get(f"{QUESTION_URL}?order=most-replied&relation=patient&page=2")
    assert thread.names(second.text) == ["ash"]
    # Past the last page: the last page.
    assert thread.names(client.get(f"{QUESTION_URL}?relation=patient&page=9").text) == ["elm"]


def test_a_relation_nobody_wrote_in_says_so(app, client, thread):
    with app.app_context():
        services.apply_action(
            db.session.get(Post, thread.ids["dogwood"]), PostAction.REMOVE, actor=None
        )
        db.session.commit()
    response = client.get(f"{QUESTION_URL}?relation=researcher&order=newest")
    assert response.status_code == 200
    assert thread.names(response.text) == []
    assert "No experiences from members who chose “Researcher” on this question yet." in (
        response.text
    )


class _Links(HTMLParser):
    """Every link inside the experiences' order-and-filter navigation."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "nav" and attributes.get("aria-label") == "Order and filter experiences":
            self.inside = True
        elif tag == "a" and self.inside:
            self.links.append({**attributes, "text": ""})

    def handle_data(self, data):
        if self.inside and self.links and "closed" not in self.links[-1]:
            self.links[-1]["text"] += data

    def handle_endtag(self, tag):
        if tag == "a" and self.inside:
            self.links[-1]["closed"] = True
        if tag == "nav":
            self.inside = False


def _links(html: str) -> dict[str, dict]:
    parser = _Links()
    parser.feed(html)
    return {link["text"]: link for link in parser.links}


def test_the_choices_are_plain_links_keeping_the_other_choice_the_current_marked(client, thread):
    links = _links(client.get(f"{QUESTION_URL}?order=newest&relation=caregiver&page=2").text)
    assert set(links) == {
        "Newest",
        "Oldest",
        "Most replied",
        "Everyone",
        "Has this condition",
        "Family member or caregiver",
        "Healthcare professional",
        "Researcher",
    }
    # An order keeps the relation, a relation keeps the order; a new choice starts at page 1.
    assert links["Most replied"]["href"] == f"{QUESTION_URL}?order=most-replied&relation=caregiver"
    assert links["Oldest"]["href"] == f"{QUESTION_URL}?relation=caregiver"
    assert links["Researcher"]["href"] == f"{QUESTION_URL}?order=newest&relation=researcher"
    assert links["Everyone"]["href"] == f"{QUESTION_URL}?order=newest"
    current = {text for text, link in links.items() if link.get("aria-current") == "true"}
    assert current == {"Newest", "Family member or caregiver"}


def test_without_choices_oldest_and_everyone_are_current(client, thread):
    links = _links(client.get(QUESTION_URL).text)
    current = {text for text, link in links.items() if link.get("aria-current") == "true"}
    assert current == {"Oldest", "Everyone"}


def test_the_page_links_keep_the_order_and_the_relation(client, thread):
    html = client.get(f"{QUESTION_URL}?order=newest&page=2").text
    assert f'rel="next" href="{QUESTION_URL}?page=3&amp;order=newest"' in html
    assert f'rel="prev" href="{QUESTION_URL}?page=1&amp;order=newest"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("order=most-helpful", "Experiences can be ordered by one of: oldest, newest"),
        ("order=NEWEST", "Experiences can be ordered by one of"),
        ("relation=doctor", "Experiences can be filtered by one of: patient, caregiver"),
        # NUL characters are refused before the page looks at them, with their own message.
        ("relation=%00", "NUL character"),
        ("order=newest&relation=x&page=2", "Experiences can be filtered by one of"),
    ],
)
def test_a_choice_the_page_does_not_offer_is_a_clear_400(client, thread, query, message):
    response = client.get(f"{QUESTION_URL}?{query}")
    assert response.status_code == 400
    assert message in response.text


def test_a_page_that_is_not_a_number_is_the_first_in_that_order(client, thread):
    response = client.get(f"{QUESTION_URL}?order=newest&page=last")
    assert thread.names(response.text) == ["elm", "dogwood"]


def _canonical(html: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)


def test_the_canonical_address_stays_the_plain_question(client, thread):
    plain = _canonical(client.get(QUESTION_URL).text)
    assert plain.endswith(QUESTION_URL)
    for query in ("order=newest", "relation=patient", "order=most-replied&page=2"):
        assert _canonical(client.get(f"{QUESTION_URL}?{query}").text) == plain, query
    assert _canonical(client.get(f"{QUESTION_URL}?page=2").text) == f"{plain}?page=2"


def test_visitors_cached_pages_are_kept_apart_per_order_and_relation(client, thread):
    for _ in range(2):  # the second round is served from the cache
        assert thread.names(client.get(QUESTION_URL).text) == ["ash", "birch"]
        assert thread.names(client.get(f"{QUESTION_URL}?order=newest").text) == ["elm", "dogwood"]
        assert thread.names(client.get(f"{QUESTION_URL}?relation=caregiver").text) == ["birch"]


def test_a_new_reply_moves_the_most_replied_order_for_visitors(app, client, thread):
    assert thread.names(client.get(f"{QUESTION_URL}?order=most-replied").text)[0] == "cedar"
    with app.app_context():
        author_id = db.session.get(Post, thread.ids["ash"]).author_id
    for _ in range(4):
        make_post(app, author_id, parent_id=thread.ids["birch"], text="More.")
    assert thread.names(client.get(f"{QUESTION_URL}?order=most-replied").text) == [
        "birch",
        "cedar",
    ]


def test_removed_replies_do_not_count(app, client, thread):
    with app.app_context():
        replies = db.session.scalars(
            db.select(Post).where(Post.root_id == thread.ids["cedar"], Post.parent_id.is_not(None))
        ).all()
        for reply in replies:
            services.apply_action(reply, PostAction.REMOVE, actor=None)
        db.session.commit()
    assert _all_pages(client, thread, "order=most-replied") == [
        "elm",
        "ash",
        "dogwood",
        "cedar",
        "birch",
    ]

"""Members' pages reuse the threads every member like them reads alike, and only those."""

import pytest
from markupsafe import Markup

from community.extensions import cache, db
from community.models import Post, Question, ReportReason, User
from community.posts import helped, reports
from community.posts.thread_fragments import (
    CSRF_MARK,
    KEY_PREFIX,
    LIST_KEY_PREFIX,
    ThreadKeeping,
    rendered_experiences,
)
from community.posts.threads import load_experience_page
from tests.factories import make_member, make_post, make_user
from tests.pages import cached_pages
from tests.posts.conftest import QUESTION_URL
from tests.web import CSRF_INPUT, client_as, post_form, without_csrf_tokens

THREADS = 4


def _threads(app, community) -> list[int]:
    """Approved experiences by members other than the readers, each with a reply."""
    experiences = []
    for index in range(THREADS):
        author = make_member(app, community.condition_id, f"author{index}")
        experience = make_post(
            app, author, question_id=community.question_id, text=f"Experience {index}."
        )
        make_post(app, community.wren, parent_id=experience, text=f"Reply {index}.")
        experiences.append(experience)
    return experiences


def _kept(app, prefix: str = KEY_PREFIX) -> int:
    with app.app_context():
        store = cache.cache  # SimpleCache in the tests
        return sum(1 for key in list(store._cache) if key.startswith(prefix))


def test_a_members_page_from_kept_threads_is_the_page_rendered_afresh(app, community):
    _threads(app, community)
    kestrel = client_as(app, "kestrel")
    first = kestrel.get(QUESTION_URL).text
    # wren replied in every thread: each is wren's own; kestrel's threads are kept, and
    # kestrel, who holds nothing on the question, reads the kept list of them all.
    assert _kept(app) == THREADS
    assert _kept(app, LIST_KEY_PREFIX) == 1
    again = kestrel.get(QUESTION_URL).text
    app.config["COMMUNITY_PAGE_CACHE"] = False
    afresh = kestrel.get(QUESTION_URL).text

    assert without_csrf_tokens(first) == without_csrf_tokens(again) == without_csrf_tokens(afresh)
    assert str(CSRF_MARK) not in again
    token = CSRF_INPUT.search(again).group(1)
    assert again.count(f'value="{token}"') >= THREADS * 2  # each post's reply form, at least
    assert cached_pages(app) == {}  # no member's page is kept whole


def test_each_member_reads_their_own_token_in_the_kept_threads(app, community):
    _threads(app, community)
    make_member(app, community.condition_id, "linnet")
    pages = {name: client_as(app, name).get(QUESTION_URL).text for name in ("kestrel", "linnet")}
    tokens = {name: set(CSRF_INPUT.findall(page)) for name, page in pages.items()}

    assert len(tokens["kestrel"]) == len(tokens["linnet"]) == 1
    assert tokens["kestrel"] != tokens["linnet"]


def test_a_thread_that_holds_what_the_reader_did_is_rendered_for_them_alone(app, community):
    experiences = _threads(app, community)
    make_member(app, community.condition_id, "linnet")
    with app.app_context():
        kestrel = db.session.get(User, community.kestrel)
        reports.file_report(kestrel, db.session.get(Post, experiences[0]), ReportReason.SPAM)
        helped.mark_helped(kestrel, db.session.get(Post, experiences[1]))
        db.session.commit()
    linnet = client_as(app, "linnet")
    linnet.get(QUESTION_URL)  # every thread kept as any member reads it

    kestrels = client_as(app, "kestrel").get(QUESTION_URL).text
    linnets = linnet.get(QUESTION_URL).text

    assert "You reported this post" in kestrels and "You found this helpful" in kestrels
    assert "You reported this post" not in linnets
    assert "You found this helpful" not in linnets
    # The author's own thread: their reply is theirs to edit, on their page only.
    wrens = client_as(app, "wren").get(QUESTION_URL).text
    assert wrens.count(">Edit</a>") == THREADS
    assert ">Edit</a>" not in linnets


def test_a_change_to_a_kept_thread_is_read_at_once(app, community):
    experiences = _threads(app, community)
    kestrel = client_as(app, "kestrel")
    assert "Experience 0." in kestrel.get(QUESTION_URL).text
    with app.app_context():
        post = db.session.get(Post, experiences[0])
        post.body_html = "<p>Experience 0, edited.</p>"
        db.session.commit()

    assert "Experience 0, edited." in kestrel.get(QUESTION_URL).text


def test_a_message_about_a_post_of_a_kept_thread_is_shown_at_that_post(app, community):
    experiences = _threads(app, community)
    kestrel = client_as(app, "kestrel")
    kestrel.get(QUESTION_URL)  # every thread kept
    helped_url = f"/posts/{experiences[0]}/helped"
    post_form(kestrel, helped_url, {"helped": "yes"}, QUESTION_URL)
    # Taken back: the thread holds nothing of kestrel's again, and the message is about it.
    undone = post_form(kestrel, helped_url, {"helped": "no"}, QUESTION_URL)

    page = kestrel.get(undone.headers["Location"]).text

    article = page.split(f'id="post-{experiences[0]}"', 1)[1].split("</article>", 1)[0]
    assert 'id="message-post-' in article


def test_each_page_and_reading_of_the_experiences_is_kept_as_a_list_of_its_own(app, community):
    _threads(app, community)
    kestrel = client_as(app, "kestrel")
    oldest = kestrel.get(QUESTION_URL).text
    newest = kestrel.get(f"{QUESTION_URL}?order=newest").text
    second = kestrel.get(f"{QUESTION_URL}?page=2").text  # past the last: the last page

    assert _kept(app, LIST_KEY_PREFIX) == 3
    assert oldest.index("Experience 0.") < oldest.index("Experience 3.")
    assert newest.index("Experience 3.") < newest.index("Experience 0.")
    assert second.count("<article") == oldest.count("<article") == THREADS * 2


def test_a_list_that_turns_out_to_hold_the_readers_post_is_not_kept(app, community):
    """The reader may write between reading whether they are involved and the threads."""
    _threads(app, community)
    with app.test_request_context(QUESTION_URL), app.app_context():
        question = db.session.get(Question, community.question_id)

        def load():
            return load_experience_page(question, 1, 10, viewer_id=community.wren)

        keeping = ThreadKeeping((1, 1, 1), ("form", True, QUESTION_URL), (1,), _context())
        rendered = rendered_experiences(load, keeping, False, Markup("<i>token</i>"))

        assert rendered.html.count(b"<i>token</i>") >= THREADS
    assert _kept(app, LIST_KEY_PREFIX) == 0


def _context() -> dict:
    from community.conditions.question_page import PostLinks, Viewer

    viewer = Viewer(user_id=1, can_write=True)
    return {
        "viewer": viewer,
        "reply_control": "form",
        "links": PostLinks(),
        "report_reason": lambda post_id: "",
        "helped_next": QUESTION_URL,
    }


def test_members_who_may_not_write_read_each_page_and_reading_as_a_list_of_its_own(app, community):
    _threads(app, community)
    make_user(app, "unconfirmed", verified=False)
    reader = client_as(app, "unconfirmed")
    oldest = reader.get(QUESTION_URL).text
    newest = reader.get(f"{QUESTION_URL}?order=newest").text

    assert "This helped me" not in oldest  # no form: the same list for every such reader
    assert oldest.index("Experience 0.") < oldest.index("Experience 3.")
    assert newest.index("Experience 3.") < newest.index("Experience 0.")


@pytest.mark.parametrize("involvement", ["reported", "found helpful"])
def test_a_reader_involved_in_one_post_never_reads_the_list_kept_for_others(
    app, community, involvement
):
    experiences = _threads(app, community)
    make_member(app, community.condition_id, "linnet")
    with app.app_context():
        kestrel = db.session.get(User, community.kestrel)
        post = db.session.get(Post, experiences[2])
        if involvement == "reported":
            reports.file_report(kestrel, post, ReportReason.SPAM)
        else:
            helped.mark_helped(kestrel, post)
        db.session.commit()
    client_as(app, "linnet").get(QUESTION_URL)  # the list kept as any member reads it

    page = client_as(app, "kestrel").get(QUESTION_URL).text

    shown = {"reported": "You reported this post", "found helpful": "You found this helpful"}
    assert shown[involvement] in page

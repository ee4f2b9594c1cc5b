"""Members' pages reuse the threads every member like them reads alike, and only those."""

from community.extensions import cache, db
from community.models import Post, ReportReason, User
from community.posts import helped, reports
from community.posts.thread_fragments import CSRF_MARK, KEY_PREFIX
from tests.factories import make_member, make_post
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


def _kept_threads(app) -> int:
    with app.app_context():
        store = cache.cache  # SimpleCache in the tests
        return sum(1 for key in list(store._cache) if key.startswith(KEY_PREFIX))


def test_a_members_page_from_kept_threads_is_the_page_rendered_afresh(app, community):
    _threads(app, community)
    kestrel = client_as(app, "kestrel")
    first = kestrel.get(QUESTION_URL).text
    # wren replied in every thread: each is wren's own; kestrel's threads are kept.
    assert _kept_threads(app) == THREADS
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

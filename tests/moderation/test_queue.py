"""The queue: what waits, oldest first, with what a moderator needs to decide it."""

from datetime import UTC, datetime, timedelta

from community import memberships
from community.accounts import services as accounts
from community.extensions import db
from community.models import Condition, Post, Question, Relation, ReportReason
from community.moderation.queue import QUEUE_PER_PAGE
from community.posts import reports, services
from community.posts.states import PostAction
from tests.factories import (
    PASSWORD,
    make_condition,
    make_membership,
    make_post,
    make_question,
    make_user,
)
from tests.moderation.moderator import as_moderator, pending_experience, submit
from tests.querycount import page_statements

# The moderator and their roles; the page of posts and their number; the authors'
# approved posts, memberships and latest decisions; open reports; the views' counts; the
# conditions; the canned reasons offered beside the bulk decision's Reason; the header's
# count of unread notifications; the rejections of the posts rewritten since. The posts that
# replies answer come with the page of posts.
MAX_QUEUE_QUERIES = 13


def _written_at(app, post_id: int, when: datetime) -> None:
    with app.app_context():
        post = db.session.get(Post, post_id)
        post.created_at = post.updated_at = when
        db.session.commit()


def _order_in(page: str, *texts: str) -> list[int]:
    return [page.index(text) for text in texts]


def test_pending_posts_and_edits_wait_oldest_first(app, client, community):
    now = datetime.now(UTC)
    newer = make_user(app, "newer")
    make_membership(app, newer, community.condition_id)
    recent = make_post(
        app, newer, question_id=community.question_id, text="Recent draft.", actions=()
    )
    old = pending_experience(app, community, "Old draft.")
    published = make_post(
        app, community.author_id, parent_id=old, text="Published reply.", actions=()
    )
    _written_at(app, recent, now - timedelta(hours=1))
    _written_at(app, old, now - timedelta(days=2))
    _written_at(app, published, now - timedelta(days=3))
    with app.app_context():
        reply = db.session.get(Post, published)
        services.apply_action(reply, PostAction.APPROVE, actor=None)
        services.edit_post(reply, "Edited reply.")
        db.session.commit()
    with app.app_context():
        # The edit was made a day ago.
        db.session.get(Post, published).updated_at = now - timedelta(days=1)
        db.session.commit()
    make_post(app, newer, parent_id=old, text="Turned away.", actions=(PostAction.REJECT,))
    as_moderator(client)

    page = client.get("/moderation/").text

    assert "Pending (3)" in page
    # Waiting since: the old draft two days, the edit one day, the recent draft an hour.
    positions = _order_in(page, "Old draft.", "Edited reply.", "Recent draft.")
    assert positions == sorted(positions)
    assert "Edit of a published reply" in page
    assert "Published reply." not in page
    assert "Turned away." not in page
    assert "Turned away." in client.get("/moderation/?show=all").text


def test_each_item_says_who_wrote_it_and_what_personal_information_it_holds(app, client, community):
    make_post(app, community.author_id, question_id=community.question_id, text="Published.")
    second_question = make_question(app, community.condition_id, "second", "Second?")
    pending_experience(
        app,
        community,
        "Call +44 20 7946 0958 or mail wren@example.org <soon>.",
        question_id=second_question,
    )
    as_moderator(client)

    page = client.get("/moderation/").text

    assert 'href="/moderation/members/wren">wren</a>' in page
    assert Relation.PATIENT.badge in page
    assert "member for less than a day · 1 approved post so far" in page
    assert "Possible personal information: phone number, email address" in page
    assert (
        "Call <mark>+44 20 7946 0958</mark> or mail <mark>wren@example.org</mark> &lt;soon&gt;."
        in page
    )
    assert "Asthma" in page and "on “Second?”" in page


def test_identity_numbers_are_shown_by_their_own_kind_not_as_phone_numbers(app, client, community):
    post_id = pending_experience(
        app, community, "NHS number 943 476 5919, SSN 078-05-1120, IBAN DE89370400440532013000."
    )
    as_moderator(client)

    queue = client.get("/moderation/").text
    review = client.get(f"/moderation/posts/{post_id}").text

    described = "NHS number, social security number, bank account number (IBAN)"
    assert f"Possible personal information: {described}" in queue
    assert "phone number" not in queue
    assert "NHS number <mark>943 476 5919</mark>, SSN <mark>078-05-1120</mark>" in queue
    assert "Redact NHS number “943 476 5919”" in review
    assert "Redact social security number “078-05-1120”" in review


def test_the_queue_filters_by_condition(app, client, community):
    eczema = make_condition(app, "eczema", "Eczema")
    itch = make_question(app, eczema, "itch", "Why the itch?")
    make_membership(app, community.author_id, eczema)
    pending_experience(app, community, "Asthma draft.")
    pending_experience(app, community, "Eczema draft.", question_id=itch)
    as_moderator(client)

    page = client.get("/moderation/?condition=eczema").text

    assert "Eczema draft." in page and "Asthma draft." not in page
    assert "Pending (1)" in page
    assert '<option selected value="eczema">Eczema</option>' in page
    assert client.get("/moderation/?condition=nowhere").status_code == 400
    assert client.get("/moderation/?show=everything").status_code == 400


def test_approving_from_the_queue_returns_to_it(app, client, community):
    post_id = pending_experience(app, community)
    as_moderator(client)
    page = client.get("/moderation/?condition=asthma").text
    version = page.split('name="version" value="')[1].split('"')[0]

    response = submit(
        client,
        f"/moderation/posts/{post_id}/approve",
        version=version,
        next="/moderation/?condition=asthma",
    )

    assert response.headers["Location"] == "/moderation/?condition=asthma"
    assert "Nothing is waiting for approval." in client.get(response.headers["Location"]).text


def test_the_queue_is_paged_and_its_pages_keep_the_view_and_condition(app, client, community):
    experience = make_post(app, community.author_id, question_id=community.question_id)
    for index in range(QUEUE_PER_PAGE + 1):
        make_post(
            app, community.author_id, parent_id=experience, text=f"Reply {index:02d}.", actions=()
        )
    as_moderator(client)

    first = client.get("/moderation/?condition=asthma").text
    assert first.count('class="card queue-item"') == QUEUE_PER_PAGE
    assert "Reply 00." in first and f"Reply {QUEUE_PER_PAGE}." not in first
    assert "Page 1 of 2" in first
    assert 'href="/moderation/?page=2&amp;show=pending&amp;condition=asthma"' in first
    second = client.get("/moderation/?show=pending&condition=asthma&page=2").text
    assert second.count('class="card queue-item"') == 1
    assert f"Reply {QUEUE_PER_PAGE}." in second


def test_the_review_page_shows_the_question_and_the_thread_above_a_reply(app, client, community):
    experience = make_post(
        app, community.author_id, question_id=community.question_id, text="How it began."
    )
    answer = make_post(app, community.author_id, parent_id=experience, text="An answer.")
    reply = make_post(
        app, community.author_id, parent_id=answer, text="A pending reply.", actions=()
    )
    as_moderator(client)

    page = client.get(f"/moderation/posts/{reply}").text

    assert "<h1>Review the reply on “What causes it?”</h1>" in page
    assert 'href="/conditions/asthma/questions/what-causes-it">What causes it?</a>' in page
    thread = page[page.index("In reply to") : page.index("Decide")]
    assert thread.index("How it began.") < thread.index("An answer.")
    assert "A pending reply." not in thread
    assert f'href="/moderation/posts/{experience}">Review</a>' in thread
    assert f'href="/moderation/posts/{answer}">Review</a>' in thread


def _fill_queue(app, condition_id: int, first: int, count: int) -> None:
    """Add ``count`` authors, each with a reported experience and a pending reply."""
    with app.app_context():
        condition = db.session.get(Condition, condition_id)
        for index in range(first, first + count):
            author = accounts.create_user(
                f"writer{index:03d}", f"w{index}@example.org", PASSWORD, verified=True
            )
            reader = accounts.create_user(
                f"reader{index:03d}", f"r{index}@example.org", PASSWORD, verified=True
            )
            memberships.join(author, condition, Relation.CAREGIVER)
            question = Question(condition_id=condition_id, slug=f"q{index}", title=f"Q {index}?")
            db.session.add(question)
            db.session.flush()
            text = f"Draft {index}, call 020 7946 0{index:03d}."
            experience = services.create_experience(author, question, text)
            services.apply_action(experience, PostAction.APPROVE, actor=None)
            services.create_reply(author, experience, f"Reply {index}.")
            reports.file_report(reader, experience, ReportReason.SPAM)
        db.session.commit()


def test_the_queue_sends_the_same_statements_however_long_it_is(app, client, community):
    _fill_queue(app, community.condition_id, 0, 2)
    as_moderator(client)
    views = ("/moderation/", "/moderation/?show=reported", "/moderation/?show=all")
    short = [page_statements(app, client, url) for url in views]

    _fill_queue(app, community.condition_id, 2, 18)
    long = [page_statements(app, client, url) for url in views]

    print(f"queue statements: {short} (2 authors), {long} (20 authors)")
    assert short == long
    assert max(long) <= MAX_QUEUE_QUERIES
    assert client.get("/moderation/").text.count('class="card queue-item"') == 20


def test_the_queue_offers_approve_where_the_review_page_does(app, client, community):
    pending = pending_experience(app, community, "Waiting.")
    edited = make_post(app, community.author_id, parent_id=pending, text="Published.")
    plain = make_post(app, community.author_id, parent_id=pending, text="Left alone.")
    removed = make_post(app, community.author_id, parent_id=pending, text="Taken down.")
    with app.app_context():
        services.edit_post(db.session.get(Post, edited), "Published, edited.")
        services.apply_action(db.session.get(Post, removed), PostAction.REMOVE, actor=None)
        db.session.commit()
    as_moderator(client)

    page = client.get("/moderation/?show=all").text

    offered = {
        post_id
        for post_id in (pending, edited, plain, removed)
        if f'action="/moderation/posts/{post_id}/approve"' in page
    }
    assert offered == {pending, edited}
    for post_id in (pending, edited, plain, removed):
        review = client.get(f"/moderation/posts/{post_id}").text
        assert (f'action="/moderation/posts/{post_id}/approve"' in review) == (post_id in offered)

"""Deciding many posts at once from the queue: each decided on its own, stale ones skipped."""

import re
import threading

import pytest

from community.accounts.services import find_by_username
from community.counts import find_drift
from community.extensions import db
from community.models import Post, PostState, Role
from community.moderation import services as moderation
from community.moderation.bulk import Selected, decide_selected
from community.moderation.services import post_version
from community.posts import services
from tests.factories import make_condition, make_membership, make_post, make_question, make_user
from tests.interleaving import a_statement_waits_for_a_lock
from tests.moderation.moderator import as_moderator, counts, events, pending_experience, submit
from tests.posts.conftest import stored_post
from tests.web import log_in

CHECKBOX = re.compile(r'name="selected" id="select-(\d+)"[^>]*? value="([^"]+)"( checked)?')


def _pending_replies(app, community, number: int) -> tuple[int, list[int]]:
    """A published experience by wren and ``number`` of wren's replies to it, all pending."""
    experience = pending_experience(app, community, "Published experience.")
    with app.app_context():
        services.apply_action(
            db.session.get(Post, experience), services.PostAction.APPROVE, actor=None
        )
        db.session.commit()
    replies = [
        make_post(app, community.author_id, parent_id=experience, text=f"Reply {n}.", actions=())
        for n in range(number)
    ]
    return experience, replies


def _checkboxes(client, url: str = "/moderation/") -> dict[int, tuple[str, bool]]:
    """The queue's checkboxes: post id → (value sent, whether ticked)."""
    page = client.get(url)
    assert page.status_code == 200
    return {int(m.group(1)): (m.group(2), bool(m.group(3))) for m in CHECKBOX.finditer(page.text)}


def _states(app, post_ids: list[int]) -> list[PostState]:
    return [stored_post(app, post_id).state for post_id in post_ids]


def test_bulk_approve_decides_each_post_and_skips_the_one_changed_meanwhile(app, client, community):
    _, replies = _pending_replies(app, community, 20)
    as_moderator(client)
    boxes = _checkboxes(client)
    assert sorted(boxes) == replies
    changed = replies[7]
    with app.app_context():
        services.edit_post(db.session.get(Post, changed), "Changed after the page was loaded.")
        db.session.commit()
    before = counts(app, community)

    response = submit(
        client,
        "/moderation/bulk",
        selected=[value for value, _ in boxes.values()],
        approve="Approve selected",
    )

    assert response.status_code == 303
    assert response.headers["Location"] == "/moderation/"
    page = client.get("/moderation/").text
    assert (
        f"Approved 19 posts. 1 skipped: post #{changed} changed since you loaded the page." in page
    )
    states = _states(app, replies)
    assert states.count(PostState.APPROVED) == 19
    assert stored_post(app, changed).state is PostState.PENDING
    # Replies count as contributions; the question's sharers are not moved by replies.
    assert counts(app, community) == (before[0] + 19, before[1])
    approvals = [event for event in events(app) if event[1] == "approve"]
    assert len(approvals) == 1 + 19  # the experience's, then one per reply decided
    assert not events(app, changed)


def test_bulk_reject_needs_one_reason_and_every_author_reads_it(app, client, community):
    _, replies = _pending_replies(app, community, 3)
    as_moderator(client)
    values = [value for value, _ in _checkboxes(client).values()]

    refused = submit(client, "/moderation/bulk", selected=values, reject="Reject selected")
    assert refused.status_code == 400
    assert "Say why the post is not published" in refused.text
    assert _states(app, replies) == [PostState.PENDING] * 3

    response = submit(
        client,
        "/moderation/bulk",
        selected=values,
        reason="Off topic.",
        reject="Reject selected",
    )
    assert response.status_code == 303
    assert "Rejected 3 posts." in client.get("/moderation/?show=all").text
    assert _states(app, replies) == [PostState.REJECTED] * 3
    for reply in replies:
        assert events(app, reply) == [(community.moderator_id, "reject", "Off topic.", None, None)]


def test_bulk_decisions_skip_the_moderators_own_posts(app, client, community):
    make_membership(app, community.moderator_id, community.condition_id)
    own = make_post(
        app, community.moderator_id, question_id=community.question_id, text="Mine.", actions=()
    )
    other = pending_experience(app, community, "Someone else's.")
    as_moderator(client)
    boxes = _checkboxes(client)
    # The page offers no box for the moderator's own post; a forged one is skipped all the same.
    assert list(boxes) == [other]
    with app.app_context():
        from community.moderation.services import post_version

        own_version = post_version(db.session.get(Post, own))

    response = submit(
        client,
        "/moderation/bulk",
        selected=[f"{own}:{own_version}", boxes[other][0]],
        approve="Approve selected",
    )

    assert response.status_code == 303
    page = client.get("/moderation/").text
    assert f"Approved 1 post. 1 skipped: post #{own} is your own post" in page
    assert _states(app, [own, other]) == [PostState.PENDING, PostState.APPROVED]
    assert events(app, own) == []


def test_a_post_already_decided_is_skipped_not_decided_twice(app, client, community):
    _, replies = _pending_replies(app, community, 2)
    as_moderator(client)
    values = [value for value, _ in _checkboxes(client).values()]
    submit(client, "/moderation/bulk", selected=values[:1], approve="Approve selected")
    client.get("/moderation/")  # the first confirmation is read

    submit(client, "/moderation/bulk", selected=values, approve="Approve selected")

    page = client.get("/moderation/").text
    assert f"Approved 1 post. 1 skipped: post #{replies[0]} changed since" in page
    assert len(events(app, replies[0])) == 1


def test_select_all_on_this_page_ticks_every_box_without_script(app, client, community):
    _pending_replies(app, community, 3)
    as_moderator(client)
    assert not any(ticked for _, ticked in _checkboxes(client).values())
    page = client.get("/moderation/").text
    assert "Select all on this page" in page
    ticked = _checkboxes(client, "/moderation/?show=pending&select=all")
    assert len(ticked) == 3 and all(ticked for _, ticked in ticked.values())


def test_bulk_decisions_keep_the_queue_view_they_came_from(app, client, community):
    _, replies = _pending_replies(app, community, 1)
    as_moderator(client)
    [value] = [value for value, _ in _checkboxes(client, "/moderation/?show=all").values()]
    response = submit(
        client, "/moderation/bulk?show=all", selected=[value], approve="Approve selected"
    )
    assert response.headers["Location"] == "/moderation/?show=all"


def test_bulk_decisions_refuse_nothing_ticked_and_malformed_ticks(app, client, community):
    _, replies = _pending_replies(app, community, 1)
    as_moderator(client)
    nothing = submit(client, "/moderation/bulk", approve="Approve selected")
    assert nothing.status_code == 400
    assert "Tick the posts to decide first." in nothing.text
    for forged in ("abc", f"{replies[0]}", "99999999999:ab", f"{replies[0]}:XYZ"):
        response = submit(client, "/moderation/bulk", selected=[forged], approve="Approve selected")
        assert response.status_code == 400, forged
    assert _states(app, replies) == [PostState.PENDING]


def test_bulk_decisions_need_the_csrf_token(app, client, community):
    _, replies = _pending_replies(app, community, 1)
    as_moderator(client)
    [value] = [value for value, _ in _checkboxes(client).values()]
    response = client.post(
        "/moderation/bulk", data={"selected": [value], "approve": "Approve selected"}
    )
    assert response.status_code == 400
    assert _states(app, replies) == [PostState.PENDING]


def test_a_member_cannot_take_bulk_decisions(app, client, community):
    _, replies = _pending_replies(app, community, 1)
    with app.app_context():
        from community.moderation.services import post_version

        version = post_version(db.session.get(Post, replies[0]))
    log_in(client, "kestrel")
    response = submit(
        client, "/moderation/bulk", selected=[f"{replies[0]}:{version}"], approve="Approve selected"
    )
    assert response.status_code == 403
    assert _states(app, replies) == [PostState.PENDING]


# Two moderators' bulk decisions in threads, each on a connection of its own.
@pytest.mark.fresh_database
def test_two_bulk_decisions_on_the_same_posts_in_opposite_orders_never_deadlock(
    app, community, monkeypatch
):
    """Each pauses after its first post, holding that post's condition's counts.

    Unordered, each would then wait for the post the other holds: PostgreSQL would end one
    with a deadlock error. Both take every lock first, in one order: the second waits.
    """
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite lets one writer in at a time: no two writers hold locks")
    eczema = make_condition(app, "eczema", "Eczema")
    make_membership(app, community.author_id, eczema)
    posts = [
        pending_experience(app, community, "Asthma experience."),
        pending_experience(app, community, "Eczema experience.", make_question(app, eczema)),
    ]
    with app.app_context():
        versions = [post_version(db.session.get(Post, post_id)) for post_id in posts]
    make_user(app, "mod_ben", roles=(Role.MODERATOR,))
    approve = moderation.DECISIONS["approve"]
    paused = threading.Semaphore(0)
    go_on = threading.Event()
    first_of_thread = threading.local()

    def approve_then_pause(*args, **kwargs):
        decided = approve(*args, **kwargs)
        if not getattr(first_of_thread, "done", False):
            first_of_thread.done = True
            paused.release()
            go_on.wait(timeout=30)
        return decided

    monkeypatch.setitem(moderation.DECISIONS, "approve", approve_then_pause)
    errors: list[Exception] = []

    def decide_all(username: str, order: list[int]) -> None:
        with app.app_context():
            try:
                selected = [Selected(posts[index], versions[index]) for index in order]
                decide_selected(find_by_username(username), "approve", selected, None)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - the test reads it
                db.session.rollback()
                errors.append(error)
            finally:
                go_on.set()

    threads = [
        threading.Thread(target=decide_all, args=("mod_ada", [0, 1])),
        threading.Thread(target=decide_all, args=("mod_ben", [1, 0])),
    ]
    for thread in threads:
        thread.start()
    # Both paused after their first post, or one waits for the other's locks.
    both_paused = 0
    while both_paused < 2 and not a_statement_waits_for_a_lock(app):
        if paused.acquire(timeout=0.01):
            both_paused += 1
    go_on.set()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert _states(app, posts) == [PostState.APPROVED, PostState.APPROVED]
    with app.app_context():
        assert find_drift() == []

"""The audit log: every decision with who, what, when and why, paged and filtered."""

from community.extensions import db
from community.models import ModerationEvent, Role
from community.moderation.log import LOG_PER_PAGE
from tests.factories import make_condition, make_membership, make_question, make_user
from tests.moderation.moderator import (
    as_moderator,
    decide,
    pending_experience,
    submit,
    version_on_review_page,
)


def test_entries_show_moderator_action_post_reason_and_text(app, client, community):
    post_id = pending_experience(app, community, "Ring 020 7946 0958.")
    as_moderator(client)
    response = submit(
        client,
        f"/moderation/posts/{post_id}/edit",
        version=version_on_review_page(client, post_id),
        body="Ring me.",
        reason="Phone number removed.",
        submit="Save and approve",
    )
    assert response.status_code == 303

    log = client.get("/moderation/log").text
    assert "<h1>Audit log</h1>" in log
    row = log[log.index("<tbody>") :]
    assert "mod_ada" in row
    assert "Edited and approved" in row
    assert "Experience on “What causes it?”" in row
    assert "Phone number removed." in row
    assert "Ring 020 7946 0958." in row and "Ring me." in row
    assert "1 entry" in log


def test_filters_by_moderator_action_and_condition(app, client, community):
    make_user(app, "mod_bo", roles=(Role.MODERATOR,))
    other_condition = make_condition(app, "eczema", "Eczema")
    other_question = make_question(app, other_condition, "itch", "Why the itch?")
    make_membership(app, community.author_id, other_condition)
    asthma = pending_experience(app, community)
    eczema = pending_experience(app, community, question_id=other_question)
    first = as_moderator(app.test_client(), "mod_ada")
    second = as_moderator(client, "mod_bo")
    decide(first, asthma, "approve")
    decide(second, eczema, "reject", reason="Advertising.")

    def listed(query: str) -> tuple[bool, bool]:
        text = client.get(f"/moderation/log?{query}").text
        return "What causes it?" in text, "Why the itch?" in text

    assert listed("") == (True, True)
    assert listed("moderator=mod_ada") == (True, False)
    assert listed("moderator=mod_bo") == (False, True)
    assert listed("action=reject") == (False, True)
    assert listed("condition=asthma") == (True, False)
    assert listed("condition=eczema&action=approve") == (False, False)
    assert "No entries match these filters." in client.get("/moderation/log?action=remove").text
    for bad in ("moderator=nobody", "action=explode", "condition=nowhere"):
        assert client.get(f"/moderation/log?{bad}").status_code == 400


def test_the_log_is_paged_newest_first(app, client, community):
    with app.app_context():
        for index in range(LOG_PER_PAGE + 5):
            db.session.add(
                ModerationEvent(
                    actor_id=community.moderator_id, action="approve", reason=f"entry {index:03d}"
                )
            )
        db.session.commit()
    as_moderator(client)

    first = client.get("/moderation/log?action=approve").text
    assert "entry 054" in first and "entry 005" in first and "entry 004" not in first
    assert "Page 1 of 2" in first
    assert 'href="/moderation/log?page=2&amp;action=approve"' in first
    second = client.get("/moderation/log?action=approve&page=2").text
    assert "entry 004" in second and "entry 000" in second and "entry 005" not in second

"""Before storing a post with personal information, its author is warned and may send it anyway."""

import re

import pytest

from community import text
from community.text import EMAIL, PHONE
from tests.factories import make_post
from tests.posts.conftest import QUESTION_URL, SHARE_URL, post_ids, stored_post
from tests.state import assert_changes_nothing
from tests.web import csrf_token, log_in

PRIVATE = "Email me at jane@example.org or call +44 20 7946 0958."
WARNING = (
    "Your post may contain personal information: email address “jane@example.org”, "
    "phone number “+44 20 7946 0958”. Edit it, or send it again as it is."
)


def submit(client, url: str, body: str, warned_for: str = ""):
    token = csrf_token(client, QUESTION_URL)
    return client.post(url, data={"body": body, "warned_for": warned_for, "csrf_token": token})


def warned_for(html: str) -> str:
    return re.search(r'name="warned_for" type="hidden" value="([0-9a-f]*)"', html).group(1)


def test_sharing_personal_information_warns_first_and_stores_nothing(app, client, community):
    log_in(client, "wren")

    response = assert_changes_nothing(app, lambda: submit(client, SHARE_URL, PRIVATE), 200, WARNING)

    assert f"{PRIVATE}</textarea>" in response.text  # kept for editing
    assert 'value="Share experience"' in response.text


def test_sending_the_same_text_again_stores_it_with_the_findings(app, client, community):
    log_in(client, "wren")
    first = submit(client, SHARE_URL, PRIVATE)

    response = submit(client, SHARE_URL, PRIVATE, warned_for(first.text))

    assert response.status_code == 303
    [post_id] = post_ids(app)
    assert stored_post(app, post_id).personal_information == [
        {"kind": EMAIL, "text": "jane@example.org", "start": 12, "end": 28},
        {"kind": PHONE, "text": "+44 20 7946 0958", "start": 37, "end": 53},
    ]


def test_a_changed_text_that_still_holds_personal_information_is_warned_about_again(
    app, client, community
):
    log_in(client, "wren")
    first = submit(client, SHARE_URL, PRIVATE)

    response = submit(client, SHARE_URL, "Now only jane@example.org.", warned_for(first.text))

    assert response.status_code == 200
    assert "Your post may contain personal information: email address" in response.text
    assert post_ids(app) == []


def test_a_text_without_personal_information_is_stored_at_once_with_no_findings(
    app, client, community
):
    log_in(client, "wren")
    assert submit(client, SHARE_URL, "Winter is hard; I was diagnosed in 2019.").status_code == 303
    assert stored_post(app, post_ids(app)[0]).personal_information == []


def test_the_warning_names_each_identity_number_by_its_kind(app, client, community):
    log_in(client, "wren")
    body = "My NHS number is 943 476 5919; post to SW1A 1AA or jo.smith at gmail dot com."

    response = assert_changes_nothing(app, lambda: submit(client, SHARE_URL, body), 200)

    assert (
        "Your post may contain personal information: NHS number “943 476 5919”, "
        "postcode “SW1A 1AA”, email address “jo.smith at gmail dot com”."
    ) in response.text


@pytest.mark.parametrize("kind", ["reply", "edit"])
def test_replies_and_edits_are_warned_about_personal_information_too(app, client, community, kind):
    experience = make_post(app, community.wren, question_id=community.question_id)
    log_in(client, "wren")
    url = f"/posts/{experience}/replies" if kind == "reply" else f"/posts/{experience}/edit"

    first = assert_changes_nothing(app, lambda: submit(client, url, PRIVATE), 200, WARNING)
    assert submit(client, url, PRIVATE, warned_for(first.text)).status_code == 303

    post = stored_post(app, post_ids(app)[-1])
    assert len(post.personal_information) == 2
    assert PRIVATE in (post.body_markdown, post.pending_markdown)


def test_a_submission_is_searched_for_personal_information_once(
    app, client, community, monkeypatch
):
    searched = []
    search_for_phones = text._phone_findings
    monkeypatch.setattr(text, "_phone_findings", lambda body: searched.append(body) or [])
    text._findings.cache_clear()
    log_in(client, "wren")
    body = "Winter is hard; my peak flow was 310 on 4 January."

    assert submit(client, SHARE_URL, body).status_code == 303

    # Once to warn the author (there is nothing to warn about), not again to store it.
    assert searched == [body]
    assert search_for_phones(body) == []

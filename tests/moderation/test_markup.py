"""The moderation and account pages: one heading each, labelled fields, no inline script
or style (a strict Content-Security-Policy must not break them)."""

import re

from community.posts.states import PostAction
from tests.factories import make_post, make_user
from tests.moderation.moderator import as_moderator, make_moderated_community, submit
from tests.web import log_in


def _check(html: str, url: str) -> None:
    assert html.count("<h1") == 1, url
    # Scripts only as files of the site's own (community/static), never inline.
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert html.count("<script") == len(scripts), url
    assert all(body == "" for body in scripts), url
    for tag in re.findall(r"<script[^>]*>", html):
        assert re.fullmatch(r'<script src="/static/[a-z_]+\.js" defer>', tag), (url, tag)
    assert not re.search(r"\sstyle=", html), url
    assert not re.search(r'="None"', html), url
    for element in re.findall(r"<(?:textarea|select|input)[^>]*>", html):
        if re.search(r'type="(?:hidden|submit)"', element):
            continue
        field_id = re.search(r'\sid="([^"]+)"', element)
        assert field_id and f'for="{field_id.group(1)}"' in html, (url, element)


def test_pages_have_one_heading_labelled_fields_and_no_inline_script_or_style(app, client):
    community = make_moderated_community(app)
    published = make_post(app, community.author_id, question_id=community.question_id)
    pending = make_post(
        app, community.author_id, parent_id=published, text="Mail me at a@b.org", actions=()
    )
    make_post(
        app,
        community.author_id,
        parent_id=published,
        text="Gone.",
        actions=(PostAction.APPROVE, PostAction.REMOVE),
    )
    make_user(app, "reader")
    reader = app.test_client()
    log_in(reader, "reader")
    submit(reader, f"/posts/{published}/report", reason="spam")
    _check(reader.get("/conditions/asthma/questions/what-causes-it").text, "question")
    _check(reader.get("/account").text, "account")

    as_moderator(client)
    for url in (
        "/moderation/",
        "/moderation/?show=reported",
        "/moderation/?show=all",
        f"/moderation/posts/{published}",
        f"/moderation/posts/{pending}",
        "/moderation/log",
        "/moderation/members/wren",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        _check(response.text, url)

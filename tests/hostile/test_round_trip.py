"""What a member wrote comes back exactly as written in the edit form.

Line breaks are the one thing normalised: browsers send every line break of a textarea
as CRLF, so CRLF and a lone CR are stored as LF (see ``community.text.normalize_newlines``).
"""

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community.text import normalize_newlines
from tests.factories import make_small_community
from tests.web import client_as, csrf_token

TEXTAREA = re.compile(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', re.DOTALL)
WARNED_FOR = re.compile(r'name="warned_for" type="hidden" value="([0-9a-f]*)"')

WRITTEN = {
    "emoji": "Inhaler twice a day 💙🫁, and 👨‍👩‍👧 family ZWJ sequences, 🏳️‍🌈 and 🇩🇪.",
    "right to left": "אני חי עם אסטמה. أنا أعيش مع الربو. Mixed עברית and English.",
    "combining marks": "e\u0301 is not é; Z\u0351\u036b\u0343a\u0310l\u0352g\u0350o; ก้้้้้",
    "crlf": "First line\r\nsecond line\r\n\r\nNew paragraph\r\n",
    "lone cr": "Old Mac\rline breaks",
    "leading newline": "\n\nStarts after two blank lines",
    "spaces and tabs": "    indented code\n\ttabbed\ntrailing spaces  \n  ",
    "markup": "<b>not bold</b> &amp; &lt; <script>alert(1)</script> [link](javascript:x)",
    "invisible": "zero\u200bwidth\u200d joiner \ufeff BOM \u00a0 nbsp \u2028 line separator",
    "astral": "𝕳𝖊𝖑𝖑𝖔 𠜎𠜱 𝄞",
}


def read_back(client, post_id: int) -> str:
    """The text in the edit form, as a browser's HTML parser reads it."""
    page = client.get(f"/posts/{post_id}/edit").text
    raw = TEXTAREA.search(page).group(1)
    # An HTML parser reads CR and CRLF as LF, then drops one newline opening a textarea.
    text = html.unescape(raw.replace("\r\n", "\n").replace("\r", "\n"))
    return text[1:] if text.startswith("\n") else text


def save_edit(client, post_id: int, text: str) -> None:
    """Submit the edit form; send it again if the author is warned about personal information."""
    url = f"/posts/{post_id}/edit"
    data = {"body": text, "csrf_token": csrf_token(client, url)}
    response = client.post(url, data=data)
    if response.status_code == 200:
        data["warned_for"] = WARNED_FOR.search(response.text).group(1)
        response = client.post(url, data=data)
    assert response.status_code == 303, response.text


@pytest.fixture
def author(app):
    post_id = make_small_community(app)
    return client_as(app, "member"), post_id


@pytest.mark.parametrize("text", WRITTEN.values(), ids=WRITTEN.keys())
def test_text_comes_back_exactly_as_written(author, text):
    client, post_id = author
    save_edit(client, post_id, text)
    assert read_back(client, post_id) == normalize_newlines(text)
    exported = client.get("/account/export").json["posts"][0]
    assert exported["edit_awaiting_moderation"] == normalize_newlines(text)


def test_line_breaks_are_stored_as_lf():
    assert normalize_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd"


WRITABLE = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=WRITABLE.filter(lambda text: text.strip()).map(lambda text: text[:2000]))
def test_generated_text_comes_back_exactly_as_written(author, text):
    client, post_id = author
    save_edit(client, post_id, text)
    assert read_back(client, post_id) == normalize_newlines(text)

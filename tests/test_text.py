"""The one sanitizer: Markdown in, allowlisted HTML out."""

from concurrent.futures import ThreadPoolExecutor

from community.text import only_redacted, redact, render_markdown


def test_markdown_becomes_paragraphs_emphasis_lists_and_quotes():
    html = render_markdown("Hello *there* and **you**\n\n- one\n- two\n\n> quoted")
    assert "<p>Hello <em>there</em> and <strong>you</strong></p>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<blockquote>" in html


def test_raw_html_is_shown_as_text_never_run():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_links_get_rel_nofollow_ugc_noopener_and_unsafe_schemes_are_dropped():
    html = render_markdown("[safe](https://example.org) and [bad](javascript:alert(1))")
    assert '<a href="https://example.org" rel="nofollow ugc noopener">safe</a>' in html
    assert "javascript:" not in html.replace("[bad](javascript:alert(1))", "")
    assert 'href="javascript' not in html


def test_bare_addresses_become_marked_links():
    html = render_markdown("see https://example.org/page")
    assert 'href="https://example.org/page" rel="nofollow ugc noopener"' in html


def test_headings_and_images_are_not_member_markup():
    html = render_markdown("## Big\n\n![pic](https://example.org/x.png)")
    assert "<h2>" not in html and "<img" not in html
    assert "Big" in html


def test_editorial_text_may_use_headings_and_wraps_lines_freely():
    html = render_markdown("### Causes\n\nOne line\nwrapped", editorial=True)
    assert "<h3>Causes</h3>" in html
    assert "<p>One line\nwrapped</p>" in html


def test_member_line_breaks_are_kept():
    assert "<br>" in render_markdown("first line\nsecond line")


def test_threads_rendering_at_once_get_the_same_html_as_one_alone():
    texts = [
        f"Para {n} *em* **strong**\n\n> quote {n}\n\n- a\n- [link](https://x.org/{n})"
        for n in range(400)
    ]
    expected = [render_markdown(text) for text in texts]
    with ThreadPoolExecutor(8) as pool:
        rendered = list(pool.map(render_markdown, texts))
    assert rendered == expected


def test_plain_text_keeps_the_words_of_stored_html_and_nothing_of_its_tags():
    from community.text import plain_text

    stored = render_markdown(
        'Un*believ*able & </script> [a "link"](http://x.org/?q=">") <b>\n\nNext line'
    )
    assert plain_text(stored) == 'Unbelievable & </script> a "link" <b> Next line'


def test_only_redacted_accepts_spans_replaced_and_nothing_else():
    text = "Call 020 7946 0958 or mail wren@example.org today"
    assert only_redacted(text, redact(text, [(5, 18)]))
    assert only_redacted(text, redact(text, [(5, 18), (27, 44)]))
    assert only_redacted(text, redact(text, [(0, 4)]))
    typed = redact(text, [(5, 18)]).replace(" or", "\r\n or")  # as a browser sends it
    assert only_redacted(text.replace(" or", "\n or"), typed)
    assert not only_redacted(text, text)
    assert not only_redacted(text, redact(text, [(5, 18)]) + "!")
    assert not only_redacted(text, redact(text, [(5, 18)]).replace("today", "tomorrow"))
    # Each "[removed]" stands for at least one character.
    assert not only_redacted("ab", "ab[removed]")
    assert not only_redacted("abc", "a[removed][removed]c")

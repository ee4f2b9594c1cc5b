"""The word diff reviewers read: insertions and deletions marked, everything else escaped."""

from community.editorial.diff import word_diff


def test_changed_words_are_marked_as_deleted_and_inserted():
    marked = word_diff("Cold air tightens airways.", "Cold air and dust tighten airways.")
    assert str(marked) == ("Cold air <del>tightens</del><ins>and dust tighten</ins> airways.")


def test_text_in_the_diff_is_escaped_not_rendered():
    marked = word_diff("Safe.", 'Safe. <script>alert("x")</script>')
    assert "<script>" not in str(marked)
    assert "&lt;script&gt;" in str(marked)
    assert str(marked).startswith("Safe.<ins>")


def test_unchanged_text_has_no_marks():
    assert str(word_diff("Same words.", "Same words.")) == "Same words."

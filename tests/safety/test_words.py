"""Watched words and crisis phrases are found as whole words, whatever the case or script."""

import pytest

from community.models import WordAction
from community.safety.words import DEFAULT_CRISIS_PHRASES, build_watch_list, word_key


def found(words: dict[str, WordAction], text: str) -> list[str]:
    watch_list = build_watch_list([(word_key(w), w, action) for w, action in words.items()])
    return [each.word for each in watch_list.find(text)]


FLAG = WordAction.FLAG


def test_a_word_is_not_found_inside_a_longer_word():
    assert found({"ass": FLAG}, "The assassin passed by.") == []
    assert found({"ass": FLAG}, "What an ass.") == ["ass"]


def test_case_is_ignored_and_sharp_s_folds_to_ss():
    # Case folding: "Straße", "STRASSE" and "strasse" are one word, whichever is listed.
    assert found({"strasse": FLAG}, "Ich wohne in der Straße.") == ["strasse"]
    assert found({"Straße": FLAG}, "STRASSE 5") == ["Straße"]
    assert found({"CAPS": FLAG}, "all caps here") == ["CAPS"]


def test_word_boundaries_hold_for_letters_outside_ascii():
    assert found({"ärger": FLAG}, "So ein Ärger!") == ["ärger"]
    assert found({"ärger": FLAG}, "Das ist ärgerlich.") == []
    assert found({"жаба": FLAG}, "Это жаба.") == ["жаба"]
    assert found({"жаба": FLAG}, "жабами") == []
    # A letter just before the word joins it, even an accented one.
    assert found({"mal": FLAG}, "émal") == []


def test_composed_and_decomposed_accents_are_one_letter():
    assert found({"café": FLAG}, "the cafe\u0301 downstairs") == ["café"]


def test_the_words_of_a_phrase_may_be_split_by_spaces_or_punctuation():
    crisis = {"self harm": WordAction.CRISIS}
    assert found(crisis, "thoughts of self-harm again") == ["self harm"]
    assert found(crisis, "thoughts of self\n *harm*") == ["self harm"]
    assert found(crisis, "my selfharm") == []


def test_words_are_matched_literally():
    # Characters that mean something in a regular expression are escaped.
    assert found({"a.b": FLAG}, "axb") == []
    assert found({"(a+)+$": FLAG}, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!") == []
    assert found({"a.b": FLAG}, "see a.b") == ["a.b"]


def test_each_word_is_reported_once_per_list():
    words = {"suicide": WordAction.CRISIS, "pills": FLAG}
    assert sorted(found(words, "Suicide, suicide. Pills.")) == ["pills", "suicide"]


@pytest.mark.parametrize(
    "text",
    [
        "Some days I want to die.",
        "I have been thinking about suicide.",
        "I feel suicidal tonight.",
        "Everyone would be better off dead without me, I think",
        "I have started to hurt myself again",
        "There is no reason to live any more.",
        "I think I will kill myself",
        "I want to end my life.",
    ],
)
def test_the_default_crisis_phrases_find_plain_statements_of_intent(text):
    crisis = dict.fromkeys(DEFAULT_CRISIS_PHRASES, WordAction.CRISIS)
    assert found(crisis, text) != []


@pytest.mark.parametrize(
    "text",
    [
        "My inhaler helps when I die down after a run.",
        "The diet was a killer.",
        "My self-esteem is fine, I harm no one.",
    ],
)
def test_the_default_crisis_phrases_leave_everyday_words_alone(text):
    crisis = dict.fromkeys(DEFAULT_CRISIS_PHRASES, WordAction.CRISIS)
    assert found(crisis, text) == []

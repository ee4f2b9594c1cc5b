"""``find_personal_information``: what it flags in member text, and what it must leave alone."""

import pytest

from community.text import (
    ADDRESS,
    EMAIL,
    LINK,
    PHONE,
    describe_personal_information,
    find_personal_information,
    redact,
)


def found(text: str) -> list[tuple[str, str]]:
    return [(item.kind, item.text) for item in find_personal_information(text)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call me on +44 20 7946 0958 any time.", "+44 20 7946 0958"),  # United Kingdom
        ("Ring 020 7946 0958 after six.", "020 7946 0958"),
        ("My cell is (415) 555-2671.", "(415) 555-2671"),  # United States
        ("Text 415-555-2671 please", "415-555-2671"),
        ("Praxis: 030 123456789", "030 123456789"),  # Germany
        ("Anrufen unter +49 30 901820", "+49 30 901820"),
        ("or 0049 30 901820 from abroad", "0049 30 901820"),
        ("Appelez le 01 42 68 53 00.", "01 42 68 53 00"),  # France
        ("Mobile +91 98765 43210 in Pune", "+91 98765 43210"),  # India
        ("Sydney office 02 9374 4000", "02 9374 4000"),  # Australia
        ("Tokyo: +81 3-1234-5678", "+81 3-1234-5678"),  # any country, with its code
        ("São Paulo +55 11 2345-6789", "+55 11 2345-6789"),
    ],
)
def test_phone_numbers_of_many_countries_are_found(text, number):
    assert found(text) == [(PHONE, number)]


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("write to jane.doe@example.org today", "jane.doe@example.org"),
        ("jane+ivig@mail.example.co.uk", "jane+ivig@mail.example.co.uk"),
        ("reach me at jane (at) example.org", "jane (at) example.org"),
        ("jane[at]example.org", "jane[at]example.org"),
        ("JANE (AT) Example.ORG", "JANE (AT) Example.ORG"),
    ],
)
def test_email_addresses_are_found_also_with_at_spelled_out(text, email):
    assert found(text) == [(EMAIL, email)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("I live at 221B Baker Street, London NW1 6XE.", "221B Baker Street, London NW1 6XE"),
        (
            "1600 Pennsylvania Ave NW, Washington, DC 20500",
            "1600 Pennsylvania Ave NW, Washington, DC 20500",
        ),
        ("Come to 42 Elm Road for the meeting", "42 Elm Road"),
        ("le cabinet, 12 rue de la Paix, 75002 Paris", "12 rue de la Paix, 75002 Paris"),
        ("Hauptstraße 12, 10115 Berlin", "Hauptstraße 12, 10115 Berlin"),
        ("the clinic on Via Roma 10", "Via Roma 10"),
    ],
)
def test_street_addresses_are_found(text, address):
    assert found(text) == [(ADDRESS, address)]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("see https://example.org/page.", ["https://example.org/page"]),
        ("(see www.example.com/faq)", ["www.example.com/faq"]),
        ("the forum at patients.org helped", ["patients.org"]),
        ("http://a.example and ftp://b.example/x", ["http://a.example", "ftp://b.example/x"]),
    ],
)
def test_links_are_found_without_their_sentence_punctuation(text, links):
    assert found(text) == [(LINK, link) for link in links]


@pytest.mark.parametrize(
    "text",
    [
        "Diagnosed on 12/03/2019, better since 2021-04-05.",
        "From 12.03.2019 to 15.04.2020, then on 2 March 2020 at 10:30.",
        "In 1998, 2019 and 2021 I was in hospital; from 2015 to 2020 I had 12 infections.",
        "My IgG was 7.5 g/L, now 9.2 g/L; IgA 0.07 and IgM 0.25.",
        "IVIG 0.4-0.6 g/kg every 3-4 weeks, 400 mg twice a day, 10 000 units.",
        "IgG 700-1600 mg/dL, blood pressure 120/80, pain 8/10, 1,000,000 copies.",
        "Treatments, e.g. immunoglobulin, i.e. IVIG, etc.",
        "It took 3 weeks. Then it got better.Then worse.",
        "PMID 12345678, trial NCT01234567, doi 10.1000/182, ICD-10 D80.1.",
        "After 2 Weeks Dr Smith called; 3 St John's patients agreed.",
        "Version 1.2.3 of the app, section 4.2.",
    ],
)
def test_dates_years_doses_and_abbreviations_are_not_flagged(text):
    assert found(text) == []


def test_findings_come_in_order_with_offsets_into_the_text():
    text = "Mail jane@example.org or call +44 20 7946 0958."
    findings = find_personal_information(text)
    assert [(item.kind, text[item.start : item.end]) for item in findings] == [
        (EMAIL, "jane@example.org"),
        (PHONE, "+44 20 7946 0958"),
    ]


def test_an_email_is_not_also_reported_as_a_link():
    assert found("jane@example.org") == [(EMAIL, "jane@example.org")]


def test_kinds_are_described_once_each_in_order_of_appearance():
    findings = find_personal_information("a@example.org, b@example.org, https://example.org")
    assert describe_personal_information(findings) == "email address, link"


def test_redact_replaces_spans_and_merges_overlapping_ones():
    text = "call 555 now or 666"
    assert redact(text, [(5, 8), (6, 8), (16, 19)]) == "call [removed] now or [removed]"
    assert redact(text, [(5, 8), (8, 12)]) == "call [removed] or 666"
    assert redact(text, [(-3, 4), (30, 40)]) == "[removed] 555 now or 666"

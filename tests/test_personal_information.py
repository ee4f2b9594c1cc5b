"""``find_personal_information``: what it flags in member text, and what it must leave alone."""

import pytest

from community.text import (
    ADDRESS,
    BANK_ACCOUNT,
    EMAIL,
    LINK,
    NATIONAL_INSURANCE,
    NHS_NUMBER,
    PAYMENT_CARD,
    PHONE,
    POSTCODE,
    SOCIAL_SECURITY,
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
        # A UK mobile in the range kept for fiction: valid nowhere, but meant as a number.
        ("my mobile is +44 7700 900123.", "+44 7700 900123"),
        ("my mobile is 07700 900123.", "07700 900123"),
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
        ("mail jo.smith at gmail dot com soon", "jo.smith at gmail dot com"),
        ("jo.smith [at] gmail [dot] com", "jo.smith [at] gmail [dot] com"),
        ("jo.smith (at) gmail (dot) com", "jo.smith (at) gmail (dot) com"),
        ("jo.smith(at)nhs(dot)net", "jo.smith(at)nhs(dot)net"),
        ("JO AT NHS DOT NET", "JO AT NHS DOT NET"),
        ("jo at mail dot example dot co dot uk", "jo at mail dot example dot co dot uk"),
        ("fullwidth: jo＠example.com.", "jo＠example.com"),
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
        ("12 Main Street, Springfield, IL 62704", "12 Main Street, Springfield, IL 62704"),
        ("at 12 Main Street Springfield IL 62704 now", "12 Main Street Springfield IL 62704"),
        ("221B Baker Street London NW1 6XE", "221B Baker Street London NW1 6XE"),
    ],
)
def test_street_addresses_are_found(text, address):
    assert found(text) == [(ADDRESS, address)]


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("SW1A 1AA", "SW1A 1AA"),
        ("We moved to London SW1A 1AA last year.", "SW1A 1AA"),
        ("M1 1AE or B33 8TH", "M1 1AE"),
        ("Springfield, IL 62704", "IL 62704"),
        ("12 main street, Springfield, IL 62704", "IL 62704"),  # the street is lower case
        ("San Francisco CA 94103-1234.", "CA 94103-1234"),
    ],
)
def test_postcodes_are_found_without_a_street(text, postcode):
    assert found(text)[0] == (POSTCODE, postcode)


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("Card 4111 1111 1111 1111, exp 12/27.", PAYMENT_CARD, "4111 1111 1111 1111"),
        ("card 4111-1111-1111-1111", PAYMENT_CARD, "4111-1111-1111-1111"),
        ("card 5555555555554444 please", PAYMENT_CARD, "5555555555554444"),
        ("Amex 3782 822463 10005", PAYMENT_CARD, "3782 822463 10005"),
        # The run "2024 4111 1111 1111" fails the check; the card after "2024" passes it.
        ("ref 2024 4111 1111 1111 1111", PAYMENT_CARD, "4111 1111 1111 1111"),
        ("IBAN GB82 WEST 1234 5698 7654 32.", BANK_ACCOUNT, "GB82 WEST 1234 5698 7654 32"),
        ("pay DE89370400440532013000 now", BANK_ACCOUNT, "DE89370400440532013000"),
        ("my NI number is QQ 12 34 56 C", NATIONAL_INSURANCE, "QQ 12 34 56 C"),
        ("NI: AB123456D.", NATIONAL_INSURANCE, "AB123456D"),
        ("NHS number 943 476 5919.", NHS_NUMBER, "943 476 5919"),
        ("NHS no. 9434765919", NHS_NUMBER, "9434765919"),
        ("SSN 078-05-1120", SOCIAL_SECURITY, "078-05-1120"),
        ("SSN 536-22-1234, thanks", SOCIAL_SECURITY, "536-22-1234"),
    ],
)
def test_identity_and_account_numbers_are_found_as_their_own_kind(text, kind, number):
    assert found(text) == [(kind, number)]


@pytest.mark.parametrize(
    ("text", "not_kind"),
    [
        ("4111 1111 1111 1112", PAYMENT_CARD),  # Luhn check digit wrong
        ("1234 5678 9012 3452", PAYMENT_CARD),  # passes Luhn, but no issuer starts with 1
        ("GB82 WEST 1234 5698 7654 33", BANK_ACCOUNT),  # mod 97 wrong
        ("943 476 5918", NHS_NUMBER),  # mod 11 wrong; it may still be a phone number
        ("000-12-3456", SOCIAL_SECURITY),  # area 000 is never issued
        ("DQ 12 34 56 C", NATIONAL_INSURANCE),  # D is never a first letter
        ("GB 12 34 56 C", NATIONAL_INSURANCE),  # GB is never issued
        ("AB 12 34 56 E", NATIONAL_INSURANCE),  # suffixes run from A to D
    ],
)
def test_numbers_that_fail_their_check_are_not_that_kind(text, not_kind):
    assert not_kind not in [kind for kind, _ in found(text)]


def test_a_number_with_a_country_code_around_it_stays_a_phone_number():
    # "943 476 5919" alone is an NHS number; with "+1" before it, it is a US phone number.
    assert found("Call +1 943 476 5919.") == [(PHONE, "+1 943 476 5919")]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("see https://example.org/page.", ["https://example.org/page"]),
        ("(see www.example.com/faq)", ["www.example.com/faq"]),
        ("the forum at patients.org helped", ["patients.org"]),
        ("I looked at patients.org", ["patients.org"]),  # " at " is "@" only with " dot "
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
        "20 mg twice a day, 500mg at night, 2.5 ml of syrup, 0.5-1.0 mg/kg.",
        "12/03/2021, 2021-03-12, 3 March 2021, on 12.03.2021 at 10:30.",
        "Ill since 2019; in and out of hospital 1998-2004 and 2019-2021.",
        "IgG 4.5 g/L, HbA1c 48 mmol/mol, CD4 count 350 cells/mm3, T4 12.5 pmol/L.",
        "10,000 steps a day, 1 in 10,000 people, £1,250 a month, 12,345,678 prescriptions.",
        "3 times a week, page 42, about 1500 people, 400 000 units, ward 12 bed 3.",
        "Vitamin B12 5MG and D3; run 1234567890123; at 100000 a year.",
        "I was at home dot then. We met at the clinic at 10.",
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


def test_each_kind_has_a_label_that_says_what_it_is():
    text = (
        "NHS 943 476 5919, SSN 078-05-1120, NI QQ 12 34 56 C, card 4111 1111 1111 1111, "
        "IBAN DE89370400440532013000, at SW1A 1AA"
    )
    assert describe_personal_information(find_personal_information(text)) == (
        "NHS number, social security number, National Insurance number, payment card number, "
        "bank account number (IBAN), postcode"
    )


def test_redact_replaces_spans_and_merges_overlapping_ones():
    text = "call 555 now or 666"
    assert redact(text, [(5, 8), (6, 8), (16, 19)]) == "call [removed] now or [removed]"
    assert redact(text, [(5, 8), (8, 12)]) == "call [removed] or 666"
    assert redact(text, [(-3, 4), (30, 40)]) == "[removed] 555 now or 666"


def test_a_text_of_many_numbers_is_flagged_with_a_bounded_number_of_marks():
    findings = find_personal_information("Call 020 7946 0958 now. " * 1000)
    assert findings and {found.kind for found in findings} == {"phone number"}
    assert len(findings) <= 50

"""The one place where member text becomes HTML, and where personal information is found.

Markdown is rendered with raw HTML disabled, bare web addresses becoming links as it
goes, then cleaned by bleach with a small allowlist; links get
``rel="nofollow ugc noopener"``. The result is stored when text is written, never
computed per page view. Nothing else imports bleach or markdown-it, so a swap of either
library touches this file only; ``tests/test_xss_corpus.py`` is the test such a swap must
pass. Rendering and finding take time in proportion to the text's length whatever its
shape (``tests/test_rendering_cost.py``): a member's post must not hold a worker.

Emails, phone numbers, street addresses, postcodes, links, and card, bank account, NHS,
National Insurance and social security numbers are found here too, so that authors are
warned and moderators can redact a span to "[removed]".
"""

import hashlib
import html
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, islice

import bleach
import phonenumbers
from bleach.html5lib_shim import Filter
from bleach.linkifier import TLDS
from linkify_it import LinkifyIt
from markdown_it import MarkdownIt
from markupsafe import Markup
from phonenumbers import Leniency, ValidationResult
from stdnum import iban, luhn
from stdnum.gb import nhs
from stdnum.us import ssn

MEMBER_TAGS = frozenset(
    {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre", "a"}
)
EDITORIAL_TAGS = MEMBER_TAGS | {"h2", "h3", "h4"}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# What browsers ignore when they read a URL's scheme: whitespace and control characters.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]")
_URL_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


def _allowed_link_attribute(tag: str, name: str, value: str) -> bool:
    return name in ("title", "rel") or (name == "href" and _is_safe_href(value))


def _is_safe_href(href: str) -> bool:
    # bleach checks the scheme once decoded; this also refuses a scheme hidden under a
    # second layer of entities ("&#106avascript:"), which a browser would not decode but
    # another consumer of the stored HTML might. Relative links have no scheme.
    for _ in range(5):
        decoded = html.unescape(href)
        if decoded == href:
            break
        href = decoded
    scheme = _URL_SCHEME.match(_IGNORED_IN_URL.sub("", href).lower())
    return scheme is None or scheme.group(1) in ALLOWED_PROTOCOLS


ALLOWED_ATTRIBUTES = {"a": _allowed_link_attribute}


# A bleach Cleaner keeps parser state while it works, and so does the link finder of a
# MarkdownIt, so threads (gunicorn's gthread workers) must not share them: each thread
# builds its own, once per allowlist and once per way of reading line breaks.
_per_thread = threading.local()


def _markdown(breaks: bool) -> MarkdownIt:
    parsers = _per_thread.__dict__.setdefault("parsers", {})
    if breaks not in parsers:
        parsers[breaks] = _new_markdown(breaks)
    return parsers[breaks]


def _new_markdown(breaks: bool) -> MarkdownIt:
    # Links are found while Markdown is parsed: bleach's linkifier, run over the HTML
    # afterwards, took time growing with the square of the length on text such as
    # "x-y.x-y.…", where this one stays linear.
    markdown = MarkdownIt("commonmark", {"html": False, "breaks": breaks, "linkify": True})
    markdown.linkify = _link_finder()
    return markdown.enable("linkify")


def _link_finder() -> LinkifyIt:
    # The links people meant, as bleach's linkifier found them before: web addresses with
    # "http://", "https://" or "www.", bare domains under the same top-level domains,
    # and "mailto:" addresses; not a bare email address, nor "ftp:" or "//" addresses,
    # whose links the allowlist would not keep.
    finder = LinkifyIt(options={"fuzzy_email": False})
    finder.add("ftp:", None).add("//", None)
    return finder.tlds(TLDS)


class _MarkLinks(Filter):
    """Give every link that survived cleaning ``rel="nofollow ugc noopener"``."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] == "StartTag" and token["name"] == "a":
                token["data"][(None, "rel")] = LINK_REL
            yield token


def _cleaner(tags: frozenset[str]) -> bleach.Cleaner:
    cleaners = _per_thread.__dict__.setdefault("cleaners", {})
    if tags not in cleaners:
        cleaners[tags] = _new_cleaner(tags)
    return cleaners[tags]


def _new_cleaner(tags: frozenset[str]) -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[_MarkLinks],
    )


def member_source(text: str) -> str:
    """Return member Markdown as it is stored: NUL characters become U+FFFD, as CommonMark says.

    PostgreSQL cannot store NUL, and no reader could see one.
    """
    return text.replace("\x00", "\ufffd")


def render_markdown(text: str, *, editorial: bool = False) -> str:
    """Turn Markdown into sanitized HTML, ready to store.

    Member posts use the small allowlist and keep the line breaks people type. Editorial
    text (summaries, condition descriptions) may also use headings, and its source files
    wrap lines freely.
    """
    html = _markdown(breaks=not editorial).render(text)
    return _cleaner(EDITORIAL_TAGS if editorial else MEMBER_TAGS).clean(html).strip()


def normalize_newlines(text: str | None) -> str | None:
    """Store every line break as LF.

    Browsers send each line break of a textarea as CRLF, whatever the member's system,
    and show LF, CRLF and a lone CR alike, so LF is what the member wrote. Nothing else in
    member text is changed: no Unicode normalization, no trimming.
    """
    if text is None:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_fingerprint(text: str) -> str:
    """Identify a text: a warning shown once per version of it, a decision on the text read."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# A tag of render_markdown's output: bleach quotes every attribute value with double
# quotes and escapes any inside it, so a ">" in a link's address cannot end the tag early.
_TAG = re.compile(r'<(?:[^>"]|"[^"]*")*>')


def plain_text(stored: str) -> str:
    """Return the words of HTML made by :func:`render_markdown`, without tags or entities.

    For places that take text, not markup: structured data for search engines, link
    previews. Whatever it returns must still be escaped where it is written. Only for
    this module's own output (a pattern suffices for it, and costs far less than a parser:
    a question page describes hundreds of posts).
    """
    return " ".join(html.unescape(_TAG.sub("", stored)).split())


def stored_html(html: str | None) -> Markup:
    """Mark HTML made by :func:`render_markdown` as safe for a template."""
    # Only render_markdown's bleach-cleaned output reaches this filter (see the XSS corpus).
    return Markup(html or "")  # nosec B704


# Personal information: found here, so the author can be warned before submitting and
# moderators can see what to redact. Each kind is also the label that the author's
# warning and the moderation queue show.

EMAIL = "email address"
PHONE = "phone number"
ADDRESS = "street address"
POSTCODE = "postcode"
LINK = "link"
PAYMENT_CARD = "payment card number"
BANK_ACCOUNT = "bank account number (IBAN)"
NHS_NUMBER = "NHS number"
NATIONAL_INSURANCE = "National Insurance number"
SOCIAL_SECURITY = "social security number"

# Numbers that have a format of their own, most with check digits: where one of them and
# another finding cover the same span, it is the surer reading ("943 476 5919" is also a
# valid phone number, but its check digit says NHS number).
IDENTIFIERS = frozenset(
    {PAYMENT_CARD, BANK_ACCOUNT, NHS_NUMBER, NATIONAL_INSURANCE, SOCIAL_SECURITY}
)

REMOVED = "[removed]"


@dataclass(frozen=True)
class PersonalInformation:
    """One span of member text that looks like personal information."""

    kind: str  # one of the kinds above, as shown to authors and moderators
    text: str  # the matched span as written
    start: int  # offsets into the original text
    end: int


# "ZZ" (no country) finds numbers written with "+" and a country code; the others read
# local numbers the way people write them in those countries.
PHONE_REGIONS = ("ZZ", "US", "GB", "DE", "FR", "IN", "AU")
_MIN_PHONE_DIGITS = 7
# Bounds on the phone search of one text, so that a post of 20,000 digits costs about what
# an ordinary post does: candidates that fail before the matcher gives up, and numbers
# marked per region. A post with more numbers than that is flagged all the same.
_MAX_PHONE_TRIES = 300
_MAX_PHONES_PER_REGION = 50

# Emails as written, and as written to get past a harvester: "jo (at) example (dot) org",
# "jo [at] example [dot] org", "jo＠example.org". A plain " at " is read as "@" only with a
# spelled-out " dot " and a well-known top-level domain ("jo.smith at gmail dot com"), so
# that "I was at patients.org" stays a link. Each repeated piece below starts with a
# character that the piece before it cannot hold, so a failed match is given up after one
# pass over the text it covered, however long: no nested quantifiers to retry.
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_SPELLED_DOT = r"(?:\s?[\[({]\s?dot\s?[\])}]\s?|\sdot\s)"
_DOT = rf"(?:[.．]|{_SPELLED_DOT})"
_AT = r"(?:[@＠﹫]|\s?[\[({]\s?at\s?[\])}]\s?)"

# A bare domain needs a known top-level domain, so that "e.g.", "i.e.", "7.5 g/L" and a
# missed space after a full stop ("better.Then") are not taken for links.
_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|co|me|app|dev|health|care|clinic|online|site|"
    "blog|shop|xyz|tv|ly|us|uk|ie|de|at|ch|fr|be|nl|lu|es|it|pt|se|no|dk|fi|is|pl|cz|sk|"
    "hu|ro|gr|ru|ua|in|au|nz|ca|mx|br|ar|cl|jp|cn|kr|tw|hk|sg|za|eu"
)
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+"
    rf"(?:{_AT}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[a-z]{{2,24}}"
    rf"|\sat\s{_LABEL}(?:{_DOT}{_LABEL})*{_SPELLED_DOT}(?:{_TLDS}))\b",
    re.IGNORECASE,
)

_URL_TAIL = r"(?:[/?#][^\s<>\"]*)?"
_LINK = re.compile(
    r"\b(?:https?|ftp)://[^\s<>\"]+"
    rf"|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+{_URL_TAIL}"
    rf"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})(?![\w-]|\.\w){_URL_TAIL}",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?'\"*_"

# Street addresses, the common Western forms only:
#   221B Baker Street · 1600 Pennsylvania Ave NW, Washington, DC 20500 · 12 rue de la Paix
#   Hauptstraße 12, 10115 Berlin · Rue de la Paix 5 · Via Roma 10
_HOUSE_NUMBER = r"(?<![\w.,/-])\d{1,5}(?:[A-Za-z]\b)?(?:\s?[-–/]\s?\d{1,5}[A-Za-z]?)?"
_WITHIN_WORD = r"À-ÿ'’-"  # besides \w
_WORD = rf"[A-ZÀ-ÖØ-Þ][\w{_WITHIN_WORD}]*"
_STREET_TYPE = (
    r"(?:Street|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Boulevard|Blvd|Court|Ct|Place|Pl|"
    r"Way|Close|Terrace|Tce|Crescent|Cres|Square|Sq|Highway|Hwy|Parkway|Pkwy|Circle|Cir|"
    r"Gardens|Grove|Mews|Row|Parade|Straße|Strasse|Str"
    # "St" and "Dr" before a name are a saint or a doctor: "after 2 Weeks Dr Smith".
    r"|(?:St|Dr)(?!\s[A-Z][a-z]))\b\.?"
    r"(?:\s(?:N|S|E|W|NE|NW|SE|SW)\b)?"
)
_PARTICLE = r"(?:de|du|des|la|le|les|di|del|della|dei|da|do|dos)"
# Street type first, as in French, Italian and Spanish: "rue de la Paix".
_LATIN_STREET = (
    r"(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Bb]d|[Pp]lace|[Aa]llée|[Cc]hemin|[Ii]mpasse|[Qq]uai|"
    r"[Rr]oute|[Vv]ia|[Vv]iale|[Cc]orso|[Cc]alle|[Aa]venida|[Pp]laza|[Rr]ua)"
    rf"(?:\s(?:{_PARTICLE}\s|[ld]['’]\s?)*{_WORD}){{1,4}}"
)
# German names end in the street type, as one word or two: "Hauptstraße", "Berliner Str."
_GERMAN_STREET = (
    rf"(?:{_WORD}\s){{0,2}}"
    r"(?:[A-ZÄÖÜ][a-zäöüß-]*(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer)"
    r"|Straße|Strasse|Str\.|Weg|Gasse|Allee|Platz)"
)
# UK postcodes as Royal Mail allocates them: no Q, V or X first, no I, J or Z second, and
# none of C, I, K, M, O or V in the last two letters (so "B12 5MG" is not one).
_UK_POSTCODE = r"[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}"
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|"
    "NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP"
)
_POSTCODE = (
    r"(?:[A-Z]{2}\s\d{5}(?:-\d{4})?"  # US state and ZIP code: IL 62704
    rf"|{_UK_POSTCODE}"  # UK postcode: SW1A 2AA
    rf"|\d{{4,5}}\s{_WORD})\b"  # German or French postcode and town: 75002 Paris
)
# A town and a postcode belong to the address only when the postcode is there.
_TOWN_AND_POSTCODE = rf"(?:,?\s(?:{_WORD},?\s){{0,3}}{_POSTCODE})?"
_ADDRESS = re.compile(
    rf"{_HOUSE_NUMBER},?\s(?:(?:{_WORD}\s){{1,4}}{_STREET_TYPE}|{_LATIN_STREET})"
    rf"{_TOWN_AND_POSTCODE}"
    # Starts where a word starts, after an opening quote or after "l'" or "d'"; not
    # after any other apostrophe within a word, where each letter of "A'A'A'…" would
    # start a search as long as the rest of the word.
    rf"|(?:(?<![\w{_WITHIN_WORD}])|(?<=(?<![\w{_WITHIN_WORD}])['’])"
    rf"|(?<=(?<![\w{_WITHIN_WORD}])[ldLD]['’]))"
    rf"(?:{_GERMAN_STREET}|{_LATIN_STREET})\s\d{{1,4}}[a-z]?\b"
    rf"{_TOWN_AND_POSTCODE}"
)
# A postcode without the street: a UK postcode alone, or a US state and ZIP code after the
# town ("Springfield, IL 62704"); a bare five-digit number is too often something else.
_LONE_POSTCODE = re.compile(
    rf"(?<![\w-]){_UK_POSTCODE}(?![\w-])"
    rf"|(?<![\w'’-]){_WORD},?\s(?P<found>(?:{_US_STATES})\s\d{{5}}(?:-\d{{4}})?)(?![\w-])"
)

# Identity and account numbers, each as it is printed, then checked with python-stdnum.
# None may touch another digit, letter, "+", "/" or a decimal point: "1.5", "+44", "1/2".
_NOT_AFTER = r"(?<![\w.,+/-])"
_NOT_BEFORE = r"(?![\w/-]|[.,]\d)"
# Cards: four groups of four (13 to 19 digits in all), 4-6-5 (American Express), or solid.
_PAYMENT_CARD = re.compile(
    rf"{_NOT_AFTER}(?:\d{{4}}([ -])\d{{4}}\1\d{{4}}\1\d{{1,4}}(?:\1\d{{1,3}})?"
    rf"|\d{{4}}([ -])\d{{6}}\2\d{{4,5}}|\d{{13,19}})"
    rf"{_NOT_BEFORE}"
)
# IBANs: country, check digits, then groups of four as printed, or solid (at most 34).
_BANK_ACCOUNT = re.compile(
    r"(?<![\w-])[A-Z]{2}\d{2}(?: ?[A-Z\d]{4}){2,7}(?: ?[A-Z\d]{1,3})?(?![\w-])"
)
# NHS numbers are printed 3-3-4 with spaces, or as ten digits; US phone numbers that are
# written the same way and happen to pass the check are called NHS numbers too.
_NHS_NUMBER = re.compile(rf"{_NOT_AFTER}(?:\d{{3}} \d{{3}} \d{{4}}|\d{{10}}){_NOT_BEFORE}")
_SOCIAL_SECURITY = re.compile(rf"{_NOT_AFTER}\d{{3}}([ -])\d{{2}}\1\d{{4}}{_NOT_BEFORE}")
# python-stdnum has no National Insurance number, so HMRC's allocation rules are here:
# two prefix letters, neither D, F, I, Q, U or V, the second not O either, and not one of
# the never-issued BG, GB, KN, NK, NT, TN, ZZ; six digits; a suffix A to D. "QQ" is the
# prefix of HMRC's own specimen ("QQ 12 34 56 C"), which people copy as a real one.
_NATIONAL_INSURANCE = re.compile(
    r"(?<![\w-])(?:QQ|(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
    r" ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w-])"
)
# stdnum refuses these because the Social Security Administration voided them after they
# were printed in advertising; thousands of people had used them as their own, and a post
# that gives one still gives what every reader takes for a social security number.
_PUBLISHED_SOCIAL_SECURITY = frozenset({"078051120", "219099999", "457555462"})


def _is_payment_card(number: str) -> bool:
    digits = _digits(number)
    # Issuers' numbers start 2 to 6 (Mastercard, American Express, Visa, Discover, ...).
    return 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn.is_valid(digits)


def _is_social_security(number: str) -> bool:
    return ssn.is_valid(number) or _digits(number) in _PUBLISHED_SOCIAL_SECURITY


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isdigit())


# Each pattern with its kind, and the check a match must pass (None: the pattern is enough).
_PATTERNS = (
    (_EMAIL, EMAIL, None),
    (_LINK, LINK, None),
    (_ADDRESS, ADDRESS, None),
    (_LONE_POSTCODE, POSTCODE, None),
    (_PAYMENT_CARD, PAYMENT_CARD, _is_payment_card),
    (_BANK_ACCOUNT, BANK_ACCOUNT, iban.is_valid),
    (_NHS_NUMBER, NHS_NUMBER, nhs.is_valid),
    (_SOCIAL_SECURITY, SOCIAL_SECURITY, _is_social_security),
    (_NATIONAL_INSURANCE, NATIONAL_INSURANCE, None),
)


def find_personal_information(text: str) -> list[PersonalInformation]:
    """Find emails, phones, addresses, postcodes, links and identity numbers in member text.

    A warning aid for authors and moderators, not a guarantee: it finds the common
    written forms and misses the rest. Phone numbers are those that ``phonenumbers``
    holds valid, written locally as in the United States, the United Kingdom, Germany,
    France, India and Australia or with "00" and a country code, or of a possible length
    when written with "+" and a country code; plain years, dates, doses and counts are
    not numbers it accepts. Emails are ``name@domain``, also with "(at)", "[at]", "(dot)"
    and "[dot]", and "name at domain dot com". Links are web addresses with a scheme,
    with "www.", or bare domains under a well-known top-level domain. Street addresses
    are a house number with one to four capitalised words and a street type ("221B Baker
    Street", "12 rue de la Paix"), or the continental order ("Hauptstraße 12", "Via Roma
    10"), with a US, UK, German or French postcode when it follows; a UK postcode, or a
    US state and ZIP code after a town, is found alone too. Card numbers (Luhn), IBANs,
    NHS numbers (mod 11) and US social security numbers are checked with python-stdnum;
    National Insurance numbers with HMRC's prefix rules.

    Findings are sorted by where they start and never overlap. An identity or account
    number wins over another finding of the same span (an NHS number is not reported as
    a phone number), unless that finding is wider ("+1 943 476 5919" is a phone number);
    otherwise the finding that starts first (then the longer) is kept, so an email is not
    also reported as a link.
    """
    return list(_findings(text))


# A text is searched more than once: to warn its author, then to store the findings with
# the post, and again on the moderator's pages. The search of a long post with many
# digits takes a noticeable fraction of a second, so the last texts' findings are kept.
@lru_cache(maxsize=64)
def _findings(text: str) -> tuple[PersonalInformation, ...]:
    # Phone numbers come first: which of two findings of one span is kept is decided by
    # _without_overlaps, not by the order in which they were found.
    candidates = _phone_findings(text)
    for pattern, kind, check in _PATTERNS:
        candidates += _regex_findings(pattern, kind, text, check)
    return _without_overlaps(candidates)


def forget_searched_texts() -> None:
    """Drop the texts kept with their findings: a deleted post's text must not outlive it."""
    _findings.cache_clear()


def _without_overlaps(candidates: list[PersonalInformation]) -> tuple[PersonalInformation, ...]:
    wider = _wider_than(
        sorted((found for found in candidates if found.kind not in IDENTIFIERS), key=_start)
    )
    ranked = sorted(
        (found for found in candidates if found.kind not in IDENTIFIERS or not wider(found)),
        key=lambda found: (found.kind not in IDENTIFIERS, found.start, -found.end),
    )
    kept: list[PersonalInformation] = []
    starts: list[int] = []
    for found in ranked:
        position = bisect_right(starts, found.start)
        if position and kept[position - 1].end > found.start:
            continue
        if position < len(kept) and kept[position].start < found.end:
            continue
        kept.insert(position, found)
        starts.insert(position, found.start)
    return tuple(kept)


def _start(found: PersonalInformation) -> int:
    return found.start


def _wider_than(
    others: list[PersonalInformation],
) -> Callable[[PersonalInformation], bool]:
    """Return a test: does one of ``others`` (sorted by start) strictly contain a span?"""
    starts = [found.start for found in others]
    furthest = list(accumulate((found.end for found in others), max))

    def wider(found: PersonalInformation) -> bool:
        at_or_before = bisect_right(starts, found.start)
        before = bisect_left(starts, found.start)
        return bool(
            (at_or_before and furthest[at_or_before - 1] > found.end)
            or (before and furthest[before - 1] >= found.end)
        )

    return wider


def _regex_findings(
    pattern: re.Pattern, kind: str, text: str, check: Callable[[str], bool] | None = None
) -> list[PersonalInformation]:
    findings = []
    position = 0
    while match := pattern.search(text, position):
        if check is not None and not check(match.group()):
            # A run of digits that fails its check may hold one that passes
            # ("0958 4111 1111 1111 1111"): look again from the next character.
            position = match.start() + 1
            continue
        position = max(match.end(), match.start() + 1)
        # A pattern may name the part to report: the postcode after its town.
        part = "found" if match.groupdict().get("found") is not None else 0
        start, end = match.span(part)
        if kind == LINK:
            end = _link_end(text, start, end)
        findings.append(PersonalInformation(kind, text[start:end], start, end))
    return findings


_OPENERS = {")": "(", "]": "[", "}": "{"}


def _link_end(text: str, start: int, end: int) -> int:
    # Sentence punctuation after a link belongs to the sentence, and so does a closing
    # bracket opened before the link: "(see example.org/page)." ends at "page".
    # Brackets are counted once and then as they are dropped, not again at each step:
    # "http://x)))…" would take time growing with the square of its length.
    brackets = {bracket: text.count(bracket, start, end) for bracket in "()[]{}"}
    while end > start:
        last = text[end - 1]
        unbalanced = last in _OPENERS and brackets[last] > brackets[_OPENERS[last]]
        if last not in _TRAILING_PUNCTUATION and not unbalanced:
            break
        end -= 1
        if last in brackets:
            brackets[last] -= 1
    return end


def _phone_findings(text: str) -> list[PersonalInformation]:
    if sum(character.isdigit() for character in text) < _MIN_PHONE_DIGITS:
        return []
    spans: set[tuple[int, int]] = set()
    for region in PHONE_REGIONS:
        for match in islice(_phone_matches(text, region), _MAX_PHONES_PER_REGION):
            if sum(character.isdigit() for character in match.raw_string) >= _MIN_PHONE_DIGITS:
                spans.add((match.start, match.end))
    return [PersonalInformation(PHONE, text[start:end], start, end) for start, end in spans]


def _phone_matches(text: str, region: str) -> Iterable[phonenumbers.PhoneNumberMatch]:
    if region != "ZZ":
        return phonenumbers.PhoneNumberMatcher(
            text, region, leniency=Leniency.VALID, max_tries=_MAX_PHONE_TRIES
        )
    # A number written with "+" and a country code is meant as a phone number even where
    # phonenumbers knows no such line (a new range, or one kept for fiction, such as
    # +44 7700 900123): its length for that country is enough.
    return (
        match
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=Leniency.POSSIBLE, max_tries=_MAX_PHONE_TRIES
        )
        if match.raw_string.startswith("+")
        and phonenumbers.is_possible_number_with_reason(match.number)
        == ValidationResult.IS_POSSIBLE
    )


def describe_personal_information(findings: Iterable[PersonalInformation]) -> str:
    """Name the kinds found, each once, in the order they first appear."""
    return ", ".join(dict.fromkeys(found.kind for found in findings))


def _merged_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort spans, clamp them to the text, and join those that overlap or touch."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(len(text), end)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def redact(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Replace each ``(start, end)`` span of ``text`` with "[removed]".

    Overlapping or touching spans become one "[removed]"; offsets are clamped to the text.
    """
    pieces, position = [], 0
    for start, end in _merged_spans(text, spans):
        pieces += [text[position:start], REMOVED]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def only_redacted(before: str, after: str) -> bool:
    """Whether ``after`` is ``before`` with one or more spans replaced by "[removed]", nothing else.

    Line endings are compared as stored (a browser sends CRLF). Each "[removed]" of
    ``after`` must stand for at least one character of ``before``; the pieces between
    them are placed leftmost-first, which finds a match whenever there is one.
    """
    before, after = (text.replace("\r\n", "\n") for text in (before, after))
    if before == after or REMOVED not in after:
        return False
    first, *middle, last = after.split(REMOVED)
    if not before.startswith(first) or len(first) + len(last) >= len(before):
        return False
    if not before.endswith(last):
        return False
    position = len(first) + 1
    end = len(before) - len(last)
    for piece in middle:
        found = before.find(piece, position, end - 1)
        if found < 0:
            return False
        position = found + len(piece) + 1
    return position <= end


def mark_spans(text: str, spans: Iterable[tuple[int, int]]) -> Markup:
    """Show member text as written (escaped, not rendered), each span inside ``<mark>``.

    Moderators read the Markdown source this way, with the personal information found
    in it highlighted at the offsets the finder reported.
    """
    pieces, position = [], 0
    for start, end in _merged_spans(text, spans):
        pieces.append(Markup.escape(text[position:start]))
        pieces.append(Markup("<mark>{}</mark>").format(text[start:end]))
        position = end
    pieces.append(Markup.escape(text[position:]))
    return Markup("").join(pieces)

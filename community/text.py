"""The one place where member text becomes HTML, and where personal information is found.

Markdown is rendered with raw HTML disabled, bare web addresses becoming links as it
goes, then cleaned by bleach with a small allowlist; links get
``rel="nofollow ugc noopener"``. The result is stored when text is written, never
computed per page view. Nothing else imports bleach or markdown-it, so a swap of either
library touches this file only; ``tests/test_xss_corpus.py`` is the test such a swap must
pass. Rendering and finding take time in proportion to the text's length whatever its
shape (``tests/test_rendering_cost.py``): a member's post must not hold a worker.

Emails, phone numbers, street addresses and links are found here too, so that authors
are warned and moderators can redact a span to "[removed]".
"""

import html
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import bleach
import phonenumbers
from bleach.html5lib_shim import Filter
from bleach.linkifier import TLDS
from linkify_it import LinkifyIt
from markdown_it import MarkdownIt
from markupsafe import Markup
from phonenumbers import Leniency

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


def stored_html(html: str | None) -> Markup:
    """Mark HTML made by :func:`render_markdown` as safe for a template."""
    # Only render_markdown's bleach-cleaned output reaches this filter (see the XSS corpus).
    return Markup(html or "")  # nosec B704


# Personal information: found here, so the author can be warned before submitting and
# moderators can see what to redact.

EMAIL = "email address"
PHONE = "phone number"
ADDRESS = "street address"
LINK = "link"

REMOVED = "[removed]"


@dataclass(frozen=True)
class PersonalInformation:
    """One span of member text that looks like personal information."""

    kind: str  # EMAIL, PHONE, ADDRESS or LINK
    text: str  # the matched span as written
    start: int  # offsets into the original text
    end: int


# "ZZ" (no country) finds numbers written with "+" and a country code; the others read
# local numbers the way people write them in those countries.
PHONE_REGIONS = ("ZZ", "US", "GB", "DE", "FR", "IN", "AU")
_MIN_PHONE_DIGITS = 7

_DOMAIN = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,24}\b"
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+(?:@|\s?[\[(]\s?at\s?[\])]\s?){_DOMAIN}",
    re.IGNORECASE,
)

# A bare domain needs a known top-level domain, so that "e.g.", "i.e.", "7.5 g/L" and a
# missed space after a full stop ("better.Then") are not taken for links.
_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|co|me|app|dev|health|care|clinic|online|site|"
    "blog|shop|xyz|tv|ly|us|uk|ie|de|at|ch|fr|be|nl|lu|es|it|pt|se|no|dk|fi|is|pl|cz|sk|"
    "hu|ro|gr|ru|ua|in|au|nz|ca|mx|br|ar|cl|jp|cn|kr|tw|hk|sg|za|eu"
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
    r"|St|Dr)(?!\s[A-Z][a-z])\b\.?"
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
_POSTCODE = (
    r"(?:[A-Z]{2}\s\d{5}(?:-\d{4})?"  # US state and ZIP code: IL 62704
    r"|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"  # UK postcode: SW1A 2AA
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


def find_personal_information(text: str) -> list[PersonalInformation]:
    """Find emails, phone numbers, street addresses and links in member text.

    A warning aid for authors and moderators, not a guarantee: it finds the common
    written forms and misses the rest. Phone numbers are those that ``phonenumbers``
    holds valid, written with a "+" or "00" country code from anywhere, or locally as in
    the United States, the United Kingdom, Germany, France, India and Australia; plain
    years, dates, doses and counts are not numbers it accepts. Emails are found as
    ``name@domain`` and ``name (at) domain``, not spelled out further ("name at domain
    dot com"). Links are web addresses with a scheme, with "www.", or bare domains under
    a well-known top-level domain. Street addresses are a house number with one to four
    capitalised words and a street type ("221B Baker Street", "12 rue de la Paix"), or the
    continental order ("Hauptstraße 12", "Via Roma 10"), with a US, UK, German or French
    postcode when it follows; a street written in lower case, without a number or
    with an unusual type is missed, and a capitalised phrase such as "3 Main St" in
    another sense is flagged.

    Findings are sorted by where they start; where two overlap, the one that starts
    first (then the longer) is kept, so an email is not also reported as a link.
    """
    return list(_findings(text))


# A text is searched more than once: to warn its author, then to store the findings with
# the post, and again on the moderator's pages. The search of a long post with many
# digits takes a noticeable fraction of a second, so the last texts' findings are kept.
@lru_cache(maxsize=64)
def _findings(text: str) -> tuple[PersonalInformation, ...]:
    candidates = [
        *_regex_findings(_EMAIL, EMAIL, text),
        *_regex_findings(_LINK, LINK, text),
        *_regex_findings(_ADDRESS, ADDRESS, text),
        *_phone_findings(text),
    ]
    candidates.sort(key=lambda found: (found.start, -found.end))
    findings: list[PersonalInformation] = []
    for found in candidates:
        if not findings or found.start >= findings[-1].end:
            findings.append(found)
    return tuple(findings)


def _regex_findings(pattern: re.Pattern, kind: str, text: str) -> list[PersonalInformation]:
    findings = []
    for match in pattern.finditer(text):
        start, end = match.span()
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
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
            if sum(character.isdigit() for character in match.raw_string) >= _MIN_PHONE_DIGITS:
                spans.add((match.start, match.end))
    return [PersonalInformation(PHONE, text[start:end], start, end) for start, end in spans]


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

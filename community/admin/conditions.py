"""Conditions as admins keep them: name, address, about text and the other names people use.

The about text goes through the one sanitizer, as every editorial text does. Other names
feed the directory's filter and search (community.conditions.services.conditions_matching).
A changed slug keeps the old one as an alias that redirects to the new address
(community.conditions.slug_aliases). Changing a condition moves the versions of its pages
and of the directory by itself (community.page_versions watches Condition rows). Every
change is in the audit log. Services flush; the request commits once.
"""

import re
from dataclasses import dataclass

from sqlalchemy import select

from community.conditions.slug_aliases import (
    alias_owner,
    keep_old_slug,
    lock_condition_addresses,
)
from community.extensions import db
from community.models import Condition, User
from community.posts.audit import record_event
from community.text import render_markdown

NAME_LENGTH = Condition.__table__.c.name.type.length
SLUG_LENGTH = Condition.__table__.c.slug.type.length
ABOUT_LENGTH = 20_000
SYNONYM_LENGTH = 100
MAX_SYNONYMS = 50
# Lower-case letters and digits in words joined by single hyphens: "primary-immunodeficiency".
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SYNONYM_SEPARATORS = re.compile(r"[,\n]")


class ConditionRefused(ValueError):
    """The condition was not saved; ``field`` names the field at fault, the message why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ConditionText:
    """What an admin writes about a condition, as the form sent it."""

    name: str
    slug: str
    about: str
    synonyms: str


def list_conditions() -> list[Condition]:
    """Every condition by name (without its about text, which the list does not show)."""
    return list(db.session.scalars(select(Condition).order_by(Condition.name, Condition.id)))


def get_condition(condition_id: int) -> Condition | None:
    return db.session.get(Condition, condition_id)


def split_synonyms(text: str) -> list[str]:
    """Other names, one per line or separated by commas: trimmed, blanks and repeats dropped."""
    found: dict[str, str] = {}
    for name in _SYNONYM_SEPARATORS.split(text or ""):
        name = " ".join(name.split())
        if name and name.casefold() not in found:
            found[name.casefold()] = name
    return list(found.values())


def _checked(text: ConditionText, condition: Condition | None) -> dict:
    """The values to store, or ConditionRefused for the first field at fault."""
    name = " ".join((text.name or "").split())
    slug = (text.slug or "").strip()
    about = (text.about or "").replace("\r\n", "\n").replace("\r", "\n")
    about = about if about.strip() else ""
    synonyms = split_synonyms(text.synonyms)
    if not name:
        raise ConditionRefused("name", "Give the condition a name.")
    if len(name) > NAME_LENGTH:
        raise ConditionRefused("name", f"The name must be at most {NAME_LENGTH} characters.")
    if not slug:
        raise ConditionRefused("slug", "Give the condition a slug: its address on the site.")
    if len(slug) > SLUG_LENGTH:
        raise ConditionRefused("slug", f"The slug must be at most {SLUG_LENGTH} characters.")
    if not SLUG.fullmatch(slug):
        raise ConditionRefused(
            "slug",
            "A slug is lower-case letters (a to z) and digits, in words joined by single "
            "hyphens, such as primary-immunodeficiency.",
        )
    taken = db.session.scalar(select(Condition.id).where(Condition.slug == slug))
    if taken is not None and (condition is None or taken != condition.id):
        raise ConditionRefused("slug", f"Another condition already has the slug “{slug}”.")
    # An earlier address of another condition still leads there: it is not released.
    owner = alias_owner(slug)
    if owner is not None and (condition is None or owner.id != condition.id):
        raise ConditionRefused(
            "slug",
            f"The slug “{slug}” was an earlier address of “{owner.name}” and still leads "
            "there. Choose another.",
        )
    if len(about) > ABOUT_LENGTH:
        raise ConditionRefused(
            "about", f"The about text must be at most {ABOUT_LENGTH:,} characters."
        )
    if len(synonyms) > MAX_SYNONYMS:
        raise ConditionRefused("synonyms", f"Give at most {MAX_SYNONYMS} other names.")
    too_long = next((each for each in synonyms if len(each) > SYNONYM_LENGTH), None)
    if too_long is not None:
        raise ConditionRefused(
            "synonyms", f"Each other name must be at most {SYNONYM_LENGTH} characters."
        )
    return {
        "name": name,
        "slug": slug,
        "about_markdown": about,
        "about_html": render_markdown(about, editorial=True),
        "synonyms": synonyms,
    }


# The fields the audit log compares, as it names them.
_LOGGED = (
    ("name", "Name"),
    ("slug", "Slug"),
    ("about_markdown", "About"),
    ("synonyms", "Synonyms"),
)


def _as_logged(values: dict, names: list[str]) -> str:
    lines = []
    for name, label in _LOGGED:
        if name in names:
            value = values[name]
            lines.append(f"{label}: {', '.join(value) if isinstance(value, list) else value}")
    return "\n".join(lines)


def add_condition(admin: User, text: ConditionText, reason: str | None = None) -> Condition:
    """Create a condition, with an empty community; raise ConditionRefused on bad input."""
    lock_condition_addresses()
    values = _checked(text, None)
    condition = Condition(**values)
    db.session.add(condition)
    db.session.flush()
    event = record_event(
        "condition_added",
        actor=admin,
        reason=reason or None,
        text_after=_as_logged(values, [name for name, _ in _LOGGED]),
    )
    event.condition_id = condition.id
    db.session.flush()
    return condition


def change_condition(
    admin: User, condition: Condition, text: ConditionText, reason: str | None = None
) -> list[str]:
    """Change a condition; return the labels of the fields that changed (none: no change).

    Raise ConditionRefused on bad input, before anything is changed.
    """
    if (text.slug or "").strip() != condition.slug:
        lock_condition_addresses()
    values = _checked(text, condition)
    before = {name: getattr(condition, name) for name, _ in _LOGGED}
    before["synonyms"] = list(before["synonyms"] or [])
    changed = [name for name, _ in _LOGGED if values[name] != before[name]]
    if not changed:
        return []
    old_slug = condition.slug
    for name, value in values.items():
        setattr(condition, name, value)
    if "slug" in changed:
        keep_old_slug(condition, old_slug, values["slug"])
    event = record_event(
        "condition_changed",
        actor=admin,
        reason=reason or None,
        text_before=_as_logged(before, changed),
        text_after=_as_logged(values, changed),
    )
    event.condition_id = condition.id
    db.session.flush()
    return [label for name, label in _LOGGED if name in changed]

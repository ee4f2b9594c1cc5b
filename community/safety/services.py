"""Admins' lists of watched words and crisis phrases, and the community guidelines.

Services flush; the request commits once.
"""

from sqlalchemy import select

from community.database import insert_unless_duplicate
from community.extensions import db
from community.models import ModerationEvent, SiteText, User, WatchedWord, WordAction, utcnow
from community.safety.words import word_key
from community.text import render_markdown

GUIDELINES = "guidelines"

# How each action reads on the admin pages.
WORD_ACTION_LABELS = {
    WordAction.BLOCK: "Block",
    WordAction.REQUIRE_APPROVAL: "Require approval",
    WordAction.FLAG: "Flag",
    WordAction.CRISIS: "Crisis phrase",
}
# The watched words' own page lists these; crisis phrases have a page of their own.
WATCHED_ACTIONS = (WordAction.BLOCK, WordAction.REQUIRE_APPROVAL, WordAction.FLAG)


# Admins' changes the audit log keeps, with how it names them.
ADMIN_ACTION_LABELS = {
    "watch_word": "Watched a word",
    "unwatch_word": "Stopped watching a word",
    "edit_guidelines": "Edited the guidelines",
}


def _log(action: str, admin: User | None, reason: str, **texts: str | None) -> None:
    """Keep an admin's change in the audit log (the moderation log lists these too)."""
    db.session.add(
        ModerationEvent(
            actor_id=admin.id if admin else None,
            action=action,
            reason=reason,
            created_at=utcnow(),
            **texts,
        )
    )


class WordRefused(Exception):
    """The word cannot be added; the message says why, for the admin."""


def list_words(actions: tuple[WordAction, ...]) -> list[WatchedWord]:
    return list(
        db.session.scalars(
            select(WatchedWord)
            .where(WatchedWord.action.in_(actions))
            .order_by(WatchedWord.word_key, WatchedWord.id)
        )
    )


def add_word(word: str, action: WordAction, admin: User | None = None) -> WatchedWord:
    """Watch for ``word`` from the next post written on; each word is listed once."""
    word = " ".join(word.split())
    key = word_key(word)
    if not key:
        raise WordRefused("A word or phrase needs at least one letter or digit.")
    entry = WatchedWord(word=word, word_key=key, action=action, created_at=utcnow())
    listed = _listed(key)
    if listed is None and insert_unless_duplicate(entry):
        _log("watch_word", admin, f"{WORD_ACTION_LABELS[action]}: {word}")
        db.session.flush()
        return entry
    # Listed before, or a moment ago by another admin.
    listed = listed or _listed(key) or entry
    raise WordRefused(f"“{listed.word}” is already listed ({WORD_ACTION_LABELS[listed.action]}).")


def _listed(key: str) -> WatchedWord | None:
    return db.session.scalar(select(WatchedWord).where(WatchedWord.word_key == key))


def find_word(word_id: int, actions: tuple[WordAction, ...]) -> WatchedWord | None:
    """The word with this id in one of ``actions``' lists, or None."""
    entry = db.session.get(WatchedWord, word_id)
    return entry if entry is not None and entry.action in actions else None


def delete_word(entry: WatchedWord, admin: User | None = None) -> None:
    """Stop watching for a word, from the next post written on."""
    _log("unwatch_word", admin, f"{WORD_ACTION_LABELS[entry.action]}: {entry.word}")
    db.session.delete(entry)
    db.session.flush()


DEFAULT_GUIDELINES = """\
This is a place to share what living with a condition is really like. These guidelines
keep it kind, useful and safe. Moderators read every post before it is published.

## Be kind
Write to others as you would to a friend who is unwell. Disagree with ideas, never with
people. No insults, mockery or harassment.

## Share your own experience
Tell what happened to you, or to the person you care for: what you noticed, what you
tried, what helped and what did not. First-person stories are what make this community
useful.

## No medical advice as fact
What worked for you may not work for someone else. Say "this helped me", not "you should
stop taking your medicine". Never tell anyone to start, stop or change a treatment; that
is for them and their clinicians. Do not sell or promote products or cures.

## Protect privacy, yours and others'
Leave out full names, addresses, phone numbers, emails and anything else that identifies
you or someone else. Do not share what others told you in confidence.

## No spam
No advertising, links to sell something, or the same message posted again and again.

## If you are in crisis
If you are thinking about ending your life or harming yourself, please contact a crisis
line or your local emergency number now. In the UK and Ireland you can call Samaritans
free on 116 123; in the United States, call or text 988. When you post about it here, we
show you where help is and a moderator reads your post first.

## When a post is not published
A moderator tells you why on your account page. If you think a decision was wrong, you
can appeal it once, and a different moderator looks at it again.
"""


def guidelines() -> SiteText:
    """The community guidelines as admins last wrote them, or the site's own to start with."""
    found = db.session.get(SiteText, GUIDELINES)
    if found is not None:
        return found
    return SiteText(
        key=GUIDELINES,
        body_markdown=DEFAULT_GUIDELINES,
        body_html=render_markdown(DEFAULT_GUIDELINES, editorial=True),
    )


def save_guidelines(markdown: str, admin: User | None) -> SiteText:
    """Publish a new text of the guidelines, rendered once here as it is stored."""
    text = db.session.get(SiteText, GUIDELINES) or SiteText(key=GUIDELINES)
    before = text.body_markdown or DEFAULT_GUIDELINES
    _log(
        "edit_guidelines",
        admin,
        "The community guidelines",
        text_before=before,
        text_after=markdown,
    )
    text.body_markdown = markdown
    text.body_html = render_markdown(markdown, editorial=True)
    text.updated_at = utcnow()
    text.updated_by_id = admin.id if admin else None
    db.session.add(text)
    db.session.flush()
    return text

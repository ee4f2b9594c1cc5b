"""Say how an action went next to what it concerns, where the reader's eye and focus are.

A view calls ``confirm(text, place)`` (or ``warn`` for an error) and redirects to
``at(url, place)``. ``place`` is the id of the element the message is about: a post
("post-12", see ``post_place``), the join form ("join"), the share form ("share"), the
follow button ("follow"). The message is flashed with a category naming its role and its
place ("status@post-12"). A page showing that element renders the message beside it with
the ``message_places``/``take_messages`` globals (templates/_messages.html); base.html
shows at the top of the page every message given no place, or whose place the page did
not show. Taking a message marks it shown, so each is shown once.

Every message carries role="status" (a confirmation) or role="alert" (an error), an id
(``message-<place>``) and tabindex="-1": the redirect's fragment scrolls to it, and
static/messages.js moves the focus to it.
"""

from dataclasses import dataclass

from flask import flash, g, get_flashed_messages

from community.post_location import post_anchor

STATUS = "status"
ALERT = "alert"
# Flashed by the safety feature: a support panel of its own, not a message.
CRISIS = "crisis"
# Categories flashed without a role ("success", "warning") read as confirmations.
_SEPARATOR = "@"


@dataclass(frozen=True)
class Message:
    text: str
    role: str
    place: str | None


def confirm(text: str, place: str | None = None) -> None:
    """Tell the member that their action was done, beside ``place`` (or at the top)."""
    flash(text, _category(STATUS, place))


def warn(text: str, place: str | None = None) -> None:
    """Tell the member that their action was not done, beside ``place`` (or at the top)."""
    flash(text, _category(ALERT, place))


def post_place(post_id: int) -> str:
    """The place of a post on its question's page: its article's id."""
    return post_anchor(post_id)


def anchor(place: str) -> str:
    """The id of the messages shown at ``place``."""
    return f"message-{place}"


def at(url: str, place: str) -> str:
    """Return ``url`` with a fragment pointing at the message about ``place``."""
    return f"{url.partition('#')[0]}#{anchor(place)}"


def _category(role: str, place: str | None) -> str:
    return f"{role}{_SEPARATOR}{place}" if place else role


def _messages() -> list[Message]:
    """The request's messages, read once from the session."""
    if "_messages" not in g:
        found = []
        for category, text in get_flashed_messages(with_categories=True):
            if category == CRISIS:
                continue
            role, _, place = category.partition(_SEPARATOR)
            found.append(Message(text, ALERT if role == ALERT else STATUS, place or None))
        g._messages = found
    return g._messages


def has_messages() -> bool:
    """Whether the request has any message to show."""
    return bool(_messages())


def message_places() -> frozenset[str]:
    """Return the places that have a message not shown yet: a page checks this once."""
    return frozenset(message.place for message in _messages() if message.place)


def take_messages(place: str | None = None) -> list[Message]:
    """Return the messages to show at ``place``, and mark them shown.

    ``None`` is the top of the page: the messages with no place, and those whose place the
    page did not show (taken last, once the page's content is rendered).
    """
    messages = _messages()
    taken = [message for message in messages if place is None or message.place == place]
    g._messages = [message for message in messages if message not in taken]
    return taken

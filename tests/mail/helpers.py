"""Read the outbox and the links mailed to a member, as they would from their mail."""

import re

from flask import Flask
from sqlalchemy import select

from community.extensions import db
from community.models import OutboxMessage

LINK = re.compile(r"https?://\S+")


def outbox(app: Flask, to: str | None = None) -> list[OutboxMessage]:
    """Every message queued (to ``to`` when given), oldest first, detached from the session."""
    with app.app_context():
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if to is not None:
            query = query.where(OutboxMessage.to_address == to)
        messages = list(db.session.scalars(query))
        db.session.expunge_all()
        return messages


def links_in(message: OutboxMessage) -> list[str]:
    return LINK.findall(message.text_body)


def link_to(app: Flask, to: str, path_start: str) -> str:
    """The path of the last link starting with ``path_start`` mailed to ``to``."""
    for message in reversed(outbox(app, to)):
        for link in links_in(message):
            path = re.sub(r"^https?://[^/]+", "", link)
            if path.startswith(path_start):
                return path
    raise AssertionError(f"no mail to {to} links to {path_start}")

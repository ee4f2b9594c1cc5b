"""Admins at work: an admin's browser, forms sent with its token, and what the log holds."""

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from community.extensions import db
from community.models import ModerationEvent, Role
from tests.factories import make_user
from tests.moderation.moderator import submit
from tests.web import log_in

__all__ = ["as_admin", "admin_events", "submit"]


def as_admin(app: Flask, client: FlaskClient, username: str = "root") -> FlaskClient:
    make_user(app, username, roles=(Role.ADMIN,))
    log_in(client, username)
    return client


def admin_events(app: Flask, action: str) -> list[dict]:
    """The audit entries of ``action``, oldest first, as plain values."""
    with app.app_context():
        return [
            {
                "actor": event.actor.username if event.actor else None,
                "subject": event.subject.username if event.subject else None,
                "condition": event.condition_id,
                "reason": event.reason,
                "before": event.text_before,
                "after": event.text_after,
                "at": event.created_at,
            }
            for event in db.session.scalars(
                select(ModerationEvent)
                .where(ModerationEvent.action == action)
                .order_by(ModerationEvent.id)
            )
        ]

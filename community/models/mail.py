"""Mail waiting to be sent (the outbox), and what each member chose to receive."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.models.types import UTCDateTime, enum_column, utcnow


class OutboxMessage(db.Model):
    """One message, written in the transaction that decided to send it, sent later.

    A row is due while ``sent_at`` is empty and ``next_attempt_at`` has passed. A sender
    claims it by moving ``next_attempt_at`` forward in one compare-and-set update, so two
    senders never send the same message; a failure moves it further, by a growing delay.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The member it is for, when it is for one: their mail goes with their account.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # A kind of notification the member can unsubscribe from; None for account mail.
    kind: Mapped[str | None] = mapped_column(String(40))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    # Kept from the first attempt on: a retried message is the same message.
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    unsubscribe_url: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MailChoice(enum.Enum):
    IMMEDIATELY = "immediately"
    DAILY = "daily"
    NEVER = "never"


class MailPreference(db.Model):
    """A member's choice for one kind of mail; a kind without a row gets the default."""

    __tablename__ = "mail_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    choice: Mapped[MailChoice] = mapped_column(enum_column(MailChoice, "mail_choice"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

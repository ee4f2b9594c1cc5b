"""A real SMTP server in the test process, which can refuse messages before accepting them."""

import email
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller

from tests.live_server import free_port


class Inbox:
    """What the server accepted; it answers 451 (try later) to the first ``refusals`` messages."""

    def __init__(self, refusals: int = 0) -> None:
        self.messages: list[EmailMessage] = []
        self.refusals = refusals
        self.refused = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refused < self.refusals:
            self.refused += 1
            return "451 4.3.0 Mail server busy, try again later"
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))
        return "250 OK"

    def subjects(self) -> list[str]:
        return [message["Subject"] for message in self.messages]


@contextmanager
def smtp_server(inbox: Inbox, port: int | None = None) -> Iterator[int]:
    """Serve SMTP on 127.0.0.1 into ``inbox``; yield the port."""
    controller = Controller(inbox, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()

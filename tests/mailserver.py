"""A real SMTP server in the test process (aiosmtpd on a local port)."""

from __future__ import annotations

import email
import email.policy
import threading
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class Recorder:
    """Keeps every accepted message; can refuse, or hold, some deliveries."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()
        self.refuse_next = 0  # temporary refusals (451) still to give
        self.refuse_code = "451 4.3.0 Mailbox busy, try again later"
        self.refused = 0
        self.reject_to: dict[str, str] = {}  # address -> permanent answer
        self.hold_after: int | None = None  # block the delivery after this many
        self.holding = threading.Event()  # set while a delivery is held
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject_to:
            return self.reject_to[address]
        with self.lock:
            if self.refuse_next > 0:
                self.refuse_next -= 1
                self.refused += 1
                return self.refuse_code
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        if self.hold_after is not None and len(self.messages) >= self.hold_after:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 held and dropped"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def kinds(self) -> list[tuple[str, str]]:
        return sorted((str(m["To"]), str(m["X-Tracker-Kind"])) for m in self.messages)


class MailServer:
    def __init__(self, port: int) -> None:
        self.recorder = Recorder()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=port)
        self.port = port

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def __enter__(self) -> MailServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.recorder.release.set()
        self.controller.stop()

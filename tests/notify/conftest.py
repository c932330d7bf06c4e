"""A real SMTP server on loopback (aiosmtpd) that records what it receives."""

from __future__ import annotations

import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


class Recorder:
    """SMTP handler: stores messages; ``reply`` can make it answer 451 (temporary) or 550 (permanent)."""

    def __init__(self):
        self.messages: list[email.message.Message] = []
        self.reply: str | None = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.reply:
            return self.reply
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def keys(self) -> list[str]:
        return [m["X-Tracker-Key"] for m in self.messages]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(monkeypatch):
    recorder = Recorder()
    port = _free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TRACKER_SMTP_PORT", str(port))
    monkeypatch.setenv("TRACKER_SMTP_FROM", "nhacviec@laichau.dcs.vn")
    recorder.port = port
    yield recorder
    controller.stop()

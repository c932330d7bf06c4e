"""A real SMTP server on loopback (aiosmtpd) that records what it receives."""

from __future__ import annotations

import email
import email.policy
import os
import signal
import socket
import threading
from datetime import date

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from tests.conftest import make_actor
from tracker.config import get_settings
from tracker.db import session_scope
from tracker.models import Assignment, Report, User

DUE = date(2026, 12, 15)  # 2026-H2 reports


class Recorder:
    """SMTP handler: stores messages; ``reply`` can make it answer 451 (temporary) or 550 (permanent)."""

    def __init__(self):
        self.messages: list[email.message.Message] = []
        self.reply: str | None = None
        self.replies: list[str] = []  # answered in turn before falling back to ``reply`` / 250
        self.kill_pid: int | None = None  # SIGKILL this sender once a message is stored, before it hears 250
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.replies:
                return self.replies.pop(0)
            if self.reply:
                return self.reply
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
            if self.kill_pid:
                os.kill(self.kill_pid, signal.SIGKILL)
                self.kill_pid = None
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


@pytest.fixture
def people(seeded, smtp):
    """Officers of two bodies with email, a monitor, a leader; 2025-H2 and 2026-H1 reports accepted."""
    get_settings.cache_clear()
    made = {}
    for name, role, org in (("sinho", "agency", "HU-SINHO"), ("yte", "agency", "SO-YTE"),
                            ("tuyengiao", "monitor", "BTG-TU"), ("bithu", "leader", "TU")):
        made[name] = make_actor(seeded, name, role, org)
    with session_scope(seeded) as s:
        for u in s.exec(select(User)):
            u.email = f"{u.username}@laichau.gov.vn"
            s.add(u)
        for org_id in {a.organisation_id for a in s.exec(select(Assignment))}:
            for period in ("2025-H2", "2026-H1"):
                s.add(Report(program_id=1, organisation_id=org_id, period=period, due_on=DUE, state="accepted"))
    return seeded, made

"""A sender killed after the SMTP server accepted a message but before marking it sent loses nothing;
duplicates are at most the number of such crashes. The weekly overview reaches leaders and the monitor
inside their daily digest."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

from sqlmodel import select

from tests.notify.conftest import DUE
from tracker.config import PROJECT_ROOT, get_settings
from tracker.db import session_scope
from tracker.models import Reminder
from tracker.notify import outbox
from tracker.services import reminders

CRASHES = 3
LEASE_SECONDS = 1


def test_kill_9_between_acceptance_and_marking_sent(people, smtp, settings, database_url):
    engine, _ = people
    day = DUE + timedelta(days=8)  # overdue and escalated: many messages
    with session_scope(engine) as s:
        reminders.sweep(s, get_settings(), day)
        expected = set(s.exec(select(Reminder.idempotency_key).where(Reminder.channel == "email",
                                                                      Reminder.rule == "daily_digest")))
    assert len(expected) > CRASHES
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url, "TRACKER_DATA_DIR": str(settings.data_dir),
           "TRACKER_SMTP_HOST": "127.0.0.1", "TRACKER_SMTP_PORT": str(smtp.port),
           "TRACKER_SENDER_LEASE_SECONDS": str(LEASE_SECONDS)}
    command = [sys.executable, "-m", "tracker", "remind", "--as-of", day.isoformat()]
    for _ in range(CRASHES):
        proc = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        smtp.kill_pid = proc.pid  # the SMTP server stores the next message, then kills the sender
        assert proc.wait(timeout=120) == -9
        time.sleep(LEASE_SECONDS + 0.5)  # the dead sender's lease runs out
    assert subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, timeout=120).returncode == 0
    received = Counter(smtp.keys())
    assert set(received) == expected  # nothing lost
    assert sum(received.values()) - len(received) <= CRASHES  # at most one duplicate per crash
    with session_scope(engine) as s:
        assert set(s.exec(select(Reminder.state).where(Reminder.channel == "email"))) == {"sent"}


def test_weekly_overview_reaches_leaders_and_the_monitor_in_their_monday_digest(people, smtp):
    engine, _ = people
    day = DUE + timedelta(days=13)  # Monday 28/12/2026: the digest day
    assert day.weekday() == 0
    with session_scope(engine) as s:
        reminders.sweep(s, get_settings(), day)
        assert reminders.sweep(s, get_settings(), day).digests == 0  # once a day
    outbox.deliver(engine, get_settings())
    weekly = [m for m in smtp.messages if "TỔNG HỢP TUẦN 53/2026" in m.get_content()]
    assert {m["To"] for m in weekly} == {"tuyengiao@laichau.gov.vn", "bithu@laichau.gov.vn"}
    assert len(smtp.messages) == len({m["To"] for m in smtp.messages})  # the overview is no second email
    body = weekly[0].get_content()
    assert "Huyện ủy Sìn Hồ:" in body and "đã quá hạn 13 ngày (hạn 15/12/2026)" in body
    assert f"tính đến ngày {day:%d/%m/%Y}" in body and "http://localhost:8501/tong-quan" in body

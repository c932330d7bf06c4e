"""Reminders through a real SMTP server: never twice, never missed, retried, escalated; one digest a day."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlmodel import func, select

from tests.notify.conftest import DUE
from tracker.config import PROJECT_ROOT, get_settings
from tracker.db import session_scope
from tracker.models import Notice, Reminder, Report, User
from tracker.notify import outbox
from tracker.services import reminders

def sweep_and_send(engine, day: date):
    with session_scope(engine) as s:
        queued = reminders.sweep(s, get_settings(), day).queued
    return queued, outbox.deliver(engine, get_settings())


def digest_keys(smtp) -> list[tuple[str, str]]:
    """(step, user id) of every reminder carried by the digests received, from the outbox."""
    return [(k.split(":")[5], k.split(":")[6]) for k in _carried(smtp)]


def _carried(smtp) -> list[str]:
    from tracker.db import get_engine

    with session_scope(get_engine()) as s:
        digests = s.exec(select(Reminder.id).where(Reminder.idempotency_key.in_(smtp.keys()))).all()
        return list(s.exec(select(Reminder.idempotency_key).where(Reminder.digest_id.in_(digests),
                                                                   Reminder.channel == "email")))


def test_a_sweep_run_twice_sends_nothing_the_second_time(people, smtp):
    engine, _ = people
    queued, report = sweep_and_send(engine, DUE - timedelta(days=7))
    assert queued > 0 and report.sent == 2 * len(smtp.messages)  # one email and one notice per recipient
    emails = len(smtp.messages)
    assert emails > 0 and all(m["Subject"].startswith("[Nhắc việc ngày 08/12/2026]") for m in smtp.messages)
    again, report = sweep_and_send(engine, DUE - timedelta(days=7))
    assert again == 0 and report.sent == 0 and len(smtp.messages) == emails
    assert len(set(smtp.keys())) == len(smtp.keys())


def test_the_email_says_what_is_due_since_when_who_and_where(people, smtp):
    engine, _ = people
    sweep_and_send(engine, DUE + timedelta(days=4))
    message = next(m for m in smtp.messages if m["To"] == "sinho@laichau.gov.vn")
    body = message.get_content()
    assert "Báo cáo kỳ 2026-H2 về kết quả thực hiện Chương trình hành động: đã quá hạn 4 ngày (hạn 15/12/2026)" in body
    assert "Huyện ủy Sìn Hồ" in body and "http://localhost:8501/bao-cao" in body
    assert "Lai Châu, ngày 19 tháng 12 năm 2026" in body


def test_a_worker_down_across_three_sweeps_catches_up_once(people, smtp):
    engine, _ = people
    sweep_and_send(engine, DUE - timedelta(days=8))  # nothing owed yet
    assert smtp.messages == []
    # down on D-7, D-6, D-5; back on D-4: the before_7 step is owed, once
    queued, _ = sweep_and_send(engine, DUE - timedelta(days=4))
    steps = Counter(step for step, _ in digest_keys(smtp))
    assert set(steps) == {"before_7"} and queued == 2 * sum(steps.values())  # each also in the app
    emails = len(smtp.messages)
    sweep_and_send(engine, DUE - timedelta(days=3))
    assert len(smtp.messages) == emails  # nothing new until before_1
    sweep_and_send(engine, DUE - timedelta(days=1))
    assert Counter(step for step, _ in digest_keys(smtp))["before_1"] == steps["before_7"]


def _inapp(engine) -> int:
    with session_scope(engine) as s:
        return s.exec(select(func.count()).select_from(Notice)).one()


def test_escalation_after_seven_days_reaches_leaders_and_the_monitor(people, smtp):
    engine, _ = people
    sweep_and_send(engine, DUE + timedelta(days=7))
    escalated = {m["To"] for m in smtp.messages if "BÁO CÁO VƯỢT CẤP" in m.get_content()}
    assert escalated == {"tuyengiao@laichau.gov.vn", "bithu@laichau.gov.vn"}


def test_temporary_failures_retry_with_backoff_and_permanent_ones_give_up(people, smtp):
    engine, _ = people
    smtp.reply = "421 4.3.0 Service not available, try again later"
    queued, report = sweep_and_send(engine, DUE)
    assert report.sent == _inapp(engine) and report.retried > 0 and smtp.messages == []
    with session_scope(engine) as s:
        waiting = s.exec(select(Reminder).where(Reminder.state == "pending", Reminder.rule == "daily_digest")).all()
        assert waiting and all(r.attempts == 1 and "421" in r.last_error for r in waiting)
    smtp.reply = None
    assert outbox.deliver(engine, get_settings()).sent == 0  # backoff: not yet
    later = waiting[0].next_attempt_at + timedelta(seconds=1)
    assert outbox.deliver(engine, get_settings(), now=later).sent == len(waiting)
    smtp.reply = "550 5.1.1 No such user"
    _, report = sweep_and_send(engine, DUE + timedelta(days=1))
    assert report.failed > 0
    with session_scope(engine) as s:
        assert s.exec(select(func.count()).select_from(Reminder).where(Reminder.state == "failed")).one() == report.failed
        assert outbox.retry_failed(s) == report.failed


def test_connection_refused_is_temporary(people, monkeypatch):
    engine, _ = people
    monkeypatch.setenv("TRACKER_SMTP_PORT", "1")
    get_settings.cache_clear()
    _, report = sweep_and_send(engine, DUE)
    assert report.retried > 0 and report.failed == 0


def test_opting_out_of_email_keeps_in_app_notices(people, smtp):
    engine, made = people
    with session_scope(engine) as s:
        user = s.get(User, made["sinho"].user_id)
        user.email_opt_out = True
        s.add(user)
    sweep_and_send(engine, DUE)
    assert "sinho@laichau.gov.vn" not in {m["To"] for m in smtp.messages}
    with session_scope(engine) as s:
        assert s.exec(select(func.count()).select_from(Notice).where(Notice.user_id == made["sinho"].user_id)).one() > 0


def test_without_an_smtp_host_email_is_off(people, smtp, monkeypatch):
    engine, _ = people
    monkeypatch.delenv("TRACKER_SMTP_HOST")
    get_settings.cache_clear()
    sweep_and_send(engine, DUE)
    with session_scope(engine) as s:
        assert set(s.exec(select(Reminder.channel))) == {"inapp"}
    assert smtp.messages == []


def test_two_worker_processes_send_each_reminder_exactly_once(people, smtp, settings):
    engine, _ = people
    env = {**os.environ, "TRACKER_SMTP_HOST": "127.0.0.1", "TRACKER_SMTP_PORT": str(smtp.port)}
    command = [sys.executable, "-m", "tracker", "remind", "--as-of", (DUE + timedelta(days=1)).isoformat()]
    procs = [subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    with session_scope(engine) as s:
        emails = s.exec(select(func.count()).select_from(Reminder).where(Reminder.channel == "email",
                                                                         Reminder.rule == "daily_digest")).one()
        pending = s.exec(select(func.count()).select_from(Reminder).where(Reminder.state == "pending")).one()
    if pending:  # the loser of the lease left work for the next minute's sender
        outbox.deliver(engine, get_settings())
    keys = smtp.keys()
    assert emails > 0 and len(keys) == emails and len(set(keys)) == len(keys)
    assert Counter(m["To"] for m in smtp.messages) == {"sinho@laichau.gov.vn": 1, "yte@laichau.gov.vn": 1}


@pytest.mark.parametrize("offset", [-7, -1, 0, 4, 8])
def test_the_set_based_sweep_queues_exactly_what_decide_computes(people, offset):
    """The SQL sweep and the Python decision (used by --dry-run) must never drift apart."""
    engine, _ = people
    day = DUE + timedelta(days=offset)
    with session_scope(engine) as s:
        expected = {d.key for d in reminders.decide(s, get_settings(), day)}
        dry = {d.key for d in reminders.sweep(s, get_settings(), day, dry_run=True).decisions}
        queued = reminders.sweep(s, get_settings(), day).queued
    with session_scope(engine) as s:
        stored = set(s.exec(select(Reminder.idempotency_key).where(Reminder.rule != "daily_digest")))
    assert expected and dry == expected and stored == expected and queued == len(expected)


def test_reminder_history_per_assignment_and_per_report_is_permission_checked(people):
    from tracker.models import Assignment
    from tracker.services.permissions import PermissionDenied

    engine, made = people
    with session_scope(engine) as s:
        assignment = s.exec(select(Assignment).where(Assignment.organisation_id == made["sinho"].organisation_id)).first()
        assignment.deadline = DUE
        s.add(assignment)
    sweep_and_send(engine, DUE + timedelta(days=1))
    with session_scope(engine) as s:
        mine = reminders.history(s, made["sinho"], "assignment", assignment.id)
        reports = reminders.history(s, made["sinho"], "report", made["sinho"].organisation_id)
        assert {r["step"] for r in mine} == {"overdue_1"} and {r["channel"] for r in mine} == {"inapp", "email"}
        assert reports and all(r["state"] == "sent" for r in reports)
        assert reminders.history(s, made["tuyengiao"], "assignment", assignment.id) == mine
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        reminders.history(s, made["yte"], "assignment", assignment.id)


def test_with_two_programs_each_is_reminded_of_on_its_own_and_the_first_keeps_its_keys(people, smtp):
    """A second program's report and task reminders carry its code; the first's keys are as before; the
    digest sets each program's tasks under headings that name it."""
    from tests.services.test_two_programs import second_program

    engine, _ = people
    day = DUE + timedelta(days=4)
    with session_scope(engine) as s:
        before = {d.key for d in reminders.decide(s, get_settings(), day)}
        second_program(s)
    with session_scope(engine) as s:
        decided = reminders.decide(s, get_settings(), day)
        queued = reminders.sweep(s, get_settings(), day).queued
    with session_scope(engine) as s:
        stored = set(s.exec(select(Reminder.idempotency_key).where(Reminder.rule != "daily_digest")))
    keys = {d.key for d in decided}
    assert before < keys and stored == keys and queued == len(keys)
    youth = {d.key for d in decided if d.subject.label.startswith("KH-NQ45/")}
    assert youth and all(":report:" in k for k in youth)
    what = {d.subject.what for d in decided if d.subject.kind == "report"}
    assert "Báo cáo kỳ 2026-H2 về kết quả thực hiện KH-NQ45" in what
    assert "Báo cáo kỳ 2026-H2 về kết quả thực hiện CTHD-NQ42" in what
    assert any(d.subject.kind == "assignment" and d.subject.label == "III.1.1" and d.subject.org.code == "SO-YTE"
               for d in decided)
    outbox.deliver(engine, get_settings())
    body = next(m for m in smtp.messages if m["To"] == "yte@laichau.gov.vn").get_content()
    assert "KH-NQ45 — Nhóm III.1. Công tác thanh niên" in body
    assert "Nhiệm vụ III.1.1 (chủ trì)" in body.split("KH-NQ45 — Nhóm III.1.")[1]

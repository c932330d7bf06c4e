"""One email a day: the sweep's reminders reach each recipient as one digest; urging still goes at once;
``remind`` drains what it queued or says what remains; the dry run and the sweep escalate equally far."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlmodel import func, select

from tests.conftest import make_actor
from tests.notify.conftest import DUE
from tracker.cli import main
from tracker.config import get_settings
from tracker.db import session_scope
from tracker.models import Assignment, Notice, Organisation, Reminder, Task, User
from tracker.notify import outbox
from tracker.services import reminders, urging

ALL_PAST = date(2031, 1, 15)  # every deadline of the seed is past


@pytest.fixture
def province(seeded, smtp):
    """An officer for every body of the seed with work, the monitor and the provincial leader, all with email."""
    get_settings.cache_clear()
    with session_scope(seeded) as s:
        codes = sorted(set(s.exec(select(Organisation.code).join(
            Assignment, Assignment.organisation_id == Organisation.id))))
    made = {code: make_actor(seeded, f"cb-{code.lower()}", "agency", code) for code in codes}
    made["monitor"] = make_actor(seeded, "tuyengiao", "monitor", "BTG-TU")
    made["leader"] = make_actor(seeded, "bithu", "leader", "TU")
    with session_scope(seeded) as s:
        for user in s.exec(select(User)):
            user.email = f"{user.username}@laichau.gov.vn"
            s.add(user)
    return seeded, made


def test_a_sweep_when_every_deadline_is_past_sends_each_recipient_one_email(province, smtp):
    engine, made = province
    for _ in range(2):  # the same day again: nothing more
        with session_scope(engine) as s:
            reminders.sweep(s, get_settings(), ALL_PAST)
        outbox.deliver(engine, get_settings())
    per_recipient = Counter(m["To"] for m in smtp.messages)
    assert len(per_recipient) == len(made) and set(per_recipient.values()) == {1}  # the monitor had 274, the leader 162
    with session_scope(engine) as s:
        notices = Counter(s.exec(select(Notice.user_id)))
        escalated = s.exec(select(func.count()).select_from(Reminder).where(
            Reminder.recipient_user_id == made["monitor"].user_id, Reminder.channel == "email",
            Reminder.rule.like("%_escalation"), Reminder.state == "sent")).one()
        unsent = s.exec(select(func.count()).select_from(Reminder).where(Reminder.state != "sent")).one()
    assert len(notices) == len(made) and set(notices.values()) == {1} and unsent == 0
    monitor = next(m for m in smtp.messages if m["To"] == "tuyengiao@laichau.gov.vn").get_content()
    assert "II. BÁO CÁO VƯỢT CẤP" in monitor or "I. BÁO CÁO VƯỢT CẤP" in monitor
    assert "Huyện ủy Sìn Hồ (xem và đôn đốc tại: http://localhost:8501/theo-doi)" in monitor
    assert escalated > 100 and monitor.count("\n   - ") == escalated  # every escalation, each once
    officer = next(m for m in smtp.messages if m["To"] == "cb-hu-sinho@laichau.gov.vn").get_content()
    assert "Báo cáo định kỳ (xem và thực hiện tại: http://localhost:8501/bao-cao)" in officer
    assert "(xem và thực hiện tại: http://localhost:8501/nhiem-vu-don-vi)" in officer and "   Nhóm III." in officer
    assert "Lai Châu, ngày 15 tháng 01 năm 2031" in officer and "đã quá hạn" in officer


def test_urging_goes_at_once_after_the_days_digest(people, smtp):
    engine, made = people
    day = DUE + timedelta(days=8)
    with session_scope(engine) as s:
        reminders.sweep(s, get_settings(), day)
    outbox.deliver(engine, get_settings())
    assert Counter(m["To"] for m in smtp.messages)["sinho@laichau.gov.vn"] == 1
    with session_scope(engine) as s:
        urging.urge(s, made["tuyengiao"], get_settings(), "HU-SINHO", "Đề nghị khẩn trương báo cáo.", day)
    assert outbox.deliver(engine, get_settings()).sent == 2  # the email and the notice, without waiting a day
    urged = [m for m in smtp.messages if m["To"] == "sinho@laichau.gov.vn"][-1]
    assert urged["Subject"].startswith("[Đôn đốc]") and "Đề nghị khẩn trương báo cáo." in urged.get_content()


def test_remind_delivers_everything_it_queued(people, smtp, monkeypatch, capsys):
    monkeypatch.setattr(outbox, "BATCH", 1)  # one message per batch: the sender must go on to the next
    assert main(["remind", "--as-of", (DUE + timedelta(days=8)).isoformat()]) == 0
    assert "Đã gửi hết" in capsys.readouterr().out
    engine, _ = people
    with session_scope(engine) as s:
        assert outbox.waiting(s) == 0
    assert len(smtp.messages) == 4  # the two officers, the monitor and the leader


def test_remind_says_how_many_remain_and_that_the_worker_sends_them(people, smtp, capsys):
    smtp.reply = "421 4.3.0 Service not available, try again later"
    assert main(["remind", "--as-of", (DUE + timedelta(days=8)).isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Còn 4 thư, thông báo chưa gửi" in out and "worker" in out


def test_the_dry_run_and_the_sweep_escalate_equally_far(people):
    """A body three levels below the top: its leaders, its parent's, grandparent's and great-grandparent's."""
    engine, _ = people
    with session_scope(engine) as s:
        kind = s.exec(select(Organisation.kind).where(Organisation.code == "HU-SINHO")).one()
        parent = None
        for level in ("tinh", "huyen", "xa", "thon"):
            org = Organisation(code=f"T-{level.upper()}", name=f"Cấp {level}", kind=kind,
                               parent_id=parent.id if parent else None)
            s.add(org)
            s.flush()
            parent = org
        task = s.exec(select(Task).order_by(Task.id)).first()
        assignment = Assignment(task_id=task.id, organisation_id=parent.id, role="lead", deadline=DUE,
                                report_cadence="none")
        s.add(assignment)
        s.flush()
        subject = assignment.id
    for level in ("tinh", "huyen", "xa", "thon"):
        make_actor(engine, f"lanhdao-{level}", "leader", f"T-{level.upper()}")
    day = DUE + timedelta(days=8)
    with session_scope(engine) as s:
        dry = {d.key for d in reminders.sweep(s, get_settings(), day, dry_run=True).decisions
               if d.rule == "assignment_escalation" and d.subject.subject_id == subject}
        reminders.sweep(s, get_settings(), day)
    with session_scope(engine) as s:
        queued = set(s.exec(select(Reminder.idempotency_key).where(
            Reminder.rule == "assignment_escalation", Reminder.subject_id == subject)))
        reached = set(s.exec(select(User.username).join(Reminder, Reminder.recipient_user_id == User.id).where(
            Reminder.rule == "assignment_escalation", Reminder.subject_id == subject)))
    assert dry == queued
    assert reached == {"tuyengiao", "lanhdao-tinh", "lanhdao-huyen", "lanhdao-xa", "lanhdao-thon"}

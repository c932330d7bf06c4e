"""Read functions of the monitor's pages: pending extensions, every directive thread, failed reminders."""

from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.clock import utcnow
from tracker.db import session_scope
from tracker.models import Assignment, AuditEvent, Reminder, Task
from tracker.notify import outbox
from tracker.services import directives, extensions, notices
from tracker.services.permissions import PermissionDenied


@pytest.fixture
def ctx(seeded):
    people = {"sinho": ("agency", "HU-SINHO"), "yte": ("agency", "SO-YTE"), "monitor": ("monitor", "BTG-TU"),
              "leader": ("leader", "BTV-TU"), "admin": ("admin", "BTG-TU")}
    return seeded, {name: make_actor(seeded, name, role, org) for name, (role, org) in people.items()}


def late_assignment(s, org_id: int) -> int:
    assignment = s.exec(select(Assignment).where(Assignment.organisation_id == org_id)).first()
    assignment.deadline = date(2026, 10, 31)
    s.add(assignment)
    s.flush()
    return assignment.id


def test_pending_extensions_for_the_monitor_only(ctx):
    engine, a = ctx
    with session_scope(engine) as s:
        assignment_id = late_assignment(s, a["sinho"].organisation_id)
        extensions.request(s, a["sinho"], assignment_id, date(2027, 3, 31), "Chờ hướng dẫn của tỉnh")
    with session_scope(engine) as s:
        [row] = extensions.pending(s, a["monitor"])
        assert (row["organisation"], row["requested_by"], row["old_deadline"], row["new_deadline"]) == (
            "HU-SINHO", "sinho", "2026-10-31", "2027-03-31")
        assert row["reason"] == "Chờ hướng dẫn của tỉnh" and row["task"] and row["task_text"]
        extensions.decide(s, a["monitor"], row["id"], grant=False, note="Không có căn cứ")
    with session_scope(engine) as s:
        assert extensions.pending(s, a["monitor"]) == []
    for who in ("sinho", "leader", "admin"):
        with pytest.raises(PermissionDenied), session_scope(engine) as s:
            extensions.pending(s, a[who])


def test_all_threads_name_their_subject_and_replies(ctx):
    engine, a = ctx
    with session_scope(engine) as s:
        task_id = s.exec(select(Task.id).where(Task.code == "III.6.b.3")).one()
        sinho_id = a["sinho"].organisation_id
        assignment_id = late_assignment(s, sinho_id)
        on_task = directives.write(s, a["leader"], "Tập trung giảm suy dinh dưỡng.", task_id=task_id)
        directives.write(s, a["leader"], "Rà soát tiến độ.", assignment_id=assignment_id)
        on_body = directives.write(s, a["leader"], "Báo cáo trước 15/12.", organisation_id=sinho_id)
        directives.reply(s, a["sinho"], on_body.id, "Đã báo cáo.")
        directives.reply(s, a["monitor"], on_task.id, "Ban Tuyên giáo sẽ theo dõi.")
    with session_scope(engine) as s:
        threads = directives.all_threads(s, a["monitor"])
        assert threads == directives.all_threads(s, a["leader"])
        subjects = {(x["subject_type"], x["task"], x["organisation"]) for x in threads}
        task_code = s.exec(select(Task.code).join(Assignment, Assignment.task_id == Task.id)
                           .where(Assignment.id == assignment_id)).one()
        assert subjects == {("task", "III.6.b.3", ""), ("assignment", task_code, "HU-SINHO"),
                            ("organisation", "", "HU-SINHO")}
        by_body = next(x for x in threads if x["subject_type"] == "organisation")
        assert [(r["author"], r["author_org"], r["body"]) for r in by_body["replies"]] == [
            ("sinho", "HU-SINHO", "Đã báo cáo.")]
        assert by_body["author"] == "leader" and by_body["author_org"] == "BTV-TU"
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        directives.all_threads(s, a["sinho"])


def test_task_index_is_for_directive_writers(ctx):
    engine, a = ctx
    with session_scope(engine) as s:
        tasks = directives.task_index(s, a["leader"])
        assert len(tasks) == len(s.exec(select(Task)).all())
        assert {"id", "code", "text"} == set(tasks[0])
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        directives.task_index(s, a["monitor"])


def test_email_opt_out_reads_the_own_setting(ctx):
    engine, a = ctx
    with session_scope(engine) as s:
        assert notices.email_opt_out(s, a["sinho"]) is False
        notices.set_email_opt_out(s, a["sinho"], True)
    with session_scope(engine) as s:
        assert notices.email_opt_out(s, a["sinho"]) is True and notices.email_opt_out(s, a["yte"]) is False


def add_failed(s, user_id: int, org_id: int) -> int:
    row = Reminder(idempotency_key=f"test:{user_id}", rule="before_due", step="before_7", subject_type="assignment",
                   subject_id=1, due_on=date(2026, 12, 1), recipient_user_id=user_id, recipient_org_id=org_id,
                   recipient_email="sinho@example.vn", channel="email", subject="Nhắc hạn", body="...",
                   state="failed", attempts=7, last_error="550 mailbox unavailable", next_attempt_at=utcnow())
    s.add(row)
    s.flush()
    return row.id


def test_failed_reminders_listed_and_retried_by_the_admin(ctx):
    engine, a = ctx
    with session_scope(engine) as s:
        add_failed(s, a["sinho"].user_id, a["sinho"].organisation_id)
    with session_scope(engine) as s:
        [row] = outbox.failed(s, a["admin"])
        assert (row["recipient"], row["email"], row["attempts"], row["last_error"]) == (
            "sinho", "sinho@example.vn", 7, "550 mailbox unavailable")
    for who in ("monitor", "sinho"):
        with pytest.raises(PermissionDenied), session_scope(engine) as s:
            outbox.retry_failed_as(s, a[who])
        with pytest.raises(PermissionDenied), session_scope(engine) as s:
            outbox.failed(s, a[who])
    with session_scope(engine) as s:
        assert outbox.retry_failed_as(s, a["admin"]) == 1
    with session_scope(engine) as s:
        assert outbox.failed(s, a["admin"]) == []
        assert s.exec(select(Reminder.state, Reminder.attempts)).all() == [("pending", 0)]
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "retry")).one()
        assert event.summary == {"count": 1} and event.actor_id == a["admin"].user_id

"""Ongoing tasks (thường xuyên) are judged per period, never completed; a deliverable task completes as before."""

from collections import Counter
from datetime import date, datetime, timezone

import pytest
from sqlmodel import select

from tracker.db import session_scope
from tracker.models import Assignment, AuditEvent, Organisation, Task
from tracker.seeding import load_seed
from tracker.services import actions, assignments, dashboard, reports, status, workspace
from tracker.services.actions import ActionInput
from tracker.services.actor import Actor

IN_H2 = date(2026, 11, 29)       # the assignments report half-yearly: the current period is 2026-H2
NEXT_PERIOD = date(2027, 1, 10)  # 2027-H1: nothing recorded yet


@pytest.fixture
def ctx(seeded):
    """HU-SINHO's assignment on the ongoing III.1.1 and SO-YTE's on the deliverable III.6.b.1, with their actors."""
    with session_scope(seeded) as s:
        found = {(org, task): a for a, org, task in s.exec(
            select(Assignment, Organisation.code, Task.code).join(Organisation).join(Task, Task.id == Assignment.task_id)
            .where(Task.code.in_(("III.1.1", "III.6.b.1"))))}
        ongoing, deliverable = found["HU-SINHO", "III.1.1"], found["SO-YTE", "III.6.b.1"]
        btg = s.exec(select(Organisation.id).where(Organisation.code == "BTG-TU")).one()
        people = {"sinho": Actor(None, "sinho", "agency", ongoing.organisation_id),
                  "yte": Actor(None, "yte", "agency", deliverable.organisation_id),
                  "monitor": Actor(None, "tg", "monitor", btg)}
        return seeded, people, ongoing.id, deliverable.id


def log_full(engine, actor, assignment_id, acted_on):
    with session_scope(engine) as s:
        actions.log_action(s, actor, assignment_id, ActionInput(acted_on, "Tổ chức 20 buổi tuyên truyền", 100),
                           today=acted_on)


def status_everywhere(engine, people, assignment_id, today) -> set[str]:
    """The status of one assignment as the body's list and the monitor's list give it; the dashboard's
    rollup of its body and group counts what the monitor's list shows one by one."""
    with session_scope(engine, read_only=True) as s:
        listed = workspace.all_assignments(s, people["monitor"], today=today)
        row = next(r for r in listed if r["id"] == assignment_id)
        a = s.get(Assignment, assignment_id)
        actor = people["sinho"] if a.organisation_id == people["sinho"].organisation_id else people["yte"]
        own = next(r for r in assignments.for_body(s, actor, today=today) if r["id"] == assignment_id)
        rollup = dashboard.rollup(s, people["monitor"], today, group=row["group"][:5].rstrip("."),
                                  organisation=row["organisation"])
    assert own["status_label"] == row["status_label"] == status.LABELS_VI[row["status"]]
    same = Counter(r["status"] for r in listed if r["organisation"] == row["organisation"]
                   and r["group"].startswith(rollup[0]["group"]))
    assert {code: rollup[0][code] for code in status.STATUSES} == {code: same[code] for code in status.STATUSES}
    return {row["status"], own["status"]}


def test_an_ongoing_task_logged_at_100_is_reported_this_period_and_not_completed(ctx):
    engine, people, ongoing, _ = ctx
    assert status_everywhere(engine, people, ongoing, IN_H2) == {status.NO_RESULT_IN_PERIOD}
    log_full(engine, people["sinho"], ongoing, date(2026, 9, 1))
    with session_scope(engine, read_only=True) as s:
        a = s.get(Assignment, ongoing)
        assert (a.progress_pct, a.completed_on) == (100, None)
    assert status_everywhere(engine, people, ongoing, IN_H2) == {status.REPORTED_IN_PERIOD}
    assert status.LABELS_VI[status.REPORTED_IN_PERIOD] == "Đã báo cáo kết quả trong kỳ"
    assert status_everywhere(engine, people, ongoing, NEXT_PERIOD) == {status.NO_RESULT_IN_PERIOD}
    assert status.LABELS_VI[status.NO_RESULT_IN_PERIOD] == "Chưa có kết quả trong kỳ"
    with session_scope(engine, read_only=True) as s:
        rows = dashboard.rollup(s, people["monitor"], IN_H2)
    done = dashboard.status_counts(rows)
    assert done[status.DONE_ON_TIME] == done[status.DONE_LATE] == 0  # nothing ongoing counts as completed


def test_an_action_of_an_earlier_period_does_not_count(ctx):
    engine, people, ongoing, _ = ctx
    log_full(engine, people["sinho"], ongoing, date(2026, 5, 20))  # 2026-H1
    assert status_everywhere(engine, people, ongoing, IN_H2) == {status.NO_RESULT_IN_PERIOD}
    assert status_everywhere(engine, people, ongoing, date(2026, 6, 30)) == {status.REPORTED_IN_PERIOD}


def test_an_accepted_report_for_the_period_counts_as_results(ctx):
    engine, people, ongoing, _ = ctx
    today = date(2026, 12, 20)
    with session_scope(engine) as s:
        report = reports.open_report(s, people["sinho"], people["sinho"].organisation_id, "2026-H2")
        reports.save_draft(s, people["sinho"], report.id, {"sections": {"III.1": {"done": "Tuyên truyền"}}})
        reports.submit(s, people["sinho"], report.id, now=datetime(2026, 12, 10, tzinfo=timezone.utc))
    assert status_everywhere(engine, people, ongoing, today) == {status.NO_RESULT_IN_PERIOD}  # not yet accepted
    with session_scope(engine) as s:
        reports.review(s, people["monitor"], report.id, accept=True)
    assert status_everywhere(engine, people, ongoing, today) == {status.REPORTED_IN_PERIOD}


def test_a_deliverable_task_completes_as_before(ctx):
    engine, people, _, deliverable = ctx
    log_full(engine, people["yte"], deliverable, date(2026, 9, 1))
    with session_scope(engine, read_only=True) as s:
        a = s.get(Assignment, deliverable)
        assert (a.progress_pct, a.completed_on) == (100, date(2026, 9, 1))
        own = next(r for r in assignments.for_body(s, people["yte"], today=IN_H2) if r["id"] == deliverable)
    assert own["deliverable"].startswith("Trung tâm y tế cấp huyện") and own["ongoing"] is False
    assert status_everywhere(engine, people, deliverable, IN_H2) == {status.DONE_ON_TIME}
    assert status_everywhere(engine, people, deliverable, NEXT_PERIOD) == {status.DONE_ON_TIME}


def test_the_seed_marks_deliverables_and_keeps_the_monitors_choice(seeded, seed_bundle):
    with session_scope(seeded) as s:
        marked = {t.code: t.deliverable for t in s.exec(select(Task).where(Task.ongoing.is_(False)))}
        assert set(marked) == {"III.2.1", "III.5.a.3", "III.6.b.1"} and all(marked.values())
        back = s.exec(select(Task).where(Task.code == "III.6.b.1")).one()
        back.ongoing, back.deliverable = True, ""  # as a database initialised before issue 14 has it
        edited = s.exec(select(Task).where(Task.code == "III.5.a.3")).one()
        edited.deliverable = "Tờ trình của Sở Nội vụ"  # the monitor's own wording
        s.add_all([back, edited])
    with session_scope(seeded) as s:
        assert load_seed(s, seed_bundle).total == 0
    with session_scope(seeded) as s:
        tasks = {t.code: t for t in s.exec(select(Task).where(Task.code.in_(("III.6.b.1", "III.5.a.3"))))}
        assert (tasks["III.6.b.1"].ongoing, tasks["III.5.a.3"].deliverable) == (False, "Tờ trình của Sở Nội vụ")
        updates = s.exec(select(AuditEvent).where(AuditEvent.action == "update", AuditEvent.object_type == "task")).all()
        assert [e.object_id for e in updates] == [str(tasks["III.6.b.1"].id)]
    with session_scope(seeded) as s:
        load_seed(s, seed_bundle)
        assert len(s.exec(select(AuditEvent).where(AuditEvent.object_type == "task",
                                                   AuditEvent.action == "update")).all()) == 1

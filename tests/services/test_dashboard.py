"""The dashboard rollup agrees with the status of each assignment computed one by one."""

from collections import Counter
from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.models import Assignment, Organisation, Task
from tracker.services import actions, dashboard, status, workspace
from tracker.services.actions import ActionInput
from tracker.services.permissions import PermissionDenied

TODAY = date(2026, 11, 29)


@pytest.fixture
def busy(seeded):
    """Some assignments late, some in progress, some done (on time and late)."""
    sinho = make_actor(seeded, "sinho", "agency", "HU-SINHO")
    yte = make_actor(seeded, "yte", "agency", "SO-YTE")
    leader = make_actor(seeded, "bithu", "leader", "BTV-TU")
    with session_scope(seeded) as s:
        def a(org, task):
            return s.exec(select(Assignment).join(Task, Task.id == Assignment.task_id).join(Organisation).where(
                Organisation.code == org, Task.code == task)).one()
        plan = [(sinho, a("HU-SINHO", "III.1.1"), date(2026, 6, 30), [(date(2026, 6, 1), 100)]),
                (sinho, a("HU-SINHO", "III.1.2"), date(2026, 6, 30), [(date(2026, 8, 1), 100)]),
                (sinho, a("HU-SINHO", "III.9.1"), date(2026, 10, 31), [(date(2026, 9, 1), 40)]),
                (yte, a("SO-YTE", "III.6.b.1"), date(2026, 9, 30), []),
                (yte, a("SO-YTE", "III.6.b.2"), date(2027, 6, 30), [(date(2026, 11, 1), 50)])]
        for actor, assignment, deadline, steps in plan:
            assignment.deadline = deadline
            s.get(Task, assignment.task_id).ongoing = False  # deadline statuses are those of deliverable tasks
            s.add(assignment)
            s.flush()
            for day, pct in steps:
                actions.log_action(s, actor, assignment.id, ActionInput(day, "Kết quả", pct), today=TODAY)
    return seeded, leader


def test_rollup_matches_statuses_derived_one_by_one(busy):
    engine, leader = busy
    with session_scope(engine) as s:
        rows = dashboard.rollup(s, leader, today=TODAY)
        one_by_one = Counter(r["status"] for r in workspace.all_assignments(s, leader, today=TODAY))
    assert dashboard.status_counts(rows) == {c: one_by_one.get(c, 0) for c in status.STATUSES}
    sinho = {r["group"]: r for r in rows if r["organisation"] == "HU-SINHO"}
    assert sinho["III.1"]["done_on_time"] == 1 and sinho["III.1"]["done_late"] == 1
    assert sinho["III.9"]["in_progress_overdue"] == 1 and sinho["III.9"]["overdue"] == 1
    health = [r for r in rows if r["organisation"] == "SO-YTE" and r["group"] == "III.6"][0]
    assert health["not_started"] >= 1 and health["in_progress_on_time"] == 1 and health["overdue"] == 1
    assert {r["group"] for r in rows} == {f"III.{n}" for n in range(1, 10)}


def test_filters_and_permission(busy):
    engine, leader = busy
    with session_scope(engine) as s:
        only = dashboard.rollup(s, leader, today=TODAY, group="III.6", organisation="SO-YTE")
        assert [(r["group"], r["organisation"]) for r in only] == [("III.6", "SO-YTE")]
    agency = make_actor(engine, "x", "agency", "HU-SINHO")
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        dashboard.rollup(s, agency)


def _reminder(s, n, kind, subject_id, step, due_on, state="sent"):
    from tracker.models import Reminder
    from tracker.clock import utcnow
    s.add(Reminder(idempotency_key=f"t:{n}", rule=f"{kind}_due", step=step, subject_type=kind, subject_id=subject_id,
                   due_on=due_on, channel="inapp", subject="Nhắc việc", body="Nhắc việc", state=state,
                   sent_at=utcnow() if state == "sent" else None))


def test_reminders_sent_counts_occasions_of_sent_rows_only(busy):
    engine, leader = busy
    with session_scope(engine) as s:
        late = s.exec(select(Assignment).join(Task, Task.id == Assignment.task_id).join(Organisation).where(
            Organisation.code == "HU-SINHO", Task.code == "III.9.1")).one()
        other = s.exec(select(Assignment).join(Organisation).where(Organisation.code == "SO-YTE")).first()
        org_id = late.organisation_id
        rows = [("assignment", late.id, "overdue_1", late.deadline),
                ("assignment", late.id, "overdue_1", late.deadline),
                ("assignment", late.id, "overdue_4", late.deadline), ("report", org_id, "due", date(2026, 6, 15)),
                ("report", org_id, "due", date(2026, 12, 15)), ("organisation", org_id, "manual", TODAY),
                ("assignment", other.id, "overdue_1", TODAY)]
        for n, (kind, subject_id, step, due_on) in enumerate(rows):
            _reminder(s, n, kind, subject_id, step, due_on)
        _reminder(s, 99, "assignment", late.id, "overdue_7", late.deadline, state="pending")
        late_id = late.id
    with session_scope(engine) as s:
        sent = dashboard.reminders_sent(s, leader, [late_id], [org_id])
    by = {(r["subject_type"], r["subject_id"]): r for r in sent}
    assert set(by) == {("assignment", late_id), ("report", org_id), ("organisation", org_id)}
    assert (by[("assignment", late_id)]["reminders"], by[("assignment", late_id)]["messages"]) == (2, 3)
    assert by[("report", org_id)]["reminders"] == 2 and by[("organisation", org_id)]["reminders"] == 1
    assert all(r["last_sent_at"] for r in sent)
    with session_scope(engine) as s:
        assert dashboard.reminders_sent(s, leader) == []
    agency = make_actor(engine, "y", "agency", "HU-SINHO")
    with pytest.raises(PermissionDenied), session_scope(engine) as s:
        dashboard.reminders_sent(s, agency, [late_id])


def _row(group, org, total, overdue=0, progress=0.0, **counts):
    row = {"group": group, "organisation": org, "organisation_name": org.title(), "assignments": total,
           "overdue": overdue, "progress": progress, **{code: 0 for code in status.STATUSES}}
    row.update(counts)
    return row


def test_dominant_status_prefers_the_worrying_one_on_a_tie():
    assert dashboard.dominant_status(_row("III.1", "a", 3, done_on_time=2, not_started=1)) == "done_on_time"
    assert dashboard.dominant_status(_row("III.1", "a", 2, done_on_time=1, in_progress_overdue=1)) == \
        "in_progress_overdue"


def test_heatmap_cells_keep_the_bodies_with_most_overdue_work():
    rows = [_row("III.1", "a", 4, overdue=1, not_started=4), _row("III.2", "a", 2, overdue=1, not_started=2),
            _row("III.1", "b", 1, overdue=1, in_progress_overdue=1), _row("III.1", "c", 5, done_on_time=5)]
    cells = dashboard.heatmap_cells(rows)
    assert len(cells) == len(rows) and [c["organisation"] for c in cells] == ["a", "a", "b", "c"]
    top = dashboard.heatmap_cells(rows, limit=2)
    assert {c["organisation"] for c in top} == {"a", "b"} and len(top) == 3
    b = next(c for c in top if c["organisation"] == "b")
    assert b["overdue_share"] == 100.0 and b["dominant"] == "in_progress_overdue"


def test_group_progress_is_weighted_by_assignments():
    rows = [_row("III.2", "a", 3, progress=100.0), _row("III.2", "b", 1, progress=0.0),
            _row("III.1", "a", 2, progress=50.0)]
    assert dashboard.group_progress(rows) == [{"group": "III.1", "assignments": 2, "progress": 50.0},
                                              {"group": "III.2", "assignments": 4, "progress": 75.0}]

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

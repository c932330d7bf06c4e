"""A body reads its own assignments; another body's are refused and the refusal audited."""

import pytest
from sqlmodel import select

from tracker.db import session_scope
from tracker.models import AuditEvent, Organisation
from tracker.services import assignments
from tracker.services.actor import Actor
from tracker.services.permissions import PermissionDenied


def org_id(s, code):
    return s.exec(select(Organisation.id).where(Organisation.code == code)).one()


def test_an_agency_sees_only_its_own_assignments(seeded):
    with session_scope(seeded) as s:
        sinho = Actor(None, "sinho", "agency", org_id(s, "HU-SINHO"))
        rows = assignments.for_body(s, sinho)
    assert {r["organisation"] for r in rows} == {"HU-SINHO"}
    assert {r["task"] for r in rows} == {"III.1.1", "III.1.2", "III.9.1"}


def test_a_forged_body_id_is_refused_and_audited(seeded):
    with session_scope(seeded) as s:
        sinho = Actor(None, "sinho", "agency", org_id(s, "HU-SINHO"))
        other = org_id(s, "SO-YTE")
    with pytest.raises(PermissionDenied):
        with session_scope(seeded) as s:
            assignments.for_body(s, sinho, other)
    with session_scope(seeded) as s:
        event = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "permission_denied" and event.object_id == str(other)


@pytest.mark.parametrize("role", ["leader", "monitor", "admin"])
def test_overseers_read_any_body(seeded, role):
    with session_scope(seeded) as s:
        actor = Actor(None, role, role, org_id(s, "BTG-TU"))
        rows = assignments.for_body(s, actor, org_id(s, "SO-YTE"))
    assert rows and {r["organisation"] for r in rows} == {"SO-YTE"}


def test_my_assignments_come_most_urgent_first_with_next_report_due(seeded):
    from datetime import date

    from tracker.models import Assignment, Task

    with session_scope(seeded) as s:
        sinho = Actor(None, "sinho", "agency", org_id(s, "HU-SINHO"))
        late = s.exec(select(Assignment).join(Task, Task.id == Assignment.task_id).where(
            Assignment.organisation_id == sinho.organisation_id, Task.code == "III.9.1")).one()
        late.deadline, late.progress_pct = date(2026, 10, 1), 30
        s.get(Task, late.task_id).ongoing = False  # a deliverable task: only those have a deadline to miss
        s.add(late)
    with session_scope(seeded) as s:
        rows = assignments.for_body(s, sinho, today=date(2026, 11, 29))
    assert rows[0]["task"] == "III.9.1" and rows[0]["status"] == "in_progress_overdue" and rows[0]["days_overdue"] == 59
    assert {r["next_report_due"] for r in rows} == {"2026-12-15"}
    assert [r["status"] for r in rows[1:]] == ["no_result_in_period", "no_result_in_period"], "ongoing ones"

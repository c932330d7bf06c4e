"""The cascade of leads: the People's Committee's plan makes a department lead its field (IV.2)."""

from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import Assignment, AuditEvent, Organisation, Task
from tracker.services import assignments, dashboard, delegation, workspace
from tracker.services.permissions import PermissionDenied

TODAY = date(2026, 11, 29)
PLAN = "125/KH-UBND"


@pytest.fixture
def monitor(seeded):
    return seeded, make_actor(seeded, "tuyengiao", "monitor", "BTG-TU")


def assignment_of(s, task: str, org: str) -> Assignment | None:
    return s.exec(select(Assignment).join(Task, Task.id == Assignment.task_id)
                  .join(Organisation, Organisation.id == Assignment.organisation_id)
                  .where(Task.code == task, Organisation.code == org)).first()


def delegate(engine, actor, task: str, to: str, frm: str = "BCSD-UBND", role: str = "lead", basis: str = PLAN):
    with session_scope(engine) as s:
        return delegation.delegate(s, actor, assignment_of(s, task, frm).id, to, role, basis, today=TODAY).id


def test_a_department_takes_the_lead_and_the_committee_stays_answerable(monitor):
    engine, m = monitor
    with session_scope(engine) as s:
        assert assignment_of(s, "III.6.b.1", "SO-YTE").role == "coordinate"  # the seed's default
    child_id = delegate(engine, m, "III.6.b.1", "SO-YTE")
    with session_scope(engine) as s:
        parent, child = assignment_of(s, "III.6.b.1", "BCSD-UBND"), s.get(Assignment, child_id)
        assert (child.role, child.basis, child.delegated_from_id) == ("lead", PLAN, parent.id)
        assert parent.cancelled_at is None and parent.role == "lead"
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "delegate")).one()
        assert event.object_id == str(child_id) and event.summary["before"]["role"] == "coordinate"
        rows = delegation.cascades(s, m)
    assert [(r["task"], r["organisation"], r["basis"], r["from_organisation"]) for r in rows] == \
        [("III.6.b.1", "SO-YTE", PLAN, "BCSD-UBND")]


def test_the_body_and_the_monitor_read_where_the_duty_came_from(monitor):
    engine, m = monitor
    child_id = delegate(engine, m, "III.6.b.1", "SO-YTE")
    yte = make_actor(engine, "soyte", "agency", "SO-YTE")
    origin = {"basis": PLAN, "from_name": "BCSĐ UBND tỉnh"}
    with session_scope(engine) as s:
        mine = {r["id"]: r["origin"] for r in assignments.for_body(s, yte, today=TODAY)}
        every = {r["id"]: r["origin"] for r in workspace.all_assignments(s, m, today=TODAY)}
    assert mine[child_id] == every[child_id] == origin
    assert sum(o is not None for o in mine.values()) == 1 and sum(o is not None for o in every.values()) == 1


def test_a_new_body_gets_the_task_with_its_parent_terms_and_undo_cancels_it(monitor):
    engine, m = monitor
    child_id = delegate(engine, m, "III.6.b.2", "SO-GDDT", role="coordinate")
    with session_scope(engine) as s:
        parent, child = assignment_of(s, "III.6.b.2", "BCSD-UBND"), s.get(Assignment, child_id)
        assert (child.deadline, child.report_cadence, child.role) == (parent.deadline, parent.report_cadence,
                                                                      "coordinate")
        delegation.undelegate(s, m, child_id)
    with session_scope(engine) as s:
        assert s.get(Assignment, child_id).cancelled_at is not None and delegation.cascades(s, m) == []


def test_undo_gives_a_taken_over_assignment_back_its_role(monitor):
    engine, m = monitor
    child_id = delegate(engine, m, "III.6.b.1", "SO-YTE")
    with session_scope(engine) as s:
        delegation.undelegate(s, m, child_id)
    with session_scope(engine) as s:
        row = s.get(Assignment, child_id)
        assert (row.role, row.basis, row.delegated_from_id, row.cancelled_at) == ("coordinate", "default", None, None)
        assert s.exec(select(AuditEvent.action).where(AuditEvent.object_id == str(child_id))
                      .order_by(AuditEvent.id)).all()[-2:] == ["delegate", "undelegate"]


def test_a_duty_handed_on_is_counted_once_on_the_dashboard(monitor):
    engine, m = monitor
    with session_scope(engine) as s:
        before = {r["organisation"]: r["assignments"] for r in dashboard.rollup(s, m, TODAY, group="III.2")}
    delegate(engine, m, "III.2.3", "CA-TINH")  # Đề án 06: the police lead it under the committee's plan
    with session_scope(engine) as s:
        after = {r["organisation"]: r["assignments"] for r in dashboard.rollup(s, m, TODAY, group="III.2")}
    assert after["BCSD-UBND"] == before["BCSD-UBND"] - 1 and after["CA-TINH"] == before["CA-TINH"] == 1
    assert sum(after.values()) == sum(before.values()) - 1


def test_a_cascade_goes_on_down_but_never_back_up(monitor):
    engine, m = monitor
    delegate(engine, m, "III.6.b.1", "SO-YTE")
    delegate(engine, m, "III.6.b.1", "BHXH", frm="SO-YTE", basis="40/KH-SYT")
    with session_scope(engine) as s, pytest.raises(InvalidInput, match="vòng"):
        delegation.delegate(s, m, assignment_of(s, "III.6.b.1", "BHXH").id, "BCSD-UBND", basis="1/KH", today=TODAY)
    with session_scope(engine) as s, pytest.raises(InvalidInput, match="thu hồi các phân công đó trước"):
        delegation.undelegate(s, m, assignment_of(s, "III.6.b.1", "SO-YTE").id)


@pytest.mark.parametrize(("to", "basis", "message"), [
    ("BCSD-UBND", PLAN, "chính cơ quan"),
    ("KHONG-CO", PLAN, "KHONG-CO"),
    ("SO-YTE", "   ", "số, ký hiệu kế hoạch"),
    ("SO-YTE", "x" * 41, "dài quá 40"),
])
def test_bad_cascades_are_refused_with_nothing_written(monitor, to, basis, message):
    engine, m = monitor
    with session_scope(engine) as s, pytest.raises(InvalidInput, match=message):
        delegation.delegate(s, m, assignment_of(s, "III.6.b.1", "BCSD-UBND").id, to, basis=basis, today=TODAY)
    with session_scope(engine) as s:
        assert s.exec(select(Assignment).where(Assignment.delegated_from_id.is_not(None))).all() == []


def test_an_ended_body_and_an_unknown_role_are_refused(monitor):
    engine, m = monitor
    with session_scope(engine) as s:
        ended = s.exec(select(Organisation).where(Organisation.code == "SO-LDTBXH")).one()
        ended.ended_on = date(2025, 3, 1)
        s.add(ended)
    with session_scope(engine) as s, pytest.raises(InvalidInput, match="ngừng hoạt động"):
        delegation.delegate(s, m, assignment_of(s, "III.3.1", "BCSD-UBND").id, "SO-LDTBXH", basis=PLAN, today=TODAY)
    with session_scope(engine) as s, pytest.raises(InvalidInput, match="chủ trì"):
        delegation.delegate(s, m, assignment_of(s, "III.3.1", "BCSD-UBND").id, "SO-NV", "owner", PLAN, today=TODAY)


def test_only_the_monitor_hands_duties_on(monitor):
    engine, _ = monitor
    agency = make_actor(engine, "soyte", "agency", "SO-YTE")
    with session_scope(engine) as s, pytest.raises(PermissionDenied):
        delegation.delegate(s, agency, assignment_of(s, "III.6.b.1", "BCSD-UBND").id, "SO-YTE", basis=PLAN,
                            today=TODAY)

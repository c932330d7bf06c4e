"""Two programs in one instance (issue 15): the work, reports, summary drafts and urging letters of one
never appear under the other; a body's own list holds both, each row naming its program."""

from datetime import date

import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.models import Assignment, Organisation, Program, Report, Task, TaskGroup
from tracker.services import assignments, catalog, export, reports, summary, summary_drafts, urging, workspace
from tracker.services.catalog import UnknownProgram
from tracker.services.permissions import PermissionDenied

TODAY = date(2026, 11, 30)
BODY = "SO-YTE"


def second_program(s) -> Program:
    """A small second program (a Provincial plan on youth) with one overdue task held by BODY."""
    first = catalog.get_program(s)
    other = Program(code="KH-NQ45", number="12-KH/TU", title="Kế hoạch thực hiện Nghị quyết số 45-NQ/TW",
                    implements="Nghị quyết số 45-NQ/TW", issuer_org_id=first.issuer_org_id,
                    monitor_org_id=first.monitor_org_id, report_due_days=first.report_due_days)
    s.add(other)
    s.flush()
    group = TaskGroup(program_id=other.id, code="III.1", label="1", title="Công tác thanh niên", position=1)
    s.add(group)
    s.flush()
    task = Task(program_id=other.id, group_id=group.id, code="III.1.1", position=1, ongoing=False,
                deliverable="Đề án", text="Xây dựng Đề án phát triển thanh niên giai đoạn 2026-2030")
    s.add(task)
    s.flush()
    body = s.exec(select(Organisation).where(Organisation.code == BODY)).one()
    s.add(Assignment(task_id=task.id, organisation_id=body.id, role="lead", deadline=date(2026, 6, 30),
                     report_cadence="semiannual"))
    return other


@pytest.fixture
def two(seeded):
    with session_scope(seeded) as s:
        first, other = catalog.get_program(s).id, second_program(s).id
    return seeded, first, other


def test_a_body_sees_its_tasks_of_both_programs_each_named_and_filters_to_one(two):
    engine, first, other = two
    agency = make_actor(engine, "yte", "agency", BODY)
    with session_scope(engine) as s:
        rows = assignments.for_body(s, agency, today=TODAY)
        assert {r["program_id"] for r in rows} == {first, other}
        youth = [r for r in rows if r["program_id"] == other]
        assert [(r["program"], r["task"]) for r in youth] == [("KH-NQ45", "III.1.1")]
        only = assignments.for_body(s, agency, today=TODAY, program_id=other)
        assert [r["id"] for r in only] == [r["id"] for r in youth]
        assert all(r["program_id"] == first for r in assignments.for_body(s, agency, today=TODAY, program_id=first))


def test_reports_of_one_program_never_appear_under_the_other(two):
    engine, first, other = two
    agency = make_actor(engine, "yte", "agency", BODY)
    with session_scope(engine) as s:
        body = s.exec(select(Organisation).where(Organisation.code == BODY)).one().id
        mine = reports.open_report(s, agency, body, "2026-H2", program_id=other)
        theirs = reports.open_report(s, agency, body, "2026-H2", program_id=first)
        assert mine.id != theirs.id and (mine.program_id, theirs.program_id) == (other, first)
        assert reports.open_report(s, agency, body, "2026-H2", program_id=other).id == mine.id
        assert [r["id"] for r in reports.for_body(s, agency, body, TODAY, program_id=other)] == [mine.id]
        assert [r["id"] for r in reports.for_body(s, agency, body, TODAY, program_id=first)] == [theirs.id]
        assert s.exec(select(Report).where(Report.program_id == other)).all() == [mine]


def test_the_overdue_list_and_the_urging_letter_keep_to_their_program(two):
    engine, first, other = two
    monitor = make_actor(engine, "theodoi", "monitor", "BTG-TU")
    with session_scope(engine) as s:
        youth = workspace.all_assignments(s, monitor, workspace.AssignmentFilter(
            organisation=BODY, overdue_only=True, program_id=other), TODAY)
        assert [r["task"] for r in youth] == ["III.1.1"]
        letter = urging.letter_data(s, monitor, BODY, TODAY, program_id=other)
        assert len(letter.overdue) == 1 and letter.overdue[0].startswith("Xây dựng Đề án phát triển thanh niên")
        main = urging.letter_data(s, monitor, BODY, TODAY, program_id=first)
        assert not any("thanh niên giai đoạn 2026-2030" in line for line in main.overdue)


def test_summary_drafts_are_kept_per_program(two):
    engine, first, other = two
    monitor = make_actor(engine, "theodoi", "monitor", "BTG-TU")
    with session_scope(engine) as s:
        drafted = summary.build(s, monitor, "periodic", "2026", TODAY, program_id=other)
        assert drafted.program_id == other
        assert [g.code for g in drafted.groups] == ["III.1"]
        drafted.directions = "Phương hướng của kế hoạch thanh niên"
        assert summary_drafts.save(s, monitor, drafted, 0) == 1
    with session_scope(engine) as s:
        assert summary_drafts.load(s, monitor, "periodic", "2026", program_id=first) is None
        kept = summary_drafts.load(s, monitor, "periodic", "2026", program_id=other)
        assert kept.directions == "Phương hướng của kế hoạch thanh niên" and kept.program_id == other


def test_an_unknown_program_is_refused_by_name(two):
    engine, _, _ = two
    with session_scope(engine) as s:
        with pytest.raises(UnknownProgram, match="KHONG-CO"):
            catalog.get_program(s, "KHONG-CO")
        assert [p.code for p in catalog.programs(s)] == ["CTHD-NQ42", "KH-NQ45"]


def test_one_action_serves_tasks_of_both_programs_and_counts_in_each(two):
    """A conference studying two resolutions is logged once, linked to the other task, and is a result of each."""
    from tracker.services import actions, status
    from tracker.services.actions import ActionInput

    engine, first, other = two
    agency = make_actor(engine, "yte", "agency", BODY)
    with session_scope(engine) as s:
        rows = assignments.for_body(s, agency, today=TODAY)
        youth = next(r for r in rows if r["program_id"] == other)
        ongoing = next(r for r in rows if r["program_id"] == first and r["ongoing"])
        assert ongoing["status"] == status.NO_RESULT_IN_PERIOD
        action = actions.log_action(s, agency, youth["id"], ActionInput(
            date(2026, 11, 20), "Hội nghị quán triệt Nghị quyết 42 và Nghị quyết 45", 30), today=TODAY,
            also=[ongoing["id"], youth["id"]])
        action_id = action.id
    with session_scope(engine) as s:
        after = {r["id"]: r for r in assignments.for_body(s, agency, today=TODAY)}
        assert after[ongoing["id"]]["status"] == status.REPORTED_IN_PERIOD
        assert (after[youth["id"]]["progress_pct"], after[ongoing["id"]]["progress_pct"]) == (30, 0)
        listed = actions.list_actions(s, agency, ongoing["id"])
        assert [(a["id"], a["linked"]) for a in listed] == [(action_id, True)]
        assert [(x["program"], x["task"]) for x in listed[0]["serves"]] == [("KH-NQ45", "III.1.1"),
                                                                              ("CTHD-NQ42", ongoing["task"])]
        assert [a["linked"] for a in actions.list_actions(s, agency, youth["id"])] == [False]
        exported = export.program_document(s, "KH-NQ45")["actions"]
        assert [x["also"] for x in exported] == [[{"program": "CTHD-NQ42", "task": ongoing["task"]}]]
        foreign = s.exec(select(Assignment).join(Organisation).where(Organisation.code == "HU-SINHO")).first()
        with pytest.raises(PermissionDenied):  # another body's task: the agency may not write to it
            actions.log_action(s, agency, youth["id"], ActionInput(date(2026, 11, 21), "Thử", 30), today=TODAY,
                               also=[foreign.id])

"""The monitor assigns work, filters every assignment by derived status, and exports it."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from sqlmodel import select

from tests.conftest import make_actor
from tracker.db import session_scope
from tracker.errors import InvalidInput
from tracker.models import Assignment, Organisation, Task
from tracker.services import actions, tabular, workspace
from tracker.services.actions import ActionInput
from tracker.services.permissions import PermissionDenied
from tracker.services.workspace import AssignInput, AssignmentFilter

TODAY = date(2026, 11, 29)
DISTRICTS = ("TPU-LAICHAU", "HU-TAMDUONG", "HU-PHONGTHO", "HU-SINHO", "HU-MUONGTE", "HU-NAMNHUN", "HU-TANUYEN",
             "HU-THANUYEN")


@pytest.fixture
def monitor(seeded):
    return seeded, make_actor(seeded, "tuyengiao", "monitor", "BTG-TU")


def test_assign_a_task_to_all_district_committees_at_once(monitor):
    engine, m = monitor
    with session_scope(engine) as s:
        counts = workspace.assign(s, m, AssignInput("III.5.c.1", DISTRICTS, "lead", date(2027, 6, 30), "quarterly"),
                                  today=TODAY)
    assert counts == {"created": 8, "updated": 0}
    with session_scope(engine) as s:
        rows = workspace.all_assignments(s, m, AssignmentFilter(group="III.5"), today=TODAY)
        mine = [r for r in rows if r["task"] == "III.5.c.1" and r["organisation"] in DISTRICTS]
        assert len(mine) == 8 and {r["deadline"] for r in mine} == {"2027-06-30"}


@pytest.mark.parametrize(("fields", "message"), [
    ({"deadline": date(2026, 1, 1)}, "đã qua"),
    ({"organisation_codes": ()}, "ít nhất một"),
    ({"organisation_codes": ("KHONG-CO",)}, "KHONG-CO"),
    ({"role": "owner"}, "chủ trì"),
])
def test_bad_assignments_are_refused(monitor, fields, message):
    engine, m = monitor
    data = {"task_code": "III.5.c.1", "organisation_codes": ("HU-SINHO",), "role": "lead",
            "deadline": date(2027, 6, 30), **fields}
    with pytest.raises(InvalidInput, match=message), session_scope(engine) as s:
        workspace.assign(s, m, AssignInput(**data), today=TODAY)


def test_agencies_and_leaders_cannot_assign(monitor):
    engine, _ = monitor
    for role, org in (("agency", "HU-SINHO"), ("leader", "BTV-TU")):
        actor = make_actor(engine, f"x.{role}", role, org)
        with pytest.raises(PermissionDenied), session_scope(engine) as s:
            workspace.assign(s, actor, AssignInput("III.5.c.1", ("HU-SINHO",), "lead", date(2027, 6, 30)), today=TODAY)


def test_statuses_filters_and_overdue_bodies(monitor):
    engine, m = monitor
    sinho = make_actor(engine, "sinho", "agency", "HU-SINHO")
    with session_scope(engine) as s:
        late = s.exec(select(Assignment).join(Task, Task.id == Assignment.task_id).join(Organisation).where(
            Organisation.code == "HU-SINHO", Task.code == "III.1.1")).one()
        late.deadline = date(2026, 9, 30)
        s.get(Task, late.task_id).ongoing = False  # a deliverable task: an ongoing one is never overdue
        s.add(late)
        s.flush()
        actions.log_action(s, sinho, late.id, ActionInput(date(2026, 8, 1), "Hội nghị quán triệt", 60), today=TODAY)
    with session_scope(engine) as s:
        overdue = workspace.all_assignments(s, m, AssignmentFilter(overdue_only=True), today=TODAY)
        assert [(r["organisation"], r["task"], r["status"], r["days_overdue"]) for r in overdue] == [
            ("HU-SINHO", "III.1.1", "in_progress_overdue", 60)]
        assert workspace.overdue_bodies(s, m, today=TODAY)[0] == {
            "organisation": "HU-SINHO", "organisation_name": "Huyện ủy Sìn Hồ", "count": 1, "max_days": 60}
        quiet = workspace.all_assignments(s, m, AssignmentFilter(organisation="HU-SINHO",
                                                                 status="no_result_in_period"), today=TODAY)
        assert {r["task"] for r in quiet} == {"III.1.2", "III.9.1"}, "ongoing tasks with nothing this period"


def test_exports_have_vietnamese_headers_and_no_formulas(monitor):
    engine, m = monitor
    with session_scope(engine) as s:
        rows = workspace.all_assignments(s, m, today=TODAY)
    rows[0]["task_text"] = "=HYPERLINK(\"http://x\",\"bấm\")"
    data = tabular.to_csv(rows, tabular.ASSIGNMENT_HEADERS)
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert parsed[0][:3] == ["Mã nhiệm vụ", "Nhóm", "Mã cơ quan"] and len(parsed) == len(rows) + 1
    assert parsed[1][-1].startswith("'=HYPERLINK")
    book = openpyxl.load_workbook(io.BytesIO(tabular.to_xlsx({"Nhiệm vụ": (rows, tabular.ASSIGNMENT_HEADERS)})))
    sheet = book["Nhiệm vụ"]
    assert sheet["A1"].value == "Mã nhiệm vụ" and sheet.max_row == len(rows) + 1
    assert sheet.cell(row=2, column=10).data_type == "s" and sheet.cell(row=2, column=10).value.startswith("'=")

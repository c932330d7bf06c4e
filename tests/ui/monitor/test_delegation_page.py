"""Workspace tab "Giao tiếp": the monitor records that the People's Committee's plan makes departments lead."""

from __future__ import annotations

from sqlmodel import select

from tests.ui.conftest import errors, successes, texts
from tests.ui.monitor.conftest import click, keyed
from tracker.db import session_scope
from tracker.models import Assignment, Organisation, Task

PAGE = "workspace_page"
PLAN = "125/KH-UBND"


def assignment(task: str, org: str) -> Assignment:
    with session_scope() as s:
        return s.exec(select(Assignment).join(Task, Task.id == Assignment.task_id)
                      .join(Organisation, Organisation.id == Assignment.organisation_id)
                      .where(Task.code == task, Organisation.code == org, Assignment.cancelled_at.is_(None))).one()


def cascade_table(at):
    return next(d.value for d in at.dataframe if "Nguồn giao" in d.value.columns and "Tình trạng" not in d.value.columns)


def every_assignment_table(at):
    return next(d.value for d in at.dataframe if "Tình trạng" in d.value.columns)


def test_hand_a_task_on_to_two_departments_then_withdraw_one(page):
    parent = assignment("III.6.b.1", "BCSD-UBND")  # IV.2: the People's Committee's party delegation
    at = page(PAGE, "tuyengiao")
    assert "Chưa có nhiệm vụ nào được giao tiếp." in texts(at)
    click(at, "Giao tiếp")
    assert errors(at) == ["Hãy chọn phân công và ít nhất một cơ quan nhận."]

    keyed(at.selectbox, "mon_deleg_0_assignment").set_value(parent.id)
    keyed(at.multiselect, "mon_deleg_0_bodies").set_value(["SO-YTE", "BHXH"])
    keyed(at.text_input, "mon_deleg_0_basis").input(PLAN)
    click(at, "Giao tiếp")
    assert not errors(at) and successes(at) == [f"Đã giao tiếp nhiệm vụ III.6.b.1 cho 2 cơ quan theo {PLAN}."]
    assert keyed(at.selectbox, "mon_deleg_1_assignment").value is None, "the form starts afresh"
    table = cascade_table(at)
    assert list(table["Mã"]) == ["BHXH", "SO-YTE"] and set(table["Vai trò"]) == {"Chủ trì"}
    assert set(table["Nguồn giao"]) == {f"giao tiếp theo {PLAN} của BCSĐ UBND tỉnh"}
    assert assignment("III.6.b.1", "SO-YTE").delegated_from_id == parent.id
    listed = every_assignment_table(at)
    handed_on = listed[(listed["Nhiệm vụ"] == "III.6.b.1") & (listed["Mã"] == "SO-YTE")]
    assert list(handed_on["Nguồn giao"]) == [f"giao tiếp theo {PLAN} của BCSĐ UBND tỉnh"]

    keyed(at.selectbox, "mon_deleg_undo").set_value(assignment("III.6.b.1", "BHXH").id)
    click(at, "Thu hồi giao tiếp")
    assert not errors(at) and successes(at)[0].startswith("Đã thu hồi giao tiếp nhiệm vụ III.6.b.1")
    assert list(cascade_table(at)["Mã"]) == ["SO-YTE"]


def test_a_cascade_back_to_the_body_itself_is_refused_on_the_page(page):
    parent = assignment("III.2.3", "BCSD-UBND")
    at = page(PAGE, "tuyengiao")
    keyed(at.selectbox, "mon_deleg_0_assignment").set_value(parent.id)
    keyed(at.multiselect, "mon_deleg_0_bodies").set_value(["BCSD-UBND"])
    keyed(at.text_input, "mon_deleg_0_basis").input(PLAN)
    click(at, "Giao tiếp")
    assert errors(at) == ["Không thể giao tiếp nhiệm vụ cho chính cơ quan đang được giao."]
    assert "Chưa có nhiệm vụ nào được giao tiếp." in texts(at)

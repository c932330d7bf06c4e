"""Two programs in one instance (issue 15): the sidebar picker, remembered per user; the program page
follows it; a body's landing page lists its tasks of every program under one heading each."""

from __future__ import annotations

import pytest

from tests.services.test_two_programs import second_program
from tests.ui.conftest import add_account, login, open_page
from tests.ui.test_my_work_page import cards
from tracker.cli import main as cli_main
from tracker.db import session_scope

PICKER = "Chương trình, kế hoạch"
PROGRAM = "Chương trình hành động"


@pytest.fixture
def two_programs(tmp_path, retarget):
    retarget(tmp_path)
    assert cli_main(["init", "--as-issued"]) == 0
    with session_scope() as s:
        youth = second_program(s).id
    add_account("hai.monitor", "monitor", "BTG-TU")
    add_account("hai.yte", "agency", "SO-YTE")
    return youth


def picker(at):
    return next(s for s in at.sidebar.selectbox if s.label == PICKER)


def test_the_picker_chooses_the_program_and_is_remembered_for_the_user(two_programs, new_app):
    at = open_page(login(new_app().run(), "hai.monitor"), PROGRAM)
    assert not at.exception
    box = picker(at)
    assert box.value != two_programs and len(box.options) == 2  # the first program until one is chosen
    assert any("Chương trình hành động" in m.value for m in at.subheader)
    box.set_value(two_programs).run()
    assert not at.exception
    assert any(m.value == "Kế hoạch thực hiện Nghị quyết số 45-NQ/TW" for m in at.subheader)
    assert not any("Chương trình hành động thực hiện Nghị quyết số 42" in m.value for m in at.subheader)

    again = open_page(login(new_app().run(), "hai.monitor"), PROGRAM)  # a new session of the same user
    assert picker(again).value == two_programs
    assert any(m.value == "Kế hoạch thực hiện Nghị quyết số 45-NQ/TW" for m in again.subheader)
    other = login(new_app().run(), "hai.yte")  # another user has chosen nothing
    assert picker(other).value != two_programs


def test_the_landing_page_groups_a_bodys_tasks_by_program(two_programs, new_app):
    at = open_page(login(new_app().run(), "hai.yte"), "Nhiệm vụ của đơn vị")
    headings = [m.value for m in at.subheader]
    assert headings[0].startswith("Chương trình hành động") and "(CTHD-NQ42): 6 nhiệm vụ" in headings[0]
    assert headings[1] == "Kế hoạch thực hiện Nghị quyết số 45-NQ/TW (KH-NQ45): 1 nhiệm vụ"
    assert [card[0].strip("*") for card in cards(at)][-1] == "III.1.1"
    assert len(cards(at)) == 7


def test_the_leaders_see_every_program_side_by_side_and_the_dashboard_follows_the_picker(two_programs, new_app):
    add_account("hai.leader", "leader", "TU")
    at = login(new_app().run(), "hai.leader")  # lands on the dashboard
    assert not at.exception
    side = next(df.value for df in at.dataframe if "Chương trình, kế hoạch" in df.value.columns)
    rows = {r["Mã"]: r for r in side.to_dict("records")}
    assert set(rows) == {"CTHD-NQ42", "KH-NQ45"}
    assert (rows["KH-NQ45"]["Quá hạn"], rows["KH-NQ45"]["Đơn vị chậm"]) == (1, 1)
    assert rows["CTHD-NQ42"]["Nhiệm vụ đang thực hiện"] > 100
    groups = next(s for s in at.selectbox if s.label == "Nhóm nhiệm vụ")
    assert len(groups.options) == 10  # all, and the nine groups of the first program
    picker(at).set_value(two_programs).run()
    groups = next(s for s in at.selectbox if s.label == "Nhóm nhiệm vụ")
    assert len(groups.options) == 2 and any("Công tác thanh niên" in o for o in groups.options)

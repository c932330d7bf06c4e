"""The monitor's forms on the program page: number, date of issue, signer, review dates (AppTest, SQLite).

Each test runs on its own copy of the seeded database (``seeded_data_dir`` of tests/ui/monitor/conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tests.ui.conftest import errors, run_page, successes, texts
from tracker.cli import main as cli_main
from tracker.db import session_scope
from tracker.models import AuditEvent, Milestone, Program


def page(username: str = "tuyengiao"):
    return run_page("program_page", username)


def program() -> Program:
    with session_scope() as s:
        return s.exec(select(Program)).one()


def save(at, label: str):
    at.button[[b.label for b in at.button].index(label)].click().run()
    assert not at.exception
    return at


def test_the_monitor_edits_the_details_and_they_stay():
    at = page()
    assert [e.label for e in at.expander if e.label == "Thông tin chương trình"]
    at.text_input(key="program_number_1_0").input("25")
    at.date_input(key="program_issued_on_1_0").set_value(date(2024, 3, 15))
    at.text_input(key="program_signer_1_0").input("Giàng A Tính")
    at.text_area(key="program_signer_title_1_0").input("t/m ban thường vụ\nphó bí thư thường trực")
    save(at, "Lưu thông tin chương trình")
    assert successes(at) == ["Đã lưu thông tin chương trình."]
    at.run()  # the page drawn again from the database
    shown = texts(at)
    assert "Số: 25-CTr/TU" in shown and "Ngày ban hành: 15/03/2024" in shown
    assert "Người ký: Giàng A Tính" in shown
    assert "Chức vụ người ký: T/M BAN THƯỜNG VỤ – PHÓ BÍ THƯ THƯỜNG TRỰC" in shown
    assert "Chương trình hành động số 25-CTr/TU ngày 15/3/2024 của Ban Thường vụ Tỉnh ủy" in shown
    assert at.text_input(key="program_number_1_1").value == "25-CTr/TU"
    assert at.date_input(key="program_issued_on_1_1").value == date(2024, 3, 15)
    saved = program()
    assert (saved.number, saved.issued_on, saved.signer, saved.signer_title) == (
        "25-CTr/TU", date(2024, 3, 15), "Giàng A Tính", "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC")
    assert "Số: 25-CTr/TU" in texts(page("yte"))  # and everyone reads it
    assert cli_main(["init", "--as-issued"]) == 0  # running init again keeps what the monitor set
    assert (program().number, program().signer) == ("25-CTr/TU", "Giàng A Tính")


def test_a_bad_number_is_refused_in_vietnamese_and_nothing_changes():
    before = program().model_dump()
    at = page("quantri")
    at.text_input(key="program_number_1_0").input("25/QĐ-TU")
    at.text_input(key="program_signer_1_0").input("Người Khác")
    save(at, "Lưu thông tin chương trình")
    assert [e for e in errors(at) if "Số Chương trình không hợp lệ: “25/QĐ-TU”" in e]
    assert not successes(at)
    assert program().model_dump() == before
    with session_scope() as s:
        assert not s.exec(select(AuditEvent).where(AuditEvent.object_type == "program",
                                                   AuditEvent.action == "update")).all()


@pytest.mark.parametrize("username", ["yte", "lanhdao"])
def test_others_see_no_form(username):
    at = page(username)
    assert not at.exception
    assert "Thông tin chương trình" not in [e.label for e in at.expander]
    assert not [w for w in at.text_input if w.key.startswith("program_number")]
    assert "Người ký: Vũ Mạnh Hà" in texts(at)


def test_the_monitor_sets_a_review_date():
    at = page()
    at.date_input(key="milestone_SK_1_0").set_value(date(2027, 10, 15))
    save(at, "Lưu mốc thời gian")
    assert successes(at) == ["Đã lưu 1 mốc thời gian."]
    with session_scope() as s:
        review = s.exec(select(Milestone).where(Milestone.code == "SK")).one()
        assert (review.due_on, review.is_default) == (date(2027, 10, 15), False)
        others = s.exec(select(Milestone.is_default).where(Milestone.code != "SK")).all()
        assert others and all(others)
    at.run()
    milestones = at.table[1].value
    due = milestones[[c for c in milestones.columns if c == "Thời hạn"][0]].tolist()
    assert "15/10/2027" in due and "30/11/2030 (mặc định)" in due


def test_the_monitor_corrects_the_resolution_the_program_implements():
    at = page()
    field = at.text_area(key="program_implements_1_0")
    assert field.value.startswith("Nghị quyết số 42-NQ/TW")
    field.input("Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII")
    save(at, "Lưu thông tin chương trình")
    assert successes(at) == ["Đã lưu thông tin chương trình."]
    assert program().implements == "Nghị quyết số 42-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII"
    at.text_area(key="program_implements_1_1").input("   ")
    save(at, "Lưu thông tin chương trình")
    assert errors(at) == ["Hãy nêu nghị quyết mà chương trình thực hiện."]
    assert program().implements.endswith("khóa XIII")

"""Page "Số liệu chỉ tiêu": record a value within its unit; bulk import previewed, then only valid rows written."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from sqlmodel import func, select

from tests.ui.conftest import click, errors, texts, widget
from tracker.db import session_scope
from tracker.models import Action, Target, TargetValue
from tracker.services import target_values

PAGE = "values_page"
ACTIONS_CSV = """Mã nhiệm vụ,Mã cơ quan,Ngày thực hiện,Nội dung,Tiến độ (%),Số ký hiệu,Ngày ban hành
III.1.1,HU-SINHO,05/03/2026,Hội nghị quán triệt cấp huyện,40,45-KH/HU,05/03/2026
III.1.2,HU-SINHO,01/04/2026,,20,,
III.6.b.1,SO-YTE,05/03/2026,Của cơ quan khác,10,,
""".encode("utf-8-sig")


def target_id(code: str) -> int:
    with session_scope() as s:
        return s.exec(select(Target.id).where(Target.code == code)).one()


def count(model) -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def choose(at, code: str):
    at.selectbox(key="work_values_target").set_value(target_id(code)).run()
    return at


def value_input(at):
    return next(w for w in at.number_input if w.label.startswith("Giá trị"))


def test_recording_a_value_of_a_target_the_body_answers_for(page):
    at = choose(page(PAGE, "ldtbxh"), "T02")
    assert [tab.label for tab in at.tabs] == ["Ghi số liệu", "Nhập hàng loạt"]
    assert "Mục tiêu 2030: dưới 2%" in texts(at) and "Chưa có số liệu." in texts(at)
    value_input(at).set_value(1.9)
    widget(at.text_input, "Nguồn số liệu").input("Điều tra lao động việc làm")
    click(at, "Ghi số liệu")
    at.run()
    assert not at.exception and at.success[0].value.startswith("Đã ghi số liệu chỉ tiêu T02 kỳ ")
    assert "Số liệu gần nhất: 1,9%" in texts(at)
    table = at.dataframe[0].value
    assert list(table["Giá trị"]) == ["1,9%"] and list(table["Nguồn"]) == ["Điều tra lao động việc làm"]
    assert value_input(at).value is None, "the form is emptied after success"


def test_a_value_beyond_the_unit_is_refused_and_kept(page):
    at = choose(page(PAGE, "ldtbxh"), "T02")
    value_input(at).set_value(120.0)
    click(at, "Ghi số liệu")
    at.run()
    assert "Giá trị 120% vượt quá mức tối đa 100 của đơn vị tính." in errors(at)
    assert value_input(at).value == 120.0 and count(TargetValue) == 0


def test_a_qualitative_target_takes_an_assessment(page):
    at = choose(page(PAGE, "ldtbxh"), "T09")
    assert not [w for w in at.number_input if w.label.startswith("Giá trị")]
    widget(at.text_area, "Đánh giá").input("Cơ bản bảo đảm mức sống tối thiểu")
    click(at, "Ghi số liệu")
    at.run()
    assert not errors(at)
    with session_scope() as s:
        assert target_values.history(s, target_id("T09"))[0]["assessment"] == "Cơ bản bảo đảm mức sống tối thiểu"


def test_a_body_without_targets_is_told_so(page):
    at = page(PAGE, "sinho")
    assert "Đơn vị không phụ trách chỉ tiêu nào." in texts(at)


def test_bulk_import_previews_each_row_and_writes_only_the_valid_ones_on_confirmation(page):
    at = page(PAGE, "sinho")
    assert [b.label for b in at.download_button] == ["Tải mẫu CSV"]
    widget(at.file_uploader, "Tệp CSV (UTF-8) hoặc XLSX").set_value(("tien-do.csv", ACTIONS_CSV, "text/csv"))
    at.run()
    table = at.dataframe[0].value
    assert list(table["Dòng"]) == [2, 3, 4]
    assert list(table["Mã nhiệm vụ"]) == ["III.1.1", "III.1.2", "III.6.b.1"]
    checks = list(table["Kiểm tra"])
    assert checks[0] == "Hợp lệ" and "để trống" in checks[1] and "Không có quyền" in checks[2]
    assert "1/3 dòng hợp lệ." in texts(at)
    assert count(Action) == 0, "a preview writes nothing"
    at.run()
    assert count(Action) == 0 and at.dataframe[0].value.shape[0] == 3
    click(at, "Ghi 1 dòng hợp lệ")
    at.run()
    assert not at.exception and at.success[0].value == "Đã ghi 1 dòng."
    assert count(Action) == 1 and not at.dataframe, "the upload is cleared after the write"


def test_the_monitor_imports_values_for_any_body(page):
    book = openpyxl.Workbook()
    book.active.append(["Mã chỉ tiêu", "Kỳ báo cáo", "Ngày số liệu", "Giá trị", "Đánh giá", "Nguồn số liệu"])
    book.active.append(["T02", "2026-H1", date(2026, 6, 30), "1,9", None, "Cục Thống kê"])
    book.active.append(["T02", "2026-H1", "30/06/2026", 130, None, ""])
    out = io.BytesIO()
    book.save(out)
    at = page(PAGE, "tuyengiao")
    assert [tab.label for tab in at.tabs] == ["Nhập hàng loạt", "Số liệu theo xã, phường"]
    at.radio[0].set_value("values").run()
    widget(at.file_uploader, "Tệp CSV (UTF-8) hoặc XLSX").set_value(("so-lieu.xlsx", out.getvalue(), "application/xlsx"))
    at.run()
    table = at.dataframe[0].value
    assert list(table["Ngày số liệu"]) == ["30/06/2026", "30/06/2026"]
    assert "vượt quá mức tối đa 100" in table["Kiểm tra"][1]
    click(at, "Ghi 1 dòng hợp lệ")
    at.run()
    assert at.success[0].value == "Đã ghi 1 dòng." and count(TargetValue) == 1


def test_an_unreadable_file_is_refused_clearly(page):
    at = page(PAGE, "sinho")
    widget(at.file_uploader, "Tệp CSV (UTF-8) hoặc XLSX").set_value(("x.csv", "Mã,Tên\n".encode("utf-16"), "text/csv"))
    at.run()
    assert errors(at) == ["Tệp CSV phải mã hóa UTF-8."] and not at.dataframe
    assert all(b.key != "work_import_commit" for b in at.button), "nothing to confirm"

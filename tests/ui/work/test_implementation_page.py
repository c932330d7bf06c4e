"""Page "Triển khai thực hiện": a body records its plan (with the file), conferences and propaganda, sees
them listed, deletes one; bad input gets the service's Vietnamese message and nothing is saved."""

from __future__ import annotations

from sqlmodel import func, select

from tests.fixtures import files
from tests.ui.conftest import click, errors, texts, widget
from tracker.db import session_scope
from tracker.models import Organisation
from tracker.models.records import ImplementationRecord

PAGE = "implementation_page"


def save(at, kind: str) -> None:
    """Click "Lưu" in the tab of ``kind`` (every tab is drawn, in the order plan, conference, propaganda)."""
    [b for b in at.button if b.label == "Lưu"][("plan", "conference", "propaganda").index(kind)].click()


def records() -> list[ImplementationRecord]:
    with session_scope() as s:
        return list(s.exec(select(ImplementationRecord).order_by(ImplementationRecord.id)).all())


def test_a_plan_with_its_file_is_listed_after_saving(page, downloads):
    at = page(PAGE, "yte")
    assert [tab.label for tab in at.tabs] == ["Kế hoạch", "Hội nghị quán triệt", "Tuyên truyền"]
    assert at.info[0].value == "Chưa có ghi nhận nào."
    widget(at.text_input, "Số, ký hiệu kế hoạch").input("845/KH-SYT")
    widget(at.text_input, "Trích yếu, nội dung").input("Kế hoạch thực hiện Chương trình hành động")
    widget(at.file_uploader, "Tệp kế hoạch (PDF, DOCX, XLSX, JPG, PNG; không bắt buộc)").set_value(
        ("ke-hoach.pdf", files.PDF, "application/pdf"))
    save(at, "plan")
    at.run()
    assert not at.exception and not errors(at) and at.success[0].value == "Đã lưu ghi nhận."
    at.run()  # a rerun still shows it
    table = at.dataframe[0].value
    assert list(table["Số, ký hiệu kế hoạch"]) == ["845/KH-SYT"] and list(table["Tệp"]) == ["ke-hoach.pdf"]
    assert downloads["ke-hoach.pdf"] == files.PDF
    (row,) = records()
    with session_scope() as s:
        assert row.kind == "plan" and row.organisation_id == s.exec(
            select(Organisation.id).where(Organisation.code == "SO-YTE")).one()
    assert row.evidence_id is not None


def test_a_conference_reaching_120_percent_is_refused_and_nothing_saved(page):
    at = page(PAGE, "yte")
    widget(at.number_input, "Số người tham dự").set_value(150)
    widget(at.number_input, "Tỷ lệ cán bộ, đảng viên được quán triệt (%)").set_value(120.0)
    save(at, "conference")
    at.run()
    assert errors(at) == ["Tỷ lệ cán bộ, đảng viên được quán triệt phải từ 0 đến 100 (%)."]
    assert records() == []
    widget(at.number_input, "Tỷ lệ cán bộ, đảng viên được quán triệt (%)").set_value(95.0)
    save(at, "conference")
    at.run()
    assert not errors(at) and at.success[0].value == "Đã lưu ghi nhận."
    (row,) = records()
    assert (row.kind, row.level, row.participants, row.reached_pct) == ("conference", "province", 150, 95.0)


def test_the_monitor_records_propaganda_for_a_body_and_deletes_it(page):
    at = page(PAGE, "tuyengiao")
    assert not at.tabs, "no body chosen yet"
    with session_scope() as s:
        yte = s.exec(select(Organisation.id).where(Organisation.code == "SO-YTE")).one()
    at.selectbox(key="work_implementation_body").set_value(yte).run()
    widget(at.number_input, "Số tin, bài").set_value(12)
    widget(at.number_input, "Số buổi tuyên truyền").set_value(3)
    save(at, "propaganda")
    at.run()
    assert not errors(at), errors(at)
    (row,) = records()
    assert (row.organisation_id, row.articles, row.broadcasts, row.sessions) == (yte, 12, None, 3)
    at.selectbox(key=f"work_implementation_form_delete_propaganda_{yte}").set_value(row.id).run()
    click(at, "Xóa")
    at.run()
    assert at.success[0].value == "Đã xóa ghi nhận." and "Chưa có ghi nhận nào." in texts(at)
    with session_scope() as s:
        assert s.exec(select(func.count()).select_from(ImplementationRecord).where(
            ImplementationRecord.deleted_at.is_not(None))).one() == 1

"""Page "Cập nhật kết quả thực hiện": log an action with evidence, keep the typed text on refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.fixtures import files
from tests.ui.conftest import actor, click, errors, texts, widget
from tracker.clock import local_today
from tracker.db import session_scope
from tracker.services import actions, assignments, evidence
from tracker.services.actions import ActionInput
from tracker.services.permissions import PermissionDenied

PAGE = "assignment_page"
SINHO = {"III.1.1", "III.1.2", "III.9.1"}
DESCRIPTION = "Tổ chức hội nghị quán triệt Nghị quyết 42 cho 120 cán bộ chủ chốt"


def fill(at, description=DESCRIPTION, progress=40, acted_on=None, doc_number="45-KH/HU"):
    widget(at.text_area, "Nội dung thực hiện").input(description)
    widget(at.number_input, "Tiến độ (%)").set_value(progress)
    widget(at.text_input, "Số, ký hiệu văn bản").input(doc_number)
    if acted_on:
        widget(at.date_input, "Ngày thực hiện").set_value(acted_on)
    return at


def chosen_assignment(at) -> dict:
    with session_scope() as s:
        rows = assignments.for_body(s, at.session_state["actor"])
    return next(r for r in rows if r["id"] == at.selectbox[0].value)


def logged(at) -> list[dict]:
    with session_scope() as s:
        return actions.list_actions(s, at.session_state["actor"], at.selectbox[0].value)


def test_logging_an_action_with_a_pdf_and_a_cited_document(page):
    at = fill(page(PAGE, "sinho"))
    uploader = widget(at.file_uploader, "Tệp minh chứng (PDF, DOCX, XLSX, JPG, PNG)")
    assert uploader.accept_multiple_files and set(uploader.allowed_type) >= {".pdf", ".docx", ".png"}
    uploader.set_value([("ke-hoach.pdf", files.PDF, "application/pdf"), ("anh.png", files.png(), "image/png")])
    widget(at.text_input, "Hoặc trích dẫn văn bản đã công bố: số, ký hiệu").input("12-KH/TU")
    widget(at.text_input, "Đường dẫn văn bản (http:// hoặc https://)").input("https://laichau.gov.vn/kh-12")
    click(at, "Ghi kết quả")
    at.run()
    assert not at.exception and not errors(at)
    assert at.success[0].value == "Đã ghi kết quả thực hiện (2 tệp minh chứng)."
    page_text = texts(at)
    assert DESCRIPTION in page_text and "tiến độ 40%" in page_text and "Văn bản số 45-KH/HU" in page_text
    assert "[12-KH/TU](https://laichau.gov.vn/kh-12)" in page_text
    assert any(o.endswith("· Đã báo cáo kết quả trong kỳ · Thường xuyên · 40%") for o in at.selectbox[0].options)
    assert widget(at.text_area, "Nội dung thực hiện").value == "", "the form is emptied after success"
    (action,) = logged(at)
    assert action["progress_pct"] == 40 and chosen_assignment(at)["progress_pct"] == 40

    assert not at.download_button, "files are not read until their list is opened"
    at.session_state[f"work_files_{action['id']}"] = True
    at.run()
    assert [b.label for b in at.download_button] == ["ke-hoach.pdf", "anh.png"]
    with session_scope() as s:  # what the first button serves: the stored bytes, checked by hash
        proofs = evidence.list_for_action(s, at.session_state["actor"], action["id"])
        download = evidence.open_file(s, at.session_state["actor"], proofs[0]["id"])
    assert (download.content, download.media_type) == (files.PDF, "application/pdf")


@pytest.mark.parametrize(("change", "message"), [
    ({"description": "   "}, "Nội dung thực hiện không được để trống."),
    ({"progress": 150}, "Tiến độ phải là số nguyên từ 0 đến 100 (%)."),
    ({"acted_on": "tomorrow"}, "ở tương lai; hãy nhập ngày đã làm."),
])
def test_bad_input_is_refused_and_what_was_typed_stays(page, change, message):
    at = page(PAGE, "sinho")
    if change.get("acted_on"):
        change["acted_on"] = local_today() + timedelta(days=1)
    fill(at, **change)
    click(at, "Ghi kết quả")
    at.run()
    assert not at.exception
    assert any(message in e for e in errors(at)), errors(at)
    assert widget(at.text_area, "Nội dung thực hiện").value == change.get("description", DESCRIPTION)
    assert widget(at.number_input, "Tiến độ (%)").value == change.get("progress", 40)
    assert widget(at.text_input, "Số, ký hiệu văn bản").value == "45-KH/HU"
    assert logged(at) == [] and "Chưa ghi kết quả nào cho nhiệm vụ này." in texts(at)


def test_a_refused_file_leaves_no_half_recorded_action(page):
    at = fill(page(PAGE, "sinho"))
    widget(at.file_uploader, "Tệp minh chứng (PDF, DOCX, XLSX, JPG, PNG)").set_value(
        ("bao-cao.pdf", files.EXE, "application/pdf"))
    click(at, "Ghi kết quả")
    at.run()
    assert any("không phải một trong các loại được nhận" in e for e in errors(at))
    assert logged(at) == [] and widget(at.text_area, "Nội dung thực hiện").value == DESCRIPTION


def test_asking_for_an_extension(page):
    at = page(PAGE, "sinho")
    widget(at.text_area, "Lý do xin gia hạn").input("Chờ bố trí kinh phí năm 2031")
    click(at, "Gửi đề nghị gia hạn")
    at.run()
    assert not at.exception and at.success[0].value.startswith("Đã gửi đề nghị gia hạn đến ")
    assert "(đang chờ xem xét): Chờ bố trí kinh phí năm 2031" in texts(at)
    widget(at.text_area, "Lý do xin gia hạn").input("Lần hai")
    click(at, "Gửi đề nghị gia hạn")
    at.run()
    assert "Đã có một đề nghị gia hạn đang chờ xem xét." in errors(at)


def test_an_agency_of_another_body_never_sees_these_assignments(page):
    sinho, yte = page(PAGE, "sinho"), page(PAGE, "yte")
    labels = {o.split(" · ")[0] for o in yte.selectbox[0].options}
    assert SINHO <= {o.split(" · ")[0] for o in sinho.selectbox[0].options}
    assert labels and not labels & SINHO
    sinho_assignment = sinho.selectbox[0].value
    with session_scope() as s, pytest.raises(PermissionDenied):
        actions.log_action(s, actor("yte"), sinho_assignment, ActionInput(local_today(), "Giả mạo", 10))
    with session_scope() as s, pytest.raises(PermissionDenied):
        actions.list_actions(s, actor("yte"), sinho_assignment)


def test_the_page_speaks_english_too(page):
    at = page(PAGE, "sinho", lang="en")
    assert not at.exception and at.title[0].value == "Update results"
    assert at.selectbox[0].options[0].endswith("· No results yet this period · Ongoing · 0%")


def test_reminder_history_of_the_assignment(page):
    """Reminders sent about an assignment are listed on its page, once the list is opened."""
    from tracker.config import get_settings
    from tracker.models import Assignment
    from tracker.services import reminders

    at = page(PAGE, "sinho")
    chosen = chosen_assignment(at)
    with session_scope() as s:
        row = s.get(Assignment, chosen["id"])
        row.deadline = local_today() - timedelta(days=1)
        s.add(row)
    with session_scope() as s:
        assert reminders.sweep(s, get_settings(), local_today()).queued > 0
    at.session_state[f"reminder_history_assignment_{chosen['id']}"] = True
    at.run()
    table = next(df.value for df in at.dataframe if "Nội dung" in df.value.columns)
    assert any("[Nhắc việc]" in subject and "quá hạn 1 ngày" in subject for subject in table["Nội dung"])
    assert set(table["Trạng thái"]) == {"Chờ gửi"}


def test_one_action_is_logged_once_for_two_tasks_and_listed_under_each(page):
    at = fill(page(PAGE, "sinho"), description="Hội nghị quán triệt hai nghị quyết")
    first = chosen_assignment(at)
    also = widget(at.multiselect, "Kết quả này cũng phục vụ nhiệm vụ (không bắt buộc)")
    other = next(r for r in _rows(at) if r["id"] != first["id"])
    other_id = other["id"]
    assert any(o.startswith(f"CTHD-NQ42 · {other['task']} — ") for o in also.options)
    also.set_value([other_id])
    click(at, "Ghi kết quả")
    at.run()
    assert not at.exception and not errors(at)
    assert [a["linked"] for a in logged(at)] == [False]
    assert f"Kết quả này phục vụ các nhiệm vụ: CTHD-NQ42 {first['task']}; CTHD-NQ42 {other['task']}" in texts(at)
    with session_scope() as s:
        under_other = actions.list_actions(s, at.session_state["actor"], other_id)
    assert [(a["description"], a["linked"]) for a in under_other] == [("Hội nghị quán triệt hai nghị quyết", True)]


def _rows(at) -> list[dict]:
    with session_scope() as s:
        return assignments.for_body(s, at.session_state["actor"])

"""Page "Báo cáo tổng hợp": draft from the data, edit, keep the draft, reopen it, download what was edited.

The dashboard package shares one database: each test that saves a draft uses a period of its own.
"""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from tracker.clock import local_today
from tracker.services.permissions import DENIED_MESSAGE
from tracker.ui.dashboard import summary_page

SUMMARY = "summary_page"
EDITED = "Nhóm 1 đã hoàn thành các nhiệm vụ trọng tâm (đoạn đã chỉnh sửa)."
YEAR = local_today().year


def drafted(page, username: str, period: str = f"{YEAR}-H2", voice: str = "department"):
    at = page(SUMMARY, username)
    assert [i.value for i in at.info] == ["Chọn loại báo cáo, kỳ báo cáo rồi bấm “Soạn thảo”."]
    at.selectbox(key="summary_period_periodic").set_value(period)
    at.radio(key="summary_voice").set_value(voice)
    at.text_input(key="summary_number").input("15")
    at.button(key="summary_build").click()
    return at.run()


def document_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for table in document.tables for row in table.rows for c in row.cells])


def test_draft_edit_save_reopen_and_download(page, downloads):
    period = f"{YEAR - 1}-H1"
    at = drafted(page, "theodoi", period)
    assert not at.exception and not at.error
    draft = at.session_state["summary_draft"]
    assert draft.period == period and draft.draft_version == 0
    keys = {a.key for a in at.text_area}
    assert {"sum_title_1", "sum_intro_1", "sum_leadership_1", "sum_group_III.1_1", "sum_group_III.4.a_1",
            "sum_strengths_1", "sum_limitations_1", "sum_causes_objective_1", "sum_causes_subjective_1",
            "sum_lessons_1", "sum_directions_1", "sum_proposals_1", "sum_recipients_1"} <= keys
    assert at.text_area(key="sum_recipients_1").value.splitlines()[-1] == "Lưu BTGTU"
    at.text_area(key="sum_group_III.1_1").input(EDITED)
    at.text_input(key="sum_signer_1").input("Nguyễn Văn A")
    at.button(key="summary_save").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Đã lưu bản nháp (phiên bản 1)."]
    assert at.text_area(key="sum_group_III.1_1").value == EDITED  # still on screen after the save
    assert not downloads  # files are made only when asked for

    again = drafted(page, "theodoi", period)  # a later visit: "Soạn thảo" reopens the stored draft
    assert "Đã mở bản nháp đã lưu (phiên bản 1)." in [s.value for s in again.success]
    assert again.text_area(key="sum_group_III.1_1").value == EDITED
    assert again.text_input(key="sum_signer_1").value == "Nguyễn Văn A"
    again.button(key="summary_render").click().run()
    assert not again.exception
    name = f"bao-cao-periodic-{period}"
    text = document_text(downloads[f"{name}.docx"])
    assert EDITED in text and "Nguyễn Văn A" in text and "Số 15-BC/BTGTU" in text
    sheets = load_workbook(io.BytesIO(downloads[f"{name}.xlsx"]))
    assert any(EDITED in str(cell.value) for sheet in sheets for row in sheet.iter_rows() for cell in row)


def test_rebuilding_asks_first_and_a_stale_save_is_refused(page):
    period = f"{YEAR - 1}"
    first = drafted(page, "theodoi", period)
    first.button(key="summary_save").click().run()
    second = drafted(page, "theodoi", period)  # another visit opens version 1 and saves it as 2
    second.text_area(key="sum_directions_1").input("Phương hướng mới")
    second.button(key="summary_save").click().run()
    first.text_area(key="sum_directions_1").input("Phương hướng cũ")
    first.button(key="summary_save").click().run()  # still at version 1
    assert first.error and "phiên bản 2" in first.error[0].value
    assert first.text_area(key="sum_directions_1").value == "Phương hướng cũ"  # nothing lost on screen
    second.button(key="summary_rebuild").click().run()
    assert second.warning and second.text_area(key="sum_directions_1").value == "Phương hướng mới"
    second.button(key="summary_rebuild_yes").click().run()
    assert not second.warning and second.session_state["summary_draft"].draft_version == 2
    assert second.text_area(key="sum_directions_2").value != "Phương hướng mới"


def test_the_standing_committee_voice_signs_collectively(page):
    at = drafted(page, "theodoi", f"{YEAR}-H1", voice="standing_committee")
    assert not at.exception and not at.error
    assert at.radio(key="sum_signer_form_1").value == "collective"
    assert at.text_area(key="sum_recipients_1").value.splitlines()[0] == "Ban Bí thư (b/c)"
    assert any("T/M BAN THƯỜNG VỤ" in c.value for c in at.caption)


def test_a_bad_period_is_explained(page, monkeypatch):
    monkeypatch.setattr(summary_page, "period_options", lambda *args: ["2026-H3"])  # as if typed in
    at = drafted(page, "theodoi", period="2026-H3")
    assert at.error and "không hợp lệ" in at.error[0].value and "summary_draft" not in at.session_state


def test_only_the_monitor_may_draft(page, downloads):
    at = drafted(page, "bithu")
    assert [e.value for e in at.error] == [DENIED_MESSAGE] and not downloads

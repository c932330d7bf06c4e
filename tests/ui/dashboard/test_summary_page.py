"""Page "Báo cáo tổng hợp": draft from the data, edit a narrative, download what was edited."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from tracker.services.permissions import DENIED_MESSAGE
from tracker.ui.dashboard import summary_page

SUMMARY = "summary_page"
EDITED = "Nhóm III.1 đã hoàn thành các nhiệm vụ trọng tâm (đoạn đã chỉnh sửa)."


def drafted(page, username: str, period: str = "2026-H2"):
    at = page(SUMMARY, username)
    assert [i.value for i in at.info] == ["Chọn loại báo cáo, kỳ báo cáo rồi bấm “Soạn thảo”."]
    at.selectbox(key="summary_period_periodic").set_value(period)
    at.text_input(key="summary_number").input("15")
    at.button(key="summary_build").click()
    return at.run()


def test_draft_edit_and_download(page, downloads):
    at = drafted(page, "theodoi")
    assert not at.exception and not at.error
    assert at.session_state["summary_draft"].period == "2026-H2"
    assert {"sum_intro_1", "sum_group_III.1_1", "sum_limitations_1", "sum_proposals_1", "sum_recipients_1"} <= \
        {a.key for a in at.text_area}
    at.text_area(key="sum_group_III.1_1").input(EDITED)
    at.text_area(key="sum_recipients_1").input("Thường trực Tỉnh ủy (b/c)\n\nLưu BTGTU")
    at.run()
    assert not at.exception
    document = Document(io.BytesIO(downloads["bao-cao-periodic-2026-H2.docx"]))
    cells = "\n".join(c.text for table in document.tables for row in table.rows for c in row.cells)
    assert EDITED in "\n".join(p.text for p in document.paragraphs)
    assert "Số 15-BC/BTGTU" in cells and "- Lưu BTGTU," in cells
    sheet = load_workbook(io.BytesIO(downloads["bao-cao-periodic-2026-H2.xlsx"]))["Kết quả theo nhóm"]
    assert EDITED in [cell.value for row in sheet.iter_rows() for cell in row]
    assert at.session_state["summary_draft"].groups[0].narrative != EDITED  # the draft itself is kept as built


def test_a_new_draft_resets_the_editors(page, downloads):
    at = drafted(page, "theodoi")
    at.text_area(key="sum_group_III.1_1").input(EDITED).run()
    at.button(key="summary_build").click().run()
    assert at.text_area(key="sum_group_III.1_2").value != EDITED


def test_a_bad_period_is_explained(page, monkeypatch):
    monkeypatch.setattr(summary_page, "period_options", lambda *args: ["2026-H3"])  # as if typed in
    at = drafted(page, "theodoi", period="2026-H3")
    assert at.error and "không hợp lệ" in at.error[0].value and "summary_draft" not in at.session_state


def test_only_the_monitor_may_draft(page, downloads):
    at = drafted(page, "bithu")
    assert [e.value for e in at.error] == [DENIED_MESSAGE] and not downloads

"""Page "Theo dõi, đôn đốc": review reports, urge late bodies, list and assign work, decide extensions."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import docx
import openpyxl
from sqlmodel import select

from tests.ui.conftest import actor, clicked, errors, successes, texts
from tests.ui.monitor.conftest import click, keyed, make_late, submit_report
from tracker.clock import local_today
from tracker.config import get_settings
from tracker.db import get_engine, session_scope
from tracker.models import Assignment, Extension, Organisation, Report, Task
from tracker.notify import outbox
from tracker.services import extensions, notices

PAGE = "workspace_page"
DONE = "Tổ chức 12 hội nghị quán triệt Nghị quyết 42 tại các xã"
REASON = "Thiếu số liệu về số đảng viên được quán triệt"
EMPTY_REASON = "Cần ghi lý do trả lại báo cáo để đơn vị biết phải bổ sung gì."
DISTRICTS = {"TPU-LAICHAU", "HU-TAMDUONG", "HU-PHONGTHO", "HU-SINHO", "HU-MUONGTE", "HU-NAMNHUN", "HU-TANUYEN",
             "HU-THANUYEN"}


def tab_labels(at) -> list[str]:
    return [tab.label for tab in at.tabs]


def download_labels(at) -> list[str]:
    return [b.label for b in at.get("download_button")]


def report(report_id: int) -> Report:
    with session_scope() as s:
        return s.get(Report, report_id)


def test_the_monitor_returns_a_report_with_a_reason_then_accepts_the_resubmission(page):
    report_id = submit_report("sinho", DONE)
    at = page(PAGE, "tuyengiao")
    assert not at.exception and not errors(at)
    assert tab_labels(at) == ["Báo cáo chờ tiếp nhận", "Đơn vị chậm", "Tất cả nhiệm vụ", "Giao nhiệm vụ",
                              "Giao tiếp", "Đề nghị gia hạn"]
    inbox = at.dataframe[0].value
    assert list(inbox["Cơ quan, đơn vị"]) == ["Huyện ủy Sìn Hồ"] and list(inbox["Phiên bản"]) == [1]
    assert list(inbox["Trạng thái"])[0].startswith("Đã nộp")
    assert DONE in texts(at) and "Báo cáo của Huyện ủy Sìn Hồ" in [h.value for h in at.subheader]

    click(at, "Trả lại")
    assert errors(at) == [EMPTY_REASON]
    assert report(report_id).state == "submitted"

    keyed(at.text_area, "mon_review_").input(REASON)
    click(at, "Trả lại")
    assert not errors(at) and successes(at) == [
        f"Đã trả lại báo cáo 6 tháng đầu năm {local_today().year} của Huyện ủy Sìn Hồ."]
    assert "Không có báo cáo nào chờ tiếp nhận." in texts(at)
    returned = report(report_id)
    assert (returned.state, returned.return_reason) == ("returned", REASON)

    submit_report("sinho", DONE + "; 3.200 đảng viên được quán triệt")
    at.run()
    assert list(at.dataframe[0].value["Phiên bản"]) == [2] and "3.200 đảng viên" in texts(at)
    click(at, "Tiếp nhận")
    assert not errors(at) and successes(at)[0].startswith("Đã tiếp nhận báo cáo 6 tháng đầu năm")
    assert report(report_id).state == "accepted"


def test_late_bodies_are_listed_and_urging_reaches_the_body(page, downloads):
    make_late("HU-SINHO")
    at = page(PAGE, "tuyengiao")
    late = at.dataframe[0].value  # the inbox is empty: the first table is the late bodies'
    row = late[late["Mã"] == "HU-SINHO"].iloc[0]
    assert (row["Số nhiệm vụ quá hạn"], row["Quá hạn lâu nhất (ngày)"]) == (1, 29)
    at.selectbox(key="mon_overdue_pick").set_value("HU-SINHO").run()
    assert "Huyện ủy Sìn Hồ" in keyed(at.text_area, "mon_urge_").value, "a drafted message"
    click(at, "Đôn đốc")
    assert not errors(at) and successes(at) == ["Đã gửi đôn đốc tới Huyện ủy Sìn Hồ (1 tin)."]

    outbox.deliver(get_engine(), get_settings())
    sinho, yte = actor("sinho"), actor("yte")
    with session_scope() as s:
        [notice] = notices.list_mine(s, sinho)
        assert notice["title"].startswith("[Đôn đốc]") and "quá hạn 29 ngày" in notice["body"]
        assert notices.list_mine(s, yte) == []

    letter_label = "Tải công văn đôn đốc (DOCX)"
    assert letter_label not in download_labels(at), "the letter is drafted on request only"
    keyed(at.text_input, "mon_letter_number_").input("125")
    click(at, "Soạn công văn đôn đốc")
    assert letter_label in download_labels(at)
    letter = docx.Document(io.BytesIO(downloads["cong-van-don-doc-HU-SINHO.docx"]))
    assert "Kính gửi: Huyện ủy Sìn Hồ" in "\n".join(p.text for p in letter.paragraphs)
    assert "Số 125-CV/BTGTU" in letter.tables[0].rows[0].cells[0].text


def test_assign_a_task_to_every_district_committee_at_once(page):
    at = page(PAGE, "tuyengiao")
    click(at, "Giao nhiệm vụ")
    assert errors(at) == ["Hãy chọn nhiệm vụ cần giao."]
    keyed(at.selectbox, "mon_assign_0_task").set_value("III.5.c.1")
    keyed(at.selectbox, "mon_assign_0_kind").set_value("district_committee")
    keyed(at.radio, "mon_assign_0_role").set_value("coordinate")
    keyed(at.date_input, "mon_assign_0_deadline").set_value(local_today() + timedelta(days=200))
    click(at, "Giao nhiệm vụ")
    assert not errors(at) and successes(at) == ["Đã giao nhiệm vụ III.5.c.1: 8 giao mới, 0 cập nhật."]
    assert keyed(at.selectbox, "mon_assign_1_task").value is None, "the form starts afresh"
    with session_scope() as s:
        rows = s.exec(select(Organisation.code, Assignment.role, Assignment.deadline)
                      .join(Assignment, Assignment.organisation_id == Organisation.id)
                      .join(Task, Task.id == Assignment.task_id).where(Task.code == "III.5.c.1")).all()
    mine = [r for r in rows if r[0] in DISTRICTS]
    assert {r[0] for r in mine} == DISTRICTS
    assert {(r[1], r[2]) for r in mine} == {("coordinate", local_today() + timedelta(days=200))}


def test_filter_every_assignment_by_status_and_download(page, downloads):
    make_late("HU-SINHO")
    at = page(PAGE, "tuyengiao")
    keyed(at.selectbox, "mon_filter_body").set_value("HU-SINHO")
    keyed(at.selectbox, "mon_filter_status").set_value("not_started")
    click(at, "Lọc")
    table = next(d.value for d in at.dataframe if "Tình trạng" in d.value.columns)
    assert len(table) > 0 and set(table["Tình trạng"]) == {"Chưa thực hiện"}
    assert set(table["Mã"]) == {"HU-SINHO"}
    assert {"Tải XLSX", "Tải CSV"} <= set(download_labels(at))
    assert callable(downloads["nhiem-vu.csv"]), "built when clicked, not on every draw"
    downloads = clicked(downloads)
    rows = list(csv.reader(io.StringIO(downloads["nhiem-vu.csv"].decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã nhiệm vụ", "Nhóm", "Mã cơ quan"] and len(rows) == len(table) + 1
    assert {r[4] for r in rows[1:]} <= {"Chủ trì", "Phối hợp"}
    sheet = openpyxl.load_workbook(io.BytesIO(downloads["nhiem-vu.xlsx"]))["Nhiệm vụ"]
    assert sheet.max_row == len(table) + 1 and sheet["I2"].value == 29, "one late, most overdue first"

    at.checkbox(key="mon_filter_overdue").check()
    keyed(at.selectbox, "mon_filter_status").set_value("")
    click(at, "Lọc")
    table = next(d.value for d in at.dataframe if "Tình trạng" in d.value.columns)
    assert list(table["Số ngày quá hạn"]) == [29]


def test_the_monitor_refuses_then_grants_an_extension(page):
    assignment_id = make_late("HU-SINHO")
    new = local_today() + timedelta(days=120)
    sinho = actor("sinho")
    with session_scope() as s:
        extensions.request(s, sinho, assignment_id, new, "Chờ hướng dẫn của tỉnh")
    at = page(PAGE, "tuyengiao")
    assert "Lý do: Chờ hướng dẫn của tỉnh" in texts(at)
    click(at, "Không đồng ý")
    assert errors(at) == ["Cần nêu lý do không đồng ý gia hạn."]
    click(at, "Đồng ý gia hạn")
    assert not errors(at) and successes(at)[0].startswith("Đã đồng ý gia hạn nhiệm vụ")
    assert "Không có đề nghị gia hạn nào chờ xem xét." in texts(at)
    with session_scope() as s:
        assert s.get(Assignment, assignment_id).deadline == new
        assert s.exec(select(Extension.state)).all() == ["granted"]


def test_a_leader_reads_the_lists_only(page):
    make_late("HU-SINHO")
    at = page(PAGE, "lanhdao")
    assert not at.exception and not errors(at)
    assert tab_labels(at) == ["Đơn vị chậm", "Tất cả nhiệm vụ"]
    assert "HU-SINHO" in set(at.dataframe[0].value["Mã"])
    assert not [b for b in at.button if b.label in ("Đôn đốc", "Soạn công văn đôn đốc", "Giao nhiệm vụ")]


def test_an_agency_is_refused_and_sees_no_data(page):
    make_late("HU-SINHO")
    at = page(PAGE, "sinho")
    assert not at.exception
    assert errors(at) == ["Bạn không có quyền thực hiện thao tác này."]
    assert not at.tabs and not at.dataframe


def test_the_page_in_english(page):
    submit_report("sinho", DONE)
    make_late("HU-SINHO")
    at = page(PAGE, "tuyengiao", lang="en")
    assert not at.exception and not errors(at)
    assert tab_labels(at)[0] == "Reports to review"
    assert list(at.dataframe[0].value["Period"]) == [f"First half of {local_today().year}"]

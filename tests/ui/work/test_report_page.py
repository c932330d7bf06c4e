"""Page "Báo cáo định kỳ": draft, submit, returned with a reason, resubmitted as version 2."""

from __future__ import annotations

import pytest

from tests.ui.conftest import actor, click, errors, texts
from tracker.clock import local_today
from tracker.db import session_scope
from tracker.models import Report
from tracker.services import actions, assignments, reports
from tracker.services.actions import ActionInput
from tracker.services.permissions import PermissionDenied
from tracker.ui.work.work_format import recent_periods

PAGE = "report_page"
DONE = "Tổ chức 12 hội nghị quán triệt Nghị quyết 42 tại các xã"
REASON = "Thiếu số liệu về số đảng viên được quán triệt"


def field(at, group: str, name: str):
    return next(w for w in at.text_area if w.key.endswith(f"_{group}_{name}"))


def report_of(username: str) -> Report:
    """The body's report for the period the page opens first (the latest that has begun)."""
    who = actor(username)
    period = recent_periods(local_today(), ("semiannual",), {"H1": "06-15", "H2": "12-15"})[0]
    with session_scope() as s:
        return reports.open_report(s, who, who.organisation_id, period)


def history(at) -> list[tuple]:
    table = at.dataframe[-1].value
    return list(zip(table["Phiên bản"], table["Trạng thái"], table["Ghi chú"], strict=True))


def test_periods_are_this_year_and_last_newest_first(page):
    at = page(PAGE, "sinho")
    options = at.selectbox[0].options
    year = local_today().year
    assert options[0].endswith(str(year)) and options[-1] == f"6 tháng đầu năm {year - 1}"
    assert len([e for e in at.expander if e.label.startswith("III.")]) == 9, "one section per top task group"
    assert "Trạng thái: **" in texts(at) and "Chưa nộp lần nào." in texts(at)


def test_saving_a_draft_linking_an_action_then_submitting(page):
    who = actor("sinho")
    with session_scope() as s:
        first = assignments.for_body(s, who)[0]["id"]
        action = actions.log_action(s, who, first, ActionInput(local_today(), "Ban hành kế hoạch thực hiện", 30,
                                                               "45-KH/HU"))
    at = page(PAGE, "sinho")
    field(at, "III.1", "done").input(DONE)
    field(at, "III.1", "difficulties").input("Địa bàn rộng, giao thông khó khăn")
    picker = at.multiselect[0]
    assert any("Ban hành kế hoạch thực hiện — 45-KH/HU" in o for o in picker.options)
    picker.select(action.id)
    click(at, "Lưu nháp")
    at.run()
    assert not at.exception and at.success[0].value.startswith("Đã lưu bản nháp báo cáo kỳ 6 tháng")
    saved = report_of("sinho")
    assert saved.state == "draft" and saved.content["action_ids"] == [action.id]
    assert saved.content["sections"] == {"III.1": {"done": DONE, "results": "", "proposals": "",
                                                   "difficulties": "Địa bàn rộng, giao thông khó khăn"}}
    assert field(at, "III.1", "done").value == DONE

    click(at, "Nộp báo cáo")
    at.run()
    assert not at.exception and at.success[0].value.endswith("(phiên bản 1).")
    assert "Trạng thái: **Đã nộp" in texts(at) and "Báo cáo đã nộp; chỉ xem, không sửa được." in texts(at)
    assert not at.text_area and DONE in texts(at), "read-only once submitted"
    assert "Ban hành kế hoạch thực hiện" in texts(at)
    assert history(at) == [(1, "Đã nộp", "")]


def test_submitting_an_empty_report_is_refused_and_nothing_changes(page):
    at = page(PAGE, "sinho")
    click(at, "Nộp báo cáo")
    at.run()
    assert any("Báo cáo chưa có nội dung" in e for e in errors(at))
    assert report_of("sinho").state == "draft"


def test_a_returned_report_shows_the_reason_and_resubmits_as_version_2(page):
    at = page(PAGE, "sinho")
    field(at, "III.9", "results").input("100% chi bộ tổ chức học tập")
    click(at, "Nộp báo cáo")
    at.run()
    with session_scope() as s:
        reports.review(s, actor("tuyengiao"), report_of("sinho").id, accept=False, reason=REASON)
    at.run()
    assert at.warning[0].value == f"Báo cáo bị trả lại. Lý do: {REASON}"
    assert "Trạng thái: **Bị trả lại**" in texts(at)
    assert field(at, "III.9", "results").value == "100% chi bộ tổ chức học tập", "the returned text, to revise"
    field(at, "III.9", "results").input("100% chi bộ; 3.200 đảng viên được quán triệt")
    click(at, "Nộp báo cáo")
    at.run()
    assert not at.exception and at.success[0].value.endswith("(phiên bản 2).")
    assert not at.warning and "Phiên bản: 2" in texts(at)
    assert history(at) == [(1, "Đã nộp", ""), (1, "Bị trả lại", REASON), (2, "Đã nộp", "")]
    assert report_of("sinho").content["sections"]["III.9"]["results"].endswith("được quán triệt")


def test_each_body_opens_only_its_own_report(page):
    sinho_report = report_of("sinho")
    at = page(PAGE, "yte")
    assert not at.exception and not errors(at)
    assert report_of("yte").id != sinho_report.id
    yte = actor("yte")
    with session_scope() as s, pytest.raises(PermissionDenied):
        reports.open_report(s, yte, sinho_report.organisation_id, sinho_report.period)
    with session_scope() as s, pytest.raises(PermissionDenied):
        reports.save_draft(s, yte, sinho_report.id, {"sections": {"III.1": {"done": "Giả mạo"}}})

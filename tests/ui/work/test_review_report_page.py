"""Page "Báo cáo định kỳ", the body's own review: sơ kết 2024-2027 written, submitted, returned, resubmitted."""

from __future__ import annotations

from sqlmodel import select

from tests.ui.conftest import actor, click, texts
from tracker.db import session_scope
from tracker.models import Report
from tracker.services import reports

PAGE = "report_page"
OVERALL = "Ưu điểm: các cấp ủy vào cuộc đồng bộ; hạn chế: nguồn lực còn thiếu"
REASON = "Bổ sung bài học kinh nghiệm"


def area(at, suffix: str):
    return next(w for w in at.text_area if w.key.endswith(suffix))


def review_of(username: str) -> Report:
    with session_scope() as s:
        return s.exec(select(Report).where(Report.organisation_id == actor(username).organisation_id,
                                           Report.kind == "preliminary")).one()


def test_the_agency_writes_its_preliminary_review_beside_its_periodic_reports(page):
    at = page(PAGE, "sinho")
    assert at.radio[0].options == ["Báo cáo định kỳ", "Báo cáo sơ kết, tổng kết của đơn vị"]
    assert not any(w.key.endswith("_review_overall") for w in at.text_area), "a periodic report has no review parts"
    at.radio[0].set_value("review").run()
    assert at.selectbox[0].options == ["Báo cáo sơ kết giai đoạn 2024-2027", "Báo cáo tổng kết giai đoạn 2024-2030"]
    assert not at.exception and "Hạn nộp: 30/11/2027" in texts(at)
    assert len([e for e in at.expander if e.label.startswith("III.")]) == 9, "the same form per task group"
    area(at, "_review_overall").input(OVERALL)
    area(at, "_III.1_done").input("Quán triệt Nghị quyết 42 tới 100% chi bộ")
    click(at, "Nộp báo cáo")
    at.run()
    assert not at.exception
    assert at.success[0].value == "Đã nộp báo cáo sơ kết giai đoạn 2024-2027 (phiên bản 1)."
    assert OVERALL in texts(at) and not at.text_area, "read-only once submitted, its own parts shown"
    submitted = review_of("sinho")
    assert (submitted.period, submitted.state, submitted.content["review"]["overall"]) == (
        "2024-2027", "submitted", OVERALL)

    with session_scope() as s:
        reports.review(s, actor("tuyengiao"), submitted.id, accept=False, reason=REASON)
    at.run()
    assert at.warning[0].value == f"Báo cáo bị trả lại. Lý do: {REASON}"
    assert area(at, "_review_overall").value == OVERALL, "the returned text, to revise"
    area(at, "_review_lessons").input("Phát huy vai trò người đứng đầu")
    click(at, "Nộp báo cáo")
    at.run()
    assert at.success[0].value == "Đã nộp báo cáo sơ kết giai đoạn 2024-2027 (phiên bản 2)."
    with session_scope() as s:
        reports.review(s, actor("tuyengiao"), submitted.id, accept=True)
    at.run()
    assert "Trạng thái: **Đã tiếp nhận**" in texts(at) and "Phát huy vai trò người đứng đầu" in texts(at)


def test_the_monitor_reads_a_submitted_review_in_the_inbox_and_returns_it(page):
    agency = actor("sinho")
    with session_scope() as s:
        milestone = reports.review_milestones(s)[0]
        report = reports.open_review(s, agency, agency.organisation_id, milestone.id)
        reports.save_draft(s, agency, report.id, {"review": {"overall": OVERALL}})
        reports.submit(s, agency, report.id)
    at = page("workspace_page", "tuyengiao")
    assert list(at.dataframe[0].value["Kỳ báo cáo"]) == ["Báo cáo sơ kết giai đoạn 2024-2027"]
    assert OVERALL in texts(at), "the review's own parts are read before deciding"
    next(w for w in at.text_area if w.key.startswith("mon_review_")).input(REASON)
    click(at, "Trả lại")
    at.run()
    assert at.success[0].value == "Đã trả lại báo cáo sơ kết giai đoạn 2024-2027 của Huyện ủy Sìn Hồ."
    assert review_of("sinho").state == "returned"

"""Work typed into a page is never silently lost: the pickers stay where they were put across writes.

A real browser sends back the label a picker shows; a label changed by a write (the task's progress)
used to make the next click fall back to the first task, dropping the form sent with it. Each journey
writes twice in a row with a click between, checks the work on the page and the picker after each,
and the database at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from tests.e2e.conftest import E2E_USER, add_account, choose, settled
from tests.e2e.test_report_loop import go, pick_report, sign_in
from tests.fixtures import files
from tests.ui.conftest import actor, point_at
from tests.ui.monitor.conftest import submit_report
from tracker.clock import local_today
from tracker.config import get_settings
from tracker.db import get_engine, session_scope
from tracker.models import Action, Assignment, Evidence, Organisation, Program, Report, Target, TargetValue, Task
from tracker.services import periods, reports
from tracker.ui.work.work_format import recent_periods

pytestmark = pytest.mark.e2e

AGENCY, AGENCY_ORG, TASK = "keep.yte", "SO-YTE", "III.6.b.2"  # not the first task of the body
NUMBERS, NUMBERS_ORG, TARGET = "keep.ldtbxh", "SO-LDTBXH", "T02"  # not the first target of the body
RETURNED_ORG, ACCEPTED_ORG = "SO-GDDT", "SO-VHTTDL"
TASK_PICKER, PERIOD_PICKER, TARGET_PICKER = "Nhiệm vụ được giao", "Kỳ báo cáo", "Chỉ tiêu"
GONE = "Mục đã chọn không còn trong danh sách này; hãy chọn lại."


@pytest.fixture(scope="module")
def accounts(app_env):
    for username, org in ((AGENCY, AGENCY_ORG), (NUMBERS, NUMBERS_ORG), ("keep.gddt", RETURNED_ORG),
                          ("keep.vhttdl", ACCEPTED_ORG)):
        add_account(app_env, username, "agency", org)


@contextmanager
def app_database(app_env: dict) -> Iterator[None]:
    """Services and models of this process on the served installation's database (caches restored after)."""
    with pytest.MonkeyPatch.context() as mp:
        point_at(mp, Path(app_env["TRACKER_DATA_DIR"]))
        try:
            yield
        finally:
            get_engine().dispose()
            get_settings.cache_clear()
            get_engine.cache_clear()


def shows(page: Page, name: str, *parts: str) -> None:
    """The picker ``name`` shows an option beginning with ``parts[0]`` and holding every other part."""
    pattern = re.escape(parts[0]) + "".join(f".*{re.escape(part)}" for part in parts[1:])
    expect(page.get_by_role("combobox", name=name)).to_have_value(re.compile(f"^{pattern}"))


def log_action(page: Page, description: str, progress: int, pdf: Path | None = None) -> None:
    page.get_by_label("Nội dung thực hiện").fill(description)
    page.get_by_role("spinbutton", name="Tiến độ (%)").fill(str(progress))
    if pdf:
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(pdf))
        expect(page.get_by_role("button", name=f"Remove {pdf.name}")).to_be_visible()  # uploaded
    page.get_by_role("button", name="Ghi kết quả").click()
    expect(page.get_by_text(f"Đã ghi kết quả thực hiện ({1 if pdf else 0} tệp minh chứng).")).to_be_visible()
    settled(page)


def test_two_actions_in_a_row_on_one_task(page, app_url, app_env, accounts, tmp_path):
    pdf = tmp_path / "bien-ban-hoi-nghi.pdf"
    pdf.write_bytes(files.PDF)
    sign_in(page, app_url, AGENCY)
    go(page, "Cập nhật kết quả thực hiện")
    with app_database(app_env), session_scope() as s:
        text = s.exec(select(Task.text).where(Task.code == TASK)).one()
    choose(page, TASK_PICKER, TASK)
    expect(page.get_by_text(text[:60])).to_be_visible()  # drawn by the run the choice starts
    settled(page)
    shows(page, TASK_PICKER, f"{TASK} · Chưa có kết quả trong kỳ")  # an ongoing task
    log_action(page, "Hội nghị triển khai lần một", 30, pdf)
    shows(page, TASK_PICKER, f"{TASK} · ", "· 30%")  # the new label reached the browser

    page.get_by_text("Tệp minh chứng (1)").click()  # the next click, on the same page
    expect(page.get_by_role("button", name="bien-ban-hoi-nghi.pdf")).to_be_visible()
    expect(page.get_by_text("Hội nghị triển khai lần một")).to_be_visible()
    shows(page, TASK_PICKER, f"{TASK} · ", "· 30%")

    log_action(page, "Hội nghị triển khai lần hai", 60)
    page.get_by_text("Tệp minh chứng (1)").click()  # the evidence of the first action
    expect(page.get_by_role("button", name="bien-ban-hoi-nghi.pdf")).to_be_visible()
    for description in ("Hội nghị triển khai lần một", "Hội nghị triển khai lần hai"):
        expect(page.get_by_text(description)).to_be_visible()
    shows(page, TASK_PICKER, f"{TASK} · ", "· 60%")

    with app_database(app_env), session_scope() as s:
        logged = s.exec(select(Action).join(Assignment).join(Task).join(Organisation)
                        .where(Task.code == TASK, Organisation.code == AGENCY_ORG)).all()
        assert sorted(a.description for a in logged) == ["Hội nghị triển khai lần hai", "Hội nghị triển khai lần một"]
        proofs = s.exec(select(Evidence).where(Evidence.action_id.in_([a.id for a in logged]))).all()
        assert [p.original_name for p in proofs] == ["bien-ban-hoi-nghi.pdf"]


def test_a_report_saved_twice_then_submitted(page, app_url, app_env, accounts):
    sign_in(page, app_url, AGENCY)
    go(page, "Báo cáo định kỳ")
    period = page.get_by_role("combobox", name=PERIOD_PICKER)
    first = period.input_value()
    with app_database(app_env), session_scope() as s:
        due_days = s.exec(select(Program)).first().report_due_days
    second = periods.parse(recent_periods(local_today(), ("semiannual",), due_days)[1], due_days)
    period.click()
    page.get_by_role("option").nth(1).click()  # not the first period: a jump would show
    expect(page.get_by_text(f"Hạn nộp: {second.due_on:%d/%m/%Y}")).to_be_visible()  # drawn by that run
    settled(page)
    expect(period).not_to_have_value(first)
    chosen = period.input_value()
    title = page.get_by_text(re.compile(r"^III\.6\. "))
    title.click()
    results = page.get_by_test_id("stExpander").filter(has=title).get_by_label("Kết quả đạt được")
    for text in ("Khám sàng lọc cho 1.200 người", "Khám sàng lọc cho 2.400 người"):
        results.fill(text)
        page.get_by_role("button", name="Lưu nháp").click()
        expect(page.get_by_text(re.compile(r"^Đã lưu bản nháp báo cáo kỳ "))).to_be_visible()
        settled(page)
        expect(results).to_have_value(text)
        expect(period).to_have_value(chosen)
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text(re.compile(r"Đã nộp báo cáo kỳ .* \(phiên bản 1\)"))).to_be_visible()
    settled(page)
    expect(period).to_have_value(chosen)

    with app_database(app_env):
        monitor = actor(E2E_USER)
        with session_scope() as s:
            (report,) = s.exec(select(Report).join(Organisation)
                               .where(Organisation.code == AGENCY_ORG, Report.state == "submitted")).all()
            assert report.content["sections"]["III.6"]["results"] == "Khám sàng lọc cho 2.400 người"
            reports.review(s, monitor, report.id, accept=True)  # the inbox is every e2e test's: leave it empty


def test_two_values_in_a_row_for_one_target(page, app_url, app_env, accounts):
    sign_in(page, app_url, NUMBERS)
    go(page, "Số liệu chỉ tiêu")
    choose(page, TARGET_PICKER, TARGET)
    expect(page.get_by_text("Mục tiêu 2030: dưới 2%")).to_be_visible()  # drawn by the run the choice starts
    settled(page)
    shows(page, TARGET_PICKER, f"{TARGET} — Tỷ lệ thất nghiệp chung")
    value = page.get_by_role("spinbutton", name=re.compile(r"^Giá trị"))
    for number, shown in (("1.9", "1,9%"), ("1.8", "1,8%")):
        value.fill(number)
        page.get_by_label("Nguồn số liệu").fill(f"Điều tra lao động ({shown})")
        page.get_by_role("button", name="Ghi số liệu").click()
        expect(page.get_by_text(re.compile(rf"^Đã ghi số liệu chỉ tiêu {TARGET} kỳ "))).to_be_visible()
        settled(page)
        expect(page.get_by_text(f"Số liệu gần nhất: {shown}", exact=False)).to_be_visible()
        shows(page, TARGET_PICKER, f"{TARGET} — ")

    with app_database(app_env), session_scope() as s:
        values = s.exec(select(TargetValue).join(Target).where(Target.code == TARGET)).all()
        assert sorted(v.value for v in values) == [1.8, 1.9]


def test_the_monitor_returns_one_report_then_accepts_the_next(page, app_url, app_env, accounts):
    with app_database(app_env):
        returned = submit_report("keep.gddt", "Báo cáo cần bổ sung")
        accepted = submit_report("keep.vhttdl", "Báo cáo đầy đủ")
    sign_in(page, app_url, E2E_USER)
    expect(page.get_by_role("heading", name="Theo dõi, đôn đốc")).to_be_visible()
    pick_report(page, RETURNED_ORG)  # its heading is drawn by the run that choice starts (if it is not first)
    expect(page.get_by_role("heading", name="Báo cáo của Sở Giáo dục và Đào tạo")).to_be_visible()
    settled(page)
    page.get_by_label(re.compile("Lý do trả lại")).fill("Bổ sung số trường đạt chuẩn")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.get_by_text(re.compile("Đã trả lại báo cáo"))).to_be_visible()
    settled(page)
    expect(page.get_by_text(GONE)).to_be_visible()  # the picker waits: on no other report
    expect(page.get_by_role("button", name="Tiếp nhận")).to_have_count(0)
    expect(page.get_by_role("heading", name=re.compile("^Báo cáo của "))).to_have_count(0)

    pick_report(page, ACCEPTED_ORG)
    expect(page.get_by_role("heading", name="Báo cáo của Sở Văn hóa, Thể thao và Du lịch")).to_be_visible()
    settled(page)
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_text(re.compile("Đã tiếp nhận báo cáo"))).to_be_visible()

    with app_database(app_env), session_scope() as s:
        assert (s.get(Report, returned).state, s.get(Report, accepted).state) == ("returned", "accepted")

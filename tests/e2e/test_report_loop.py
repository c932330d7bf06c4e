"""The accountability loop in a real browser: an agency logs an action with a PDF and submits its
report; the monitor returns it; the agency resubmits; the monitor accepts; a leader sees the change."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import E2E_PASSWORD, E2E_USER, add_account, choose, login
from tests.fixtures import files

pytestmark = pytest.mark.e2e
PASSWORD = E2E_PASSWORD


@pytest.fixture(scope="module")
def accounts(app_env):
    for username, role, org in (("e2e.sinho", "agency", "HU-SINHO"), ("e2e.bithu", "leader", "BTV-TU")):
        add_account(app_env, username, role, org)


def sign_in(page: Page, app_url: str, username: str) -> None:
    page.goto(app_url)
    login(page, username, PASSWORD)
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Đăng nhập: {username}", exact=False)).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_test_id("stSidebar").get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()


def go(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()


def agency_logs_an_action_with_a_pdf_and_submits(page: Page, app_url: str, pdf) -> None:
    sign_in(page, app_url, "e2e.sinho")
    expect(page.get_by_role("heading", name="Nhiệm vụ của đơn vị")).to_be_visible()  # the agency's landing page
    expect(page.get_by_text("Chưa có kết quả trong kỳ").first).to_be_attached()  # ongoing tasks
    go(page, "Cập nhật kết quả thực hiện")
    page.get_by_label("Nội dung thực hiện").fill("Hội nghị quán triệt Nghị quyết 42 cho 100% chi bộ")
    page.get_by_label("Số, ký hiệu văn bản").fill("131-BC/HU")
    page.get_by_role("spinbutton", name="Tiến độ (%)").fill("40")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(pdf))
    expect(page.get_by_text(re.compile(r"ke-hoac.*truyen\.pdf"))).to_be_visible()  # shown shortened
    page.get_by_role("button", name="Ghi kết quả").click()
    expect(page.get_by_text("Đã ghi kết quả thực hiện (1 tệp minh chứng)")).to_be_visible()
    go(page, "Báo cáo định kỳ")
    page.get_by_text(re.compile(r"^III\.1\. Nâng cao nhận thức")).first.click()
    page.get_by_label("Kết quả đạt được").first.fill("100% chi bộ được quán triệt")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text(re.compile(r"Đã nộp báo cáo kỳ .* \(phiên bản 1\)"))).to_be_visible()
    sign_out(page)


def pick_report(page: Page, org: str) -> None:
    """In the monitor's inbox, open the submitted report of body ``org`` (other tests submit too)."""
    choose(page, "Báo cáo cần xem", org)


def monitor_reviews(page: Page, app_url: str, accept: bool) -> None:
    sign_in(page, app_url, E2E_USER)
    expect(page.get_by_role("heading", name="Theo dõi, đôn đốc")).to_be_visible()  # the monitor's landing page
    pick_report(page, "HU-SINHO")
    expect(page.get_by_role("heading", name="Báo cáo của Huyện ủy Sìn Hồ")).to_be_visible()
    if accept:
        page.get_by_role("button", name="Tiếp nhận").click()
        expect(page.get_by_text(re.compile("Đã tiếp nhận báo cáo"))).to_be_visible()
    else:
        page.get_by_label(re.compile("Lý do trả lại")).fill("Bổ sung số đảng viên được quán triệt")
        page.get_by_role("button", name="Trả lại").click()
        expect(page.get_by_text(re.compile("Đã trả lại báo cáo"))).to_be_visible()
    sign_out(page)


def agency_revises_and_resubmits(page: Page, app_url: str) -> None:
    sign_in(page, app_url, "e2e.sinho")
    go(page, "Báo cáo định kỳ")
    expect(page.get_by_text(re.compile("Lý do: Bổ sung số đảng viên được quán triệt"))).to_be_visible()
    page.get_by_label("Kết quả đạt được").first.fill("100% chi bộ; 3.200 đảng viên được quán triệt")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text(re.compile(r"Đã nộp báo cáo kỳ .* \(phiên bản 2\)"))).to_be_visible()
    sign_out(page)


def leader_sees_the_change(page: Page, app_url: str) -> None:
    sign_in(page, app_url, "e2e.bithu")
    go(page, "Nhiệm vụ của đơn vị")
    choose(page, "Cơ quan, đơn vị", "HU-SINHO")
    expect(page.get_by_text("Đã báo cáo kết quả trong kỳ").first).to_be_attached()


def test_the_report_loop_across_four_roles(page, app_url, accounts, tmp_path):
    pdf = tmp_path / "ke-hoach-tuyen-truyen.pdf"
    pdf.write_bytes(files.PDF)
    agency_logs_an_action_with_a_pdf_and_submits(page, app_url, pdf)
    monitor_reviews(page, app_url, accept=False)
    agency_revises_and_resubmits(page, app_url)
    monitor_reviews(page, app_url, accept=True)
    leader_sees_the_change(page, app_url)

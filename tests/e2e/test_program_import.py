"""Importing a program in a real browser: the monitor uploads a plan as DOCX, corrects one target and one
body of section IV in the review screen (each time clicking again on the same page to find the
correction kept), publishes, and the body that was mapped finds the plan's tasks on its landing page.

Publishing adds a program for good, so this module has an installation and a server of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import add_account, installed, login, serve, settled
from tests.program_import.documents import FIXTURES, write_docx

pytestmark = pytest.mark.e2e

MONITOR, AGENCY = "import.monitor", "import.yte"


@pytest.fixture(scope="module")
def import_env(tmp_path_factory) -> dict:
    env = installed(tmp_path_factory.mktemp("e2e-import"))
    add_account(env, MONITOR, "monitor", "BTG-TU")
    add_account(env, AGENCY, "agency", "SO-YTE")
    return env


@pytest.fixture(scope="module")
def import_url(import_env) -> Iterator[str]:
    with serve(import_env) as url:
        yield url


def signed_in(page: Page, url: str, username: str) -> None:
    page.goto(url)
    login(page, username)
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Đăng nhập: {username}", exact=False)).to_be_visible()
    settled(page)


def test_upload_correct_publish_and_the_body_sees_the_tasks(page: Page, import_url, tmp_path):
    plan = write_docx(FIXTURES / "ke-hoach-thanh-nien.txt", tmp_path / "ke-hoach-thanh-nien.docx")
    signed_in(page, import_url, MONITOR)
    page.get_by_test_id("stSidebarNav").get_by_text("Nhập chương trình", exact=True).click()
    expect(page.get_by_role("heading", name="Nhập chương trình")).to_be_visible()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(plan))
    expect(page.get_by_text(re.compile(r"^Mã KH-NQ45: 3 nhóm nhiệm vụ"))).to_be_visible()
    settled(page)

    page.get_by_role("tab", name="Chỉ tiêu").click()
    value = page.get_by_role("spinbutton", name="Giá trị")
    value.fill("90")
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(page.get_by_text("Đã sửa chỉ tiêu T01.")).to_be_visible()
    settled(page)
    page.get_by_role("tab", name="Chỉ tiêu").click()  # again, on the same page: the correction is kept
    expect(page.get_by_role("spinbutton", name="Giá trị")).to_have_value("90")

    page.get_by_role("tab", name="Cơ quan (mục IV)").click()
    body = page.get_by_role("combobox", name=re.compile("Sở Lao động"))
    body.click()
    body.fill("SO-YTE")
    expect(page.get_by_role("option").first).to_contain_text("SO-YTE")
    body.press("Enter")
    expect(page.get_by_text(re.compile("ứng với SO-YTE"))).to_be_visible()
    settled(page)
    page.get_by_role("tab", name="Cơ quan (mục IV)").click()
    expect(page.get_by_role("combobox", name=re.compile("Sở Lao động"))).to_have_value(re.compile("^SO-YTE — "))

    page.get_by_role("button", name="Xuất bản chương trình").click()
    expect(page.get_by_text("Đã tạo chương trình KH-NQ45.")).to_be_visible()
    settled(page)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Đăng xuất").click()

    signed_in(page, import_url, AGENCY)
    expect(page.get_by_role("heading", name=re.compile(r"\(KH-NQ45\): \d+ nhiệm vụ"))).to_be_visible()
    expect(page.get_by_text("Kiện toàn tổ chức Đoàn cơ sở", exact=False).first).to_be_visible()

"""The agency's screens on a phone: a 390×844 touch screen, where Streamlit folds the sidebar away.

An agency signs in, sees its assignments (one card per task, every fact in view), opens the other
pages from the folded menu as a phone user does, logs an action with a PDF and submits its periodic report. On each screen the page must not
scroll sideways (tables may scroll inside themselves), the controls must lie inside the screen and
the buttons must be tall enough to tap. Last, the monitor (at a desk) accepts the report: the app
serves every e2e test from one installation, and a report left in the inbox would come first there.
"""

from __future__ import annotations

import os
import re
import struct

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import E2E_USER, add_account, settled
from tests.e2e.test_report_loop import pick_report, sign_in
from tests.fixtures import files
from tracker.config import PROJECT_ROOT
from tracker.services import status

pytestmark = pytest.mark.e2e

USER, ORG = "phone.tamduong", "HU-TAMDUONG"
WIDTH, HEIGHT, SCALE = 390, 844, 3
SLACK_PX = 1  # sub-pixel rounding of scrollWidth
# Streamlit draws its buttons 40 px tall (measured here); less means a squeezed button. The platform
# guides ask more (Apple 44 pt, Material 48 dp), which Streamlit's stock buttons do not reach.
MIN_TAP_PX = 40
SCREENSHOT = PROJECT_ROOT / "docs" / "phone-log-action.png"


@pytest.fixture(scope="module")
def phone_account(app_env):
    add_account(app_env, USER, "agency", ORG)


@pytest.fixture
def phone(browser, app_url, phone_account):
    # A phone's own user agent: Streamlit reads it to fold the sidebar after a menu entry is tapped.
    agent = (f"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
             f"Chrome/{browser.version} Mobile Safari/537.36")
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=SCALE,
                                  is_mobile=True, has_touch=True, locale="vi-VN", user_agent=agent)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def expect_menu_folded(page: Page) -> None:
    """The sidebar is folded away: marked collapsed and its menu off the screen."""
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    expect(page.get_by_test_id("stSidebarNav")).not_to_be_in_viewport()


def open_from_menu(page: Page, title: str) -> None:
    """Unfold the sidebar with its expand control, tap the page's menu entry; the sidebar folds again."""
    expect_menu_folded(page)
    page.get_by_test_id("stExpandSidebarButton").tap()
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav).to_be_in_viewport()
    nav.get_by_text(title, exact=True).tap()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect_menu_folded(page)


# Streamlit scrolls the page inside <main data-testid="stMain"> (overflow: auto), not in the document:
# content wider than the screen widens stMain's scrollWidth while the document's stays at 390.
PAGE_WIDTH = """() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth,
                               document.querySelector('[data-testid="stMain"]').scrollWidth)"""
PLANT_WIDE_BLOCK = """() => { const wide = document.createElement('div'); wide.id = 'phone-test-wide';
    wide.style.width = '600px'; wide.style.height = '1px';
    document.querySelector('[data-testid="stMainBlockContainer"]').appendChild(wide); }"""


def assert_fits(page: Page, controls: dict[str, Locator], buttons: tuple[str, ...] = ()) -> dict:
    """The page does not scroll sideways; each control lies inside the screen; ``buttons`` can be tapped."""
    settled(page)
    figures = {"page_width": page.evaluate(PAGE_WIDTH)}
    assert figures["page_width"] <= WIDTH + SLACK_PX, f"the page scrolls sideways: {figures['page_width']} px"
    for name, control in controls.items():
        control.scroll_into_view_if_needed()
        expect(control).to_be_in_viewport()
        box = figures[name] = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH + SLACK_PX, f"{name} leaves the screen: {box}"
    for name in buttons:
        assert figures[name]["height"] >= MIN_TAP_PX, f"{name} is too small to tap: {figures[name]}"
    return figures


# Each task is a card (tracker/ui/task_cards.py) with every fact in view: nothing behind a sideways swipe.
TASK_CARDS = '[class*="st-key-task_card_"]'
CARD_FACTS = ("Vai trò: ", "Thời hạn: ", "Hạn báo cáo tới: ")
# a deliverable's card ends with its progress; an ongoing task's (thường xuyên) with how it is judged
CARD_END = re.compile("^(Tiến độ: |Nhiệm vụ thường xuyên: )")
STATUS = re.compile("^(" + "|".join(map(re.escape, status.LABELS_VI.values())) + ")$")


def assert_cards_whole(page: Page, main: Locator, count: int) -> None:
    """``count`` task cards, each showing its code, status, role, deadline, next report and progress on screen."""
    cards = main.locator(TASK_CARDS)
    expect(cards).to_have_count(count)
    for i in range(count):
        card = cards.nth(i)
        parts = {"code": card.get_by_text(re.compile(r"^III\.[\w.]+$")).first, "status": card.get_by_text(STATUS),
                 **{fact: card.get_by_text(fact).first for fact in CARD_FACTS}, "end": card.get_by_text(CARD_END).first}
        assert_fits(page, parts)
        assert card.evaluate("card => card.scrollWidth <= card.clientWidth"), f"card {i} scrolls sideways"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


def monitor_accepts_the_report(page: Page, app_url: str) -> None:
    """The report sent from the phone is in the monitor's inbox, with its text; the monitor accepts it."""
    sign_in(page, app_url, E2E_USER)
    pick_report(page, ORG)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Báo cáo của Huyện ủy Tam Đường")).to_be_visible()
    expect(main.get_by_text("22/22 xã, thị trấn đã quán triệt")).to_be_visible()
    main.get_by_role("button", name="Tiếp nhận").click()
    accepted = re.compile(r"Đã tiếp nhận báo cáo .* của Huyện ủy Tam Đường")
    expect(main.get_by_text(accepted)).to_be_visible()


def test_an_agency_works_from_a_phone(phone, page, app_url, tmp_path):
    desk, page = page, phone
    pdf = tmp_path / "bien-ban-hoi-nghi.pdf"
    pdf.write_bytes(files.PDF)

    sign_in(page, app_url, USER)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Nhiệm vụ của đơn vị")).to_be_visible()
    expect_menu_folded(page)
    expect(main.get_by_text("Huyện ủy Tam Đường: 3 nhiệm vụ", exact=False)).to_be_in_viewport()
    assert_cards_whole(page, main, 3)
    page.evaluate(PLANT_WIDE_BLOCK)  # the measure sees a block wider than the screen...
    assert page.evaluate(PAGE_WIDTH) > WIDTH + SLACK_PX
    page.evaluate("document.getElementById('phone-test-wide').remove()")  # ...and its removal
    assert page.evaluate(PAGE_WIDTH) <= WIDTH + SLACK_PX

    open_from_menu(page, "Cập nhật kết quả thực hiện")
    description = main.get_by_label("Nội dung thực hiện")
    uploader = main.get_by_test_id("stFileUploaderDropzone")
    submit = main.get_by_role("button", name="Ghi kết quả")
    controls = {"description": description, "doc_number": main.get_by_label("Số, ký hiệu văn bản"),
                "uploader": uploader, "upload_button": uploader.get_by_test_id("stBaseButton-secondary"),
                "submit": submit}
    assert_fits(page, controls, ("upload_button", "submit"))
    description.fill("Hội nghị quán triệt Nghị quyết 42 tại 22 xã, thị trấn")
    main.get_by_label("Số, ký hiệu văn bản").fill("58-BC/HU")
    main.get_by_role("spinbutton", name="Tiến độ (%)").fill("30")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(pdf))
    expect(main.get_by_text(re.compile(r"bien-ba.*nghi\.pdf"))).to_be_visible()
    page.evaluate("document.activeElement.blur()")  # no "Press Enter to submit form" hint in the picture
    form_heading = main.get_by_role("heading", name="Ghi kết quả thực hiện")
    form_heading.evaluate("heading => heading.scrollIntoView()")  # the picture starts at the form
    shot = tmp_path / "phone-log-action.png"
    page.screenshot(path=str(shot))
    assert png_size(shot.read_bytes()) == (WIDTH * SCALE, HEIGHT * SCALE)
    if os.environ.get("TRACKER_UPDATE_SCREENSHOTS"):
        SCREENSHOT.write_bytes(shot.read_bytes())
    submit.tap()
    settled(page)
    # Seen where the finger is, without scrolling back up the long form.
    expect(main.get_by_text("Đã ghi kết quả thực hiện (1 tệp minh chứng)")).to_be_in_viewport()
    assert_fits(page, {"action": main.get_by_text("Hội nghị quán triệt Nghị quyết 42", exact=False).first})

    open_from_menu(page, "Báo cáo định kỳ")
    main.get_by_text(re.compile(r"^III\.1\. Nâng cao nhận thức")).first.tap()
    result = main.get_by_label("Kết quả đạt được").first
    send = main.get_by_role("button", name="Nộp báo cáo")
    controls = {"result": result, "save": main.get_by_role("button", name="Lưu nháp"), "send": send}
    assert_fits(page, controls, ("save", "send"))
    result.fill("22/22 xã, thị trấn đã quán triệt")
    send.tap()
    settled(page)
    expect(main.get_by_text(re.compile(r"Đã nộp báo cáo kỳ .* \(phiên bản 1\)"))).to_be_in_viewport()
    assert_fits(page, {"history": main.get_by_test_id("stDataFrame").last})

    monitor_accepts_the_report(desk, app_url)

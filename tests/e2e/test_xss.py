"""Script and ``javascript:`` payloads typed into every free-text field never run where the text is shown again.

Each payload carries a tag naming its field, a ``<script>``, an ``<img src=x onerror>``, an
``<svg onload>``, a Markdown link and an HTML link to ``javascript:`` (both with the text
"bấm vào đây"); each of them would set ``window.__xss`` (set to 0 by a context init script) if it ran.
After every page visit the test checks that ``window.__xss`` is still 0, that no dialog opened, that
no ``a[href^="javascript" i]`` and no injected ``img[src=x]``, ``svg[onload]``, ``<script>`` or
``on*=`` handler is in the DOM, and it clicks every link whose text is "bấm vào đây". The long payloads
also end in bare addresses (``https://…``, ``www.…``, ``ai@…``) and a line over ``===``: no link to
them and no heading may appear. Where a field is
shown as text (not only inside a table, which Streamlit draws on a canvas) the payload must be
visible verbatim: the field was saved and shown, not dropped.

Fields covered (text_input / text_area of tracker/ui, and where they are shown again):

- login: username (a failed sign-in) -> audit log
- Cơ quan, đơn vị (admin), the reorganisation wizard: a new body's code (refused), name, short name; a
  rename event's new name and new short name
  -> organisation table and pickers, the body's name on the agency's home page, the monitor's inbox
  heading and extension requests, the dashboard search, flash messages, audit log
- Tài khoản (admin): username (refused), full name, email -> user table, the author of directive
  replies, audit log (the leader's and monitor's full names, set with the CLI, are shown the same way)
- Cập nhật kết quả thực hiện (agency): action description, document number, cited document number,
  cited URL (``javascript:`` refused, then an http URL with markup), extension reason -> the action
  list, the report's linked actions, the monitor's inbox and extension tab, the summary draft
- Báo cáo định kỳ (agency): the four fields of a task group -> read-only report, monitor's inbox
- Số liệu chỉ tiêu (agency): comment and source of a quantitative target, assessment and source of a
  qualitative one -> value history, Chỉ tiêu 2030 (leader, monitor)
- Nhiệm vụ của đơn vị (agency): directive reply -> directive threads (leader, monitor, agency)
- Theo dõi, đôn đốc (monitor): return reason -> the agency's report page and history; extension note
  -> the agency's update page; assignment note -> audit log; urging message -> the agency's notices;
  letter number -> audit log (and the DOCX)
- Ý kiến chỉ đạo: directive text (leader), thread reply (monitor)
- Báo cáo tổng hợp (monitor): number, introduction, each group's narrative, limitations, proposals,
  recipients (kept in the session and written to DOCX/XLSX only; the test checks they stay in
  their text areas through reruns and run nothing)
- Search boxes: program page and dashboard (a body found by its payload name; a payload that finds
  nothing is echoed back); audit log filters: username, object id

Deliberately skipped: password fields (type=password, never shown again); the reminder-rule days
(Cài đặt nhắc việc: parsed as whole numbers, anything else refused with a fixed message) and the
number inputs; usernames and organisation codes are checked only as refused input (the services
accept ``[a-z0-9._-]`` and ``[A-Z0-9-]``, so markup can never be stored there).
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import add_account, login, settled
from tests.e2e.test_report_loop import PASSWORD, go, sign_in, sign_out
from tracker.config import PROJECT_ROOT
from tracker.services.auth import LOGIN_FAILED

pytestmark = pytest.mark.e2e

ORG, NEW_ORG, TARGET_NUMBER, TARGET_TEXT = "SO-XD", "XSS-MOI", "T33", "T34"
ADMIN, MONITOR, LEADER, AGENCY = "xss.admin", "xss.monitor", "xss.leader", "xss.agency"
OVERDUE_TASK, NEW_TASK = "III.6.đ.1", "III.1.1"
LINK = "bấm vào đây"
SHORT = "<svg/onload=__xss=1>"  # for the 20-character fields
BARE_ADDRESSES, HEADING = "https://evil.example www.evil.example ai@evil.example", "xss-tieude"


def payload(tag: str) -> str:
    """Every kind of payload at once, after ``tag`` (which names the field), ending in bare addresses that
    GFM would make links of and a line that a following ``===`` would make a heading (a text input drops
    the line breaks; the spaces keep the words apart)."""
    return (f'{tag} <script>window.__xss=1</script> <img src=x onerror="window.__xss=1"> '
            f'<svg onload="window.__xss=1;alert(1)"> [{LINK}](javascript:window.__xss=1) '
            f'<a href="javascript:window.__xss=1">{LINK}</a> {BARE_ADDRESSES} \n{HEADING} \n===')


def compact(tag: str) -> str:
    """An image handler and a Markdown link in at most 80 characters."""
    text = f"{tag} <img src=x onerror=__xss=1>[{LINK}](javascript:window.__xss=1)"
    assert len(text) <= 80, text
    return text


# What is typed where (the tag says which field a text on screen came from).
ORG_NAME, ORG_SHORT = payload("xss-ten"), compact("xss-vt")
NEW_ORG_NAME, NEW_ORG_SHORT = payload("xss-moi"), compact("xss-vtm")
FULL_NAME, LEADER_NAME, MONITOR_NAME = compact("xss-hoten"), compact("xss-ld"), compact("xss-gs")
EMAIL = "<svg/onload=window.__xss=1>@xss.vn"
DESCRIPTION, DOC_NUMBER, CITED = payload("xss-mota"), compact("xss-so"), compact("xss-trich")
URL = 'https://example.org/?q=<script>window.__xss=1</script>"onmouseover="window.__xss=1'
EXTENSION_REASON, EXTENSION_NOTE = payload("xss-giahan"), payload("xss-ykien")
REPORT = {"Công việc đã triển khai": payload("xss-bc1"), "Kết quả đạt được": payload("xss-bc2"),
          "Khó khăn, vướng mắc": payload("xss-bc3"), "Đề xuất, kiến nghị": payload("xss-bc4")}
RETURN_REASON = payload("xss-tralai")
VALUE_NOTE, VALUE_SOURCE = payload("xss-nhanxet"), payload("xss-nguon")
ASSESSMENT, ASSESSMENT_SOURCE = payload("xss-danhgia"), payload("xss-nguon2")
DIRECTIVE, AGENCY_REPLY, MONITOR_REPLY = payload("xss-chidao"), payload("xss-traloi"), payload("xss-gsreply")
ASSIGN_NOTE, URGE = payload("xss-ghichu"), payload("xss-dondoc")
SEARCH_MISS = payload("xss-timkiem")
SUMMARY = {"Phần mở đầu": payload("xss-modau"), "Hạn chế": payload("xss-hanche"),
           "V. Kiến nghị, đề xuất": payload("xss-dexuat"),
           "Nơi nhận (mỗi dòng một nơi)": payload("xss-noinhan")}

INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on') && /__xss|alert/.test(attr.value)) found.push(el.outerHTML.slice(0, 160));
    }
  }
  for (const el of document.querySelectorAll('img[src="x"], svg[onload]')) found.push(el.outerHTML.slice(0, 160));
  for (const el of document.querySelectorAll('script')) {
    if (el.textContent.includes('__xss')) found.push(el.outerHTML.slice(0, 160));
  }
  return found;
}"""


# A heading the typed text made: its line without the "===" under it (the app's own headings that quote a
# typed name, "Báo cáo của <name>", show the name whole, "===" and all).
MADE_HEADINGS = """(line) => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.textContent.includes(line) && !h.textContent.replace(/\\s+/g, ' ').includes(line + ' ==='))
  .map(h => h.outerHTML.slice(0, 300))"""


COUNT_RUNS = """() => {
  if (window.__runs === undefined) {
    window.__runs = 0;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
      if (app.getAttribute('data-test-script-state') === 'notRunning') window.__runs += 1;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  }
  return window.__runs;
}"""


class Watch:
    """A browser page whose every page visit is checked for a payload that ran."""

    def __init__(self, page: Page, app_url: str):
        self.page, self.app_url = page, app_url
        self.dialogs: list[str] = []
        page.context.add_init_script("window.__xss = 0")
        page.on("dialog", self._dialog)
        page.context.on("page", lambda other: other.on("dialog", self._dialog))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def settle(self) -> None:
        settled(self.page)

    def commit(self, field, text: str) -> None:
        """Type ``text`` into a text area outside a form and wait for the rerun its blur starts."""
        runs = self.page.evaluate(COUNT_RUNS)
        field.fill(text)
        self.page.locator("h1").first.click()
        self.page.wait_for_function("before => window.__runs > before", arg=runs)

    def switch(self, label: str, text: str) -> None:
        """Pick another option in a picker and wait for the run it starts to end: until then the
        previous form's fields are still on screen, and typing may go into one about to vanish."""
        runs = self.page.evaluate(COUNT_RUNS)
        pick(self.page, label, text)
        self.page.wait_for_function("before => window.__runs > before", arg=runs)

    def check(self, *shown: str) -> None:
        """``shown`` is on screen as text; nothing ran, and clicking the payload's links runs nothing."""
        try:
            for text in shown:
                expect(self.page.get_by_text(text, exact=False).filter(visible=True).first).to_be_visible(
                    timeout=20_000)
        finally:  # a payload that ran is the failure to report, even when its text did not show
            self.nothing_ran()

    def nothing_ran(self) -> None:
        page = self.page
        self.settle()
        self.flag_unset()
        assert page.locator('a[href^="javascript" i]').count() == 0, \
            page.locator('a[href^="javascript" i]').first.evaluate("a => a.outerHTML")
        assert page.evaluate(INJECTED) == []
        links = page.get_by_role("link", name=LINK, exact=True).filter(visible=True)
        for i in range(links.count()):
            links.nth(i).click()
        for other in page.context.pages:
            if other is not page:  # a Markdown link opens a new tab
                assert not other.url.lower().startswith("javascript"), other.url
                assert other.evaluate("window.__xss || 0") == 0, "a link ran its javascript: in a new tab"
                other.close()
        self.flag_unset()
        made = page.get_by_role("link", name=LINK, exact=True)
        assert made.count() == 0, f"typed Markdown became a link: {made.first.evaluate('a => a.outerHTML')}"
        made = page.locator('a[href*="evil.example" i]')
        assert made.count() == 0, f"a typed address became a link: {made.first.evaluate('a => a.outerHTML')}"
        made = page.evaluate(MADE_HEADINGS, HEADING)
        assert made == [], f"typed text became a heading: {made}"

    def flag_unset(self) -> None:
        assert self.page.evaluate("window.__xss") == 0, "a payload ran"
        assert self.dialogs == [], f"a payload opened a dialog: {self.dialogs}"

    def visit(self, title: str, *shown: str) -> None:
        go(self.page, title)
        self.check(*shown)


@pytest.fixture(scope="module")
def xss_accounts(app_env):
    """Admin, monitor and leader from the CLI (the agency is added in the app); one duty of ORG made overdue."""
    for username, role, org, name in ((ADMIN, "admin", "BTG-TU", ""), (MONITOR, "monitor", "BTG-TU", MONITOR_NAME),
                                      (LEADER, "leader", "BTV-TU", LEADER_NAME)):
        add_account(app_env, username, role, org, name=name)
    # No screen sets a deadline in the past; urging needs an overdue duty.
    with sqlite3.connect(Path(app_env["TRACKER_DATA_DIR"]) / "tracker.db") as db:
        changed = db.execute(
            "UPDATE assignment SET deadline = ?, deadline_is_default = 0 WHERE id = (SELECT a.id FROM assignment a "
            "JOIN task t ON t.id = a.task_id JOIN organisation o ON o.id = a.organisation_id "
            "WHERE t.code = ? AND o.code = ?)", (date(date.today().year - 1, 1, 31).isoformat(), OVERDUE_TASK, ORG))
        assert changed.rowcount == 1
        # only a task with a deliverable can be late (an ongoing one is judged per period)
        db.execute("UPDATE task SET ongoing = 0, deliverable = 'Sản phẩm' WHERE code = ?", (OVERDUE_TASK,))


def pick(page: Page, label: str | re.Pattern, text: str, scope=None) -> None:
    box = (scope or page).get_by_role("combobox", name=label)
    box.click()
    box.fill(text)
    box.press("Enter")


def choose(page: Page, label: str, typed: str, option: re.Pattern, scope=None) -> None:
    """Add the one option matching ``option`` (found by typing ``typed``) to a multiselect."""
    box = (scope or page).get_by_role("combobox", name=label)
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=option).click()
    page.locator("h1").first.click()  # close the list (Escape is not enough)
    expect(page.get_by_role("listbox")).to_have_count(0)
    expect((scope or page).get_by_role("button", name=re.compile("^Remove "))).to_have_count(1)


def refused_then_saved(w: Watch, form, label: str, refused: tuple[str, str], accepted: tuple[str, str],
                       button: str) -> None:
    """Submit ``form`` with a value the service refuses, then with one it saves; each (value, message shown)."""
    for value, message in (refused, accepted):
        form.get_by_label(label).fill(value)
        form.get_by_role("button", name=button).click()
        w.check(message)


def bordered(page: Page, text: str):
    """The innermost container (a thread, a request) that shows ``text``."""
    return page.get_by_test_id("stVerticalBlock").filter(has_text=text).last


def failed_sign_in(w: Watch) -> None:
    w.page.goto(w.app_url)
    login(w.page, compact("xss-login")[:60], "sai-mat-khau")
    expect(w.page.get_by_text(LOGIN_FAILED[:40], exact=False)).to_be_visible()
    w.check()


def apply_the_event(w: Watch, wizard, code: str) -> None:
    """Step 3 of the reorganisation wizard: confirm the preview, apply, see it applied."""
    wizard.get_by_text("Tôi đã xem trước và xác nhận áp dụng").click()
    settled(w.page)
    wizard.get_by_role("button", name="Áp dụng").click()
    w.check(f"Đã áp dụng {code}:")
    settled(w.page)


def admin_names_the_body_and_adds_its_officer(w: Watch) -> None:
    page = w.page
    sign_in(page, w.app_url, ADMIN)
    w.visit("Cơ quan, đơn vị")
    page.get_by_role("tab", name="Sắp xếp tổ chức").click()
    wizard = page.get_by_role("tabpanel", name="Sắp xếp tổ chức")
    wizard.get_by_label("Mã sự kiện").fill("XSS-TAO")
    wizard.get_by_label("Tên đầy đủ").fill(NEW_ORG_NAME)
    wizard.get_by_label("Tên viết tắt").fill(NEW_ORG_SHORT)
    code = wizard.get_by_label("Mã (chữ in hoa không dấu, số, gạch ngang)")
    for value, message in ((SHORT, "mã cơ quan gồm 2–40 ký tự"), (NEW_ORG, "Bước 3. Áp dụng")):
        code.fill(value)
        code.press("Enter")
        settled(page)
        wizard.get_by_role("button", name="Xem trước").click()
        w.check(message)
        if value == SHORT:
            wizard.get_by_role("button", name="Quay lại sửa sự kiện").click()
            settled(page)
    apply_the_event(w, wizard, "XSS-TAO")

    settled(page)  # the wizard starts again after applying: choose in the new one
    pick(page, "Loại sự kiện", "Đổi tên", wizard)
    expect(wizard.get_by_role("combobox", name="Cơ quan đổi tên")).to_be_visible()
    settled(page)
    wizard.get_by_label("Mã sự kiện").fill("XSS-DOITEN")
    pick(page, "Cơ quan đổi tên", ORG, wizard)
    settled(page)
    wizard.get_by_label("Tên mới").fill(ORG_NAME)
    wizard.get_by_label("Tên viết tắt mới").fill(ORG_SHORT)
    wizard.get_by_label("Tên viết tắt mới").press("Enter")
    settled(page)
    wizard.get_by_role("button", name="Xem trước").click()
    w.check("Bước 3. Áp dụng")
    apply_the_event(w, wizard, "XSS-DOITEN")

    w.visit("Tài khoản")
    form = page.get_by_test_id("stForm").filter(has=page.get_by_label("Họ và tên"))
    form.get_by_label("Họ và tên").fill(FULL_NAME)
    pick(page, "Cơ quan, đơn vị", ORG, form)
    form.get_by_label("Thư điện tử (không bắt buộc)").fill(EMAIL)
    form.get_by_label("Mật khẩu (để trống để tạo tự động)").fill(PASSWORD)
    refused_then_saved(w, form, "Tên đăng nhập", (SHORT, "Tên đăng nhập gồm 3–60 ký tự"),
                       (AGENCY, f"Đã tạo tài khoản {AGENCY}."), "Tạo tài khoản")
    sign_out(page)


def monitor_assigns_and_urges(w: Watch) -> None:
    page = w.page
    sign_in(page, w.app_url, MONITOR)
    expect(page.get_by_role("heading", name="Theo dõi, đôn đốc")).to_be_visible()
    page.get_by_role("tab", name="Giao nhiệm vụ").click()
    assign = page.get_by_role("tabpanel", name="Giao nhiệm vụ")
    pick(page, "Nhiệm vụ", NEW_TASK, assign)
    choose(page, "Cơ quan, đơn vị", ORG, re.compile(f"^{ORG} — "), assign)
    assign.get_by_label("Ghi chú").fill(ASSIGN_NOTE)
    assign.get_by_role("button", name="Giao nhiệm vụ").click()
    w.check(f"Đã giao nhiệm vụ {NEW_TASK}: 1 giao mới")

    page.get_by_role("tab", name="Đơn vị chậm").click()
    late = page.get_by_role("tabpanel", name="Đơn vị chậm")
    pick(page, "Cơ quan, đơn vị cần đôn đốc", ORG, late)
    late.get_by_label("Nội dung đôn đốc").fill(URGE)
    late.get_by_role("button", name="Đôn đốc", exact=True).click()
    expect(page.get_by_text("Đã gửi đôn đốc tới", exact=False)).to_be_visible()
    w.check()
    page.get_by_role("tab", name="Đơn vị chậm").click()
    late.get_by_label("Số công văn (không bắt buộc)").fill(SHORT)
    late.get_by_role("button", name="Soạn công văn đôn đốc").click()
    expect(late.get_by_role("button", name="Tải công văn đôn đốc (DOCX)")).to_be_visible()
    w.check()
    sign_out(page)


def deliver_notices(app_env) -> None:
    """One reminder run, as the worker does every minute: the urging reaches the agency's notices."""
    subprocess.run([sys.executable, "-m", "tracker", "remind"], cwd=PROJECT_ROOT, env=app_env, check=True,
                   capture_output=True, timeout=120)


def leader_directs(w: Watch) -> None:
    page = w.page
    sign_in(page, w.app_url, LEADER)
    w.visit("Ý kiến chỉ đạo")
    page.get_by_text("Một cơ quan, đơn vị", exact=True).click()
    pick(page, "Cơ quan, đơn vị", ORG)
    body = page.get_by_label("Nội dung chỉ đạo")
    expect(body).to_have_count(1)  # the form of the other subject kind may linger for a moment
    body.fill(DIRECTIVE)
    page.get_by_role("button", name="Gửi ý kiến chỉ đạo").click()
    w.check("Đã gửi ý kiến chỉ đạo.", DIRECTIVE, LEADER_NAME)
    sign_out(page)


def agency_works(w: Watch) -> None:
    page = w.page
    sign_in(page, w.app_url, AGENCY)
    expect(page.get_by_role("heading", name="Nhiệm vụ của đơn vị")).to_be_visible()
    w.check(ORG_NAME, DIRECTIVE, LEADER_NAME)
    thread = bordered(page, "xss-chidao")
    thread.get_by_label("Nội dung trả lời").fill(AGENCY_REPLY)
    thread.get_by_role("button", name="Gửi trả lời").click()
    w.check("Đã gửi trả lời.", AGENCY_REPLY, FULL_NAME)
    w.visit("Thông báo", URGE)

    w.visit("Cập nhật kết quả thực hiện")
    page.get_by_label("Nội dung thực hiện").fill(DESCRIPTION)
    page.get_by_label("Số, ký hiệu văn bản").fill(DOC_NUMBER)
    page.get_by_label("Hoặc trích dẫn văn bản đã công bố: số, ký hiệu").fill(CITED)
    refused_then_saved(w, page.get_by_test_id("stForm").filter(has=page.get_by_label("Nội dung thực hiện")),
                       "Đường dẫn văn bản (http:// hoặc https://)",
                       ("javascript:window.__xss=1", "Đường dẫn phải bắt đầu bằng http://"),
                       (URL, "Đã ghi kết quả thực hiện"), "Ghi kết quả")
    w.check(DESCRIPTION, DOC_NUMBER, CITED)
    cited = page.get_by_role("link", name=CITED)
    expect(cited).to_have_attribute("href", re.compile(r"^https://example\.org/\?q=%3Cscript%3E"))
    page.get_by_label("Lý do xin gia hạn").fill(EXTENSION_REASON)
    page.get_by_role("button", name="Gửi đề nghị gia hạn").click()
    w.check("Đã gửi đề nghị gia hạn", EXTENSION_REASON)

    w.visit("Báo cáo định kỳ")
    page.get_by_text(re.compile(r"^III\.1\. ")).first.click()
    for label, text in REPORT.items():
        page.get_by_label(label).first.fill(text)
    choose(page, "Kết quả thực hiện kèm theo báo cáo", "xss-mota", re.compile("xss-mota"))
    page.get_by_role("button", name="Nộp báo cáo").click()
    w.check("Đã nộp báo cáo kỳ", *REPORT.values())

    w.visit("Số liệu chỉ tiêu")
    pick(page, "Chỉ tiêu", TARGET_NUMBER)
    page.get_by_role("spinbutton", name=re.compile("^Giá trị")).fill("320")
    page.get_by_label("Nhận xét (không bắt buộc)").fill(VALUE_NOTE)
    page.get_by_label("Nguồn số liệu").fill(VALUE_SOURCE)
    page.get_by_role("button", name="Ghi số liệu").click()
    w.check(f"Đã ghi số liệu chỉ tiêu {TARGET_NUMBER}")
    w.switch("Chỉ tiêu", TARGET_TEXT)
    expect(page.get_by_label("Đánh giá", exact=True)).to_be_visible()  # the qualitative target's form
    expect(page.get_by_label("Nguồn số liệu")).to_have_count(1)  # and the previous one is gone
    page.get_by_label("Đánh giá", exact=True).fill(ASSESSMENT)
    page.get_by_label("Nguồn số liệu").fill(ASSESSMENT_SOURCE)
    page.get_by_role("button", name="Ghi số liệu").click()
    w.check(f"Đã ghi số liệu chỉ tiêu {TARGET_TEXT}", ASSESSMENT)
    sign_out(page)


def monitor_reviews(w: Watch) -> None:
    page = w.page
    sign_in(page, w.app_url, MONITOR)
    expect(page.get_by_role("heading", name="Theo dõi, đôn đốc")).to_be_visible()
    pick(page, "Báo cáo cần xem", ORG)
    w.check(f"Báo cáo của {ORG_NAME}", *REPORT.values(), DOC_NUMBER)
    page.get_by_label(re.compile("Lý do trả lại")).fill(RETURN_REASON)
    page.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.get_by_text("Đã trả lại báo cáo", exact=False)).to_be_visible()
    w.check()

    page.get_by_role("tab", name="Đề nghị gia hạn").click()
    w.check(EXTENSION_REASON, ORG_NAME)
    request = bordered(page, "xss-giahan")
    request.get_by_label("Ý kiến (bắt buộc khi không đồng ý)").fill(EXTENSION_NOTE)
    request.get_by_role("button", name="Không đồng ý").click()
    expect(page.get_by_text("Đã không đồng ý gia hạn nhiệm vụ", exact=False)).to_be_visible()
    w.check()
    for tab in ("Đơn vị chậm", "Tất cả nhiệm vụ"):
        page.get_by_role("tab", name=tab).click()
        w.check()

    w.visit("Ý kiến chỉ đạo", DIRECTIVE, AGENCY_REPLY, LEADER_NAME, FULL_NAME)
    thread = bordered(page, "xss-chidao")
    thread.get_by_label("Nội dung trả lời").fill(MONITOR_REPLY)
    thread.get_by_role("button", name="Gửi trả lời").click()
    w.check("Đã gửi trả lời.", MONITOR_REPLY, MONITOR_NAME)

    follow_the_body(w)
    w.visit("Chỉ tiêu 2030", ASSESSMENT)
    write_the_summary(w)
    read_the_audit_log(w)
    search_the_program(w)
    sign_out(page)


def searched(w: Watch, title: str, name: str):
    """On page ``title``, search for a body's ``name`` (found, shown) and for a payload that finds nothing."""
    w.visit(title)
    search = w.page.get_by_label("Tìm kiếm (không phân biệt dấu)")
    for query, shown in ((name, name), (SEARCH_MISS, "Không tìm thấy kết quả cho")):
        search.fill(query)
        search.press("Enter")
        w.check(shown)
    return search


def follow_the_body(w: Watch) -> None:
    """Dashboard (search, filter by the body: drill-down and overdue tables) and the body's home page."""
    page = w.page
    search = searched(w, "Tổng quan", ORG_NAME)
    search.fill("")
    search.press("Enter")
    pick(page, "Cơ quan, đơn vị", "xss-ten")
    expect(page.get_by_role("heading", name=re.compile(r"^Nhiệm vụ theo bộ lọc"))).to_be_visible()
    w.check()
    w.visit("Nhiệm vụ của đơn vị")
    pick(page, re.compile("Cơ quan, đơn vị"), ORG)
    w.check(ORG_NAME)


def write_the_summary(w: Watch) -> None:
    page = w.page
    w.visit("Báo cáo tổng hợp")
    number = page.get_by_label("Số", exact=True)
    number.fill(SHORT)
    number.press("Enter")
    page.get_by_role("button", name="Soạn thảo").click()
    expect(page.get_by_role("heading", name="Chỉnh sửa nội dung")).to_be_visible(timeout=60_000)
    w.check()
    typed = [(page.get_by_label(f"Kết quả của nhóm III.{n}", exact=True), payload(f"xss-nhom{n}"))
             for n in range(1, 10)]
    typed += [(page.get_by_label(label, exact=True), text) for label, text in SUMMARY.items()]
    for n, (area, text) in enumerate(typed, start=1):
        if n <= 9 and not area.is_visible():  # a group's narrative is in its (closed) expander
            page.get_by_test_id("stExpander").locator("summary").filter(has_text=re.compile(rf"III\.{n}\. ")).click()
        w.commit(area, text)
    page.get_by_role("button", name="Tạo tệp DOCX, XLSX").click()
    expect(page.get_by_role("button", name="Tải DOCX")).to_be_visible()
    for area, text in typed:
        expect(area).to_have_value(text)
    expect(number).to_have_value(SHORT)
    w.check()


def read_the_audit_log(w: Watch) -> None:
    page = w.page
    w.visit("Nhật ký")
    form = page.get_by_test_id("stForm")
    form.get_by_label("Tên đăng nhập").fill(payload("xss-loc"))
    form.get_by_label("Mã đối tượng").fill(SHORT)
    form.get_by_role("button", name="Lọc").click()
    w.check("Không có sự kiện nào khớp bộ lọc.")
    form.get_by_label("Tên đăng nhập").fill("")
    form.get_by_label("Mã đối tượng").fill("")
    form.get_by_role("button", name="Lọc").click()
    expect(page.get_by_text(re.compile(r"^\d+ sự kiện, mới nhất trước"))).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    w.check()


def search_the_program(w: Watch) -> None:
    page = w.page
    searched(w, "Chương trình hành động", NEW_ORG_NAME)
    page.get_by_role("tab", name="Cơ quan, đơn vị").click()
    w.check()


def agency_reads_the_answers(w: Watch) -> None:
    page = w.page
    sign_in(page, w.app_url, AGENCY)
    w.check(MONITOR_REPLY, MONITOR_NAME, AGENCY_REPLY)
    w.visit("Báo cáo định kỳ", f"Lý do: {RETURN_REASON}")
    w.visit("Cập nhật kết quả thực hiện", EXTENSION_REASON, f"Ý kiến: {EXTENSION_NOTE}", DESCRIPTION)
    w.visit("Số liệu chỉ tiêu")
    pick(page, "Chỉ tiêu", TARGET_TEXT)
    w.check(ASSESSMENT)
    w.visit("Thông báo", URGE)
    sign_out(page)


def leader_reads_everything(w: Watch) -> None:
    page = w.page
    sign_in(page, w.app_url, LEADER)
    w.check()
    w.visit("Ý kiến chỉ đạo", DIRECTIVE, AGENCY_REPLY, MONITOR_REPLY)
    follow_the_body(w)
    w.visit("Chỉ tiêu 2030", ASSESSMENT)
    w.visit("Theo dõi, đôn đốc")
    for tab in ("Đơn vị chậm", "Tất cả nhiệm vụ"):
        page.get_by_role("tab", name=tab).click()
        w.check()
    sign_out(page)


def admin_reads_the_records(w: Watch) -> None:
    page = w.page
    sign_in(page, w.app_url, ADMIN)
    w.visit("Tài khoản")
    w.visit("Cơ quan, đơn vị")
    read_the_audit_log(w)
    search_the_program(w)
    sign_out(page)


def test_typed_scripts_and_javascript_links_never_run(page, app_url, app_env, xss_accounts):
    w = Watch(page, app_url)
    failed_sign_in(w)
    admin_names_the_body_and_adds_its_officer(w)
    monitor_assigns_and_urges(w)
    deliver_notices(app_env)
    leader_directs(w)
    agency_works(w)
    monitor_reviews(w)
    agency_reads_the_answers(w)
    leader_reads_everything(w)
    admin_reads_the_records(w)

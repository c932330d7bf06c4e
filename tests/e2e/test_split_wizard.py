"""The split wizard in a real browser: an administrator splits the labour department (SO-LDTBXH) into
Sở Nội vụ, Sở Y tế and Sở Giáo dục và Đào tạo, sees each task's default successor in the preview,
sends one task elsewhere, applies, clicks again on the same page and finds the event there; the
database has that task on the successor chosen.

The split changes the bodies for good, so this module has an installation and a server of its own.
"""

from __future__ import annotations

import re

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from tests.e2e.conftest import add_account, installed, login, serve, settled
from tests.e2e.test_keeps_place import app_database
from tracker.clock import local_today
from tracker.db import session_scope
from tracker.models import Assignment, Organisation, Task
from tracker.services import reorganisation
from tracker.services.actor import Actor

pytestmark = pytest.mark.e2e

ADMIN = "split.admin"
CODE, ENDING, SUCCESSORS = "2025-03-SO-LDTBXH", "SO-LDTBXH", ("SO-NV", "SO-YTE", "SO-GDDT")


@pytest.fixture(scope="module")
def split_env(tmp_path_factory) -> dict:
    env = installed(tmp_path_factory.mktemp("e2e-split"))
    add_account(env, ADMIN, "admin", "BTC-TU")
    add_account(env, "split.ldtbxh", "agency", ENDING)
    return env


@pytest.fixture(scope="module")
def split_url(split_env) -> Iterator[str]:
    with serve(split_env) as url:
        yield url


def spec() -> reorganisation.EventSpec:
    return reorganisation.EventSpec(code=CODE, kind="split", effective_on=local_today(), ending=(ENDING,),
                                    successors=SUCCESSORS)


def add_to(page: Page, box, code: str) -> None:
    """Add the body ``code`` ("CODE — name") to the multiselect ``box``."""
    box.click()
    box.fill(code)
    page.get_by_role("option", name=re.compile(f"^{re.escape(code)} — ")).click()
    box.press("Escape")
    settled(page)


def test_split_with_one_task_sent_elsewhere(page: Page, split_url, split_env):
    with app_database(split_env), session_scope() as s:
        shown = reorganisation.preview(s, Actor.operator("e2e"), spec())
        moved = next(h for h in shown.handovers if h.to and "SO-GDDT" not in {c for c, _ in h.to})
        default = {c for c, _ in moved.to}

    page.goto(split_url)
    login(page, ADMIN)
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Đăng nhập: {ADMIN}", exact=False)).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_text("Cơ quan, đơn vị", exact=True).click()
    expect(page.get_by_role("heading", name="Cơ quan, đơn vị")).to_be_visible()
    settled(page)
    page.get_by_role("tab", name="Sắp xếp tổ chức").click()
    kind = page.get_by_role("combobox", name="Loại sự kiện")
    kind.click()
    page.get_by_role("option", name="Chia tách").click()
    expect(page.get_by_role("combobox", name="Cơ quan kết thúc")).to_be_visible()  # drawn by the run the choice starts
    settled(page)
    page.get_by_label("Mã sự kiện").fill(CODE)
    page.get_by_label("Số văn bản căn cứ").fill("1676-QĐ/TU")
    page.get_by_label("Số văn bản căn cứ").press("Enter")
    settled(page)
    add_to(page, page.get_by_role("combobox", name="Cơ quan kết thúc"), ENDING)
    for code in SUCCESSORS:
        add_to(page, page.get_by_role("combobox", name="Cơ quan kế thừa (đang có)"), code)
    page.get_by_role("button", name="Xem trước").click()
    expect(page.get_by_role("heading", name="Bước 2. Xem trước")).to_be_visible()
    settled(page)

    task_box = page.locator(f".st-key-orgwiz_0_to_{moved.assignment_id}")
    for code in default:
        expect(task_box).to_contain_text(code)  # the default of that task
    expect(task_box).not_to_contain_text("SO-GDDT")
    box = task_box.get_by_role("combobox")
    box.click()
    for _ in default:
        box.press("Backspace")  # drops the default successor(s)
    for code in default:
        expect(task_box).not_to_contain_text(code)
    add_to(page, box, "SO-GDDT")
    expect(task_box).to_contain_text("SO-GDDT")
    page.get_by_text("Tôi đã xem trước và xác nhận áp dụng").click()
    settled(page)
    page.get_by_role("button", name="Áp dụng").click()
    expect(page.get_by_text(f"Đã áp dụng {CODE}:", exact=False)).to_be_visible()
    settled(page)

    page.get_by_role("tab", name="Sự kiện sắp xếp").click()  # the next click, on the same page
    undo = page.get_by_role("combobox", name="Sự kiện cần hoàn tác")
    undo.click()
    expect(page.get_by_role("option", name=f"{CODE} — ")).to_be_visible()
    undo.press("Escape")
    expect(page.get_by_role("heading", name="Bước 2. Xem trước")).to_have_count(0)  # the wizard started again

    with app_database(split_env), session_scope() as s:
        def open_on(org: str) -> bool:
            return s.exec(select(Assignment).join(Organisation).join(Task).where(
                Organisation.code == org, Task.code == moved.task_code, Assignment.cancelled_at.is_(None))).first() \
                is not None

        assert open_on("SO-GDDT")
        assert not open_on(ENDING)
        ended = s.exec(select(Organisation).where(Organisation.code == ENDING)).one()
        assert not ended.active and ended.ended_on == local_today()

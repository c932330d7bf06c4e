"""A person signs in to the app served as `make run` serves it and finds the whole program."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import SEED_DIR
from tests.e2e.conftest import E2E_PASSWORD, E2E_USER, login
from tracker.seeding import read_seed
from tracker.services.auth import LOGIN_FAILED

pytestmark = pytest.mark.e2e

GROUPS = read_seed(SEED_DIR).groups


def test_program_screen_shows_all_nine_groups_in_vietnamese(signed_in_page):
    page = signed_in_page
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Chương trình hành động", exact=False).first).to_be_visible()
    for group in GROUPS:
        expect(main.get_by_text(f"{group.label}. {group.title}", exact=False).first).to_be_attached()
    assert len(GROUPS) == 9


def test_opening_a_group_shows_its_subgroups_and_tasks(signed_in_page):
    page = signed_in_page
    housing = next(g for g in GROUPS if g.label == "6")
    page.get_by_text(f"6. {housing.title}", exact=False).first.click()
    task = next(s for s in housing.subgroups if s.label == "đ").tasks[1]
    expect(page.get_by_text(task.text[:60], exact=False).first).to_be_visible()


def test_search_ignores_diacritics(signed_in_page):
    page = signed_in_page
    box = page.get_by_label("Tìm kiếm (không phân biệt dấu)")
    box.fill("giam ngheo")
    box.press("Enter")
    expect(page.get_by_text(re.compile("III\\.5\\.c\\.1")).first).to_be_visible()


def test_english_is_a_choice(signed_in_page):
    page = signed_in_page
    page.get_by_test_id("stSidebar").get_by_role("combobox").first.click()
    page.get_by_role("option", name=re.compile("English")).click()
    expect(page.get_by_text("Action Program", exact=False).first).to_be_visible()


def test_sign_in_refuses_a_wrong_password_then_signs_in_and_out(page, app_url):
    page.goto(app_url)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    login(page, E2E_USER, "sai-mat-khau-123")
    expect(main.get_by_text(LOGIN_FAILED)).to_be_visible()

    login(page, E2E_USER, E2E_PASSWORD)
    expect(main.get_by_role("heading", name="Theo dõi, đôn đốc").first).to_be_visible()  # the monitor's landing
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Nhật ký")).to_be_visible()
    expect(sidebar.get_by_text("Tài khoản")).to_have_count(0)

    sidebar.get_by_role("button", name="Đăng xuất").click()
    expect(main.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    expect(page.get_by_test_id("stForm").get_by_label("Mật khẩu")).to_be_visible()

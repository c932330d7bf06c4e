"""A person opens the app served as `make run` serves it and finds the whole program."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import SEED_DIR
from tracker.seeding import read_seed

pytestmark = pytest.mark.e2e

GROUPS = read_seed(SEED_DIR).groups


def test_program_screen_shows_all_nine_groups_in_vietnamese(page, app_url):
    page.goto(app_url)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Chương trình hành động", exact=False).first).to_be_visible()
    for group in GROUPS:
        expect(main.get_by_text(f"{group.label}. {group.title}", exact=False).first).to_be_attached()
    assert len(GROUPS) == 9


def test_opening_a_group_shows_its_subgroups_and_tasks(page, app_url):
    page.goto(app_url)
    housing = next(g for g in GROUPS if g.label == "6")
    page.get_by_text(f"6. {housing.title}", exact=False).first.click()
    task = next(s for s in housing.subgroups if s.label == "đ").tasks[1]
    expect(page.get_by_text(task.text[:60], exact=False).first).to_be_visible()


def test_search_ignores_diacritics(page, app_url):
    page.goto(app_url)
    box = page.get_by_role("textbox").first
    box.fill("giam ngheo")
    box.press("Enter")
    expect(page.get_by_text(re.compile("III\\.5\\.c\\.1")).first).to_be_visible()


def test_english_is_a_choice(page, app_url):
    page.goto(app_url)
    page.get_by_test_id("stSidebar").get_by_role("combobox").first.click()
    page.get_by_role("option", name=re.compile("English")).click()
    expect(page.get_by_text("Action Program", exact=False).first).to_be_visible()

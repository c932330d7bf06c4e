"""A closed network: every page of every role renders with nothing fetched from outside the app's origin.

Party and government networks are often cut off from the internet. The browser here aborts (and
records) every request to another origin; each role signs in and opens every page of its menu. The
test fails on any such request, on a favicon that points elsewhere, and on Material icons drawn
without their font (they would show as raw ligature names or empty boxes).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import E2E_USER, add_account, settled
from tests.e2e.test_report_loop import sign_in, sign_out
from tracker.ui.pages import specs_for

pytestmark = pytest.mark.e2e

ACCOUNTS = {"admin": ("offline.admin", "BTG-TU"), "monitor": (E2E_USER, "BTG-TU"),
            "leader": ("offline.leader", "BTV-TU"), "agency": ("offline.sinho", "HU-SINHO")}

# Icons Streamlit draws from its bundled Material Symbols font: the font must be loaded for each.
ICONS_WITHOUT_FONT = """() => {
  const icons = [...document.querySelectorAll('[data-testid="stIconMaterial"]')];
  const loaded = document.fonts.check('24px "Material Symbols Rounded"');
  return {count: icons.length, loaded};
}"""


def origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


@pytest.fixture(scope="module")
def accounts(app_env):
    for role, (username, org) in ACCOUNTS.items():
        if username != E2E_USER:
            add_account(app_env, username, role, org)


@pytest.fixture
def closed(page: Page, app_url: str) -> list[str]:
    """The page, with every request to another origin aborted; returns the list of those requests."""
    home = origin(app_url)
    outside: list[str] = []

    def only_home(route) -> None:
        url = route.request.url
        if origin(url) == home or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort("blockedbyclient")

    page.context.route("**/*", only_home)
    return outside


def visit_every_page(page: Page, role: str, outside: list[str], shots: Path) -> list[str]:
    """Open each entry of the role's menu; after each settles, nothing went outside and icons have their font."""
    nav = page.get_by_test_id("stSidebarNav")
    links = nav.get_by_role("link")
    expect(links).to_have_count(len(specs_for(role)))
    titles = [text.strip().splitlines()[-1] for text in links.all_inner_texts()]  # after the icon's name
    for index, title in enumerate(titles):
        links.nth(index).click()
        expect(page.get_by_test_id("stSidebarNav").get_by_role("link").nth(index)).to_have_attribute(
            "aria-current", "page")
        settled(page)
        favicon = page.evaluate("() => document.querySelector(\"link[rel='shortcut icon']\")?.href ?? ''")
        assert not favicon or origin(favicon) == origin(page.url), f"{role} / {title}: favicon from {favicon}"
        icons = page.evaluate(ICONS_WITHOUT_FONT)
        assert icons["count"] == 0 or icons["loaded"], f"{role} / {title}: Material icons without their font"
        assert not outside, f"{role} / {title}: requests left the app's origin: {sorted(set(outside))}"
        page.screenshot(path=str(shots / f"{role}-{index:02d}.png"), full_page=True)  # for a person to look at
    return titles


def test_every_page_renders_on_a_closed_network(page, app_url, accounts, closed, tmp_path):
    visited = {}
    for role, (username, _org) in ACCOUNTS.items():
        sign_in(page, app_url, username)
        settled(page)
        visited[role] = visit_every_page(page, role, closed, tmp_path)
        sign_out(page)
    assert closed == [], f"requests left the app's origin: {sorted(set(closed))}"
    assert sum(map(len, visited.values())) == sum(len(specs_for(role)) for role in ACCOUNTS)

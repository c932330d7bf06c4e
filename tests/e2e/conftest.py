"""Browser tests: a real Streamlit server on loopback, driven by Playwright in Debian's Chromium.

Playwright cannot download its own browser here; it launches TRACKER_CHROMIUM (default
/usr/bin/chromium). Without a browser the tests skip locally and fail under CI=true.

The installation has one account (E2E_USER, made with the CLI as an operator would); every test
signs in through the real login form with ``login(page)``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import missing
from tracker.config import PROJECT_ROOT

E2E_USER, E2E_PASSWORD = "e2e.monitor", "mat-khau-e2e-2026"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = os.environ.get("TRACKER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if Path(path).exists():
        return path
    missing(f"no Chromium at {path}: apt-get install chromium (or set TRACKER_CHROMIUM)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server process exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout}s")


@pytest.fixture(scope="session")
def app_env(tmp_path_factory) -> dict:
    """Environment of a freshly initialised embedded (SQLite) installation."""
    env = installed(tmp_path_factory.mktemp("e2e-data"))
    add_account(env, E2E_USER, "monitor", "BTG-TU")
    return env


def installed(data_dir: Path) -> dict:
    """The environment of an installation in ``data_dir``, made by `init --as-issued` (the 2024 bodies)."""
    env = {**os.environ, "TRACKER_DATA_DIR": str(data_dir), "TRACKER_DATABASE_URL": ""}
    subprocess.run([sys.executable, "-m", "tracker", "init", "--as-issued"], cwd=PROJECT_ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    return env


def add_account(env: dict, username: str, role: str, org: str, email: str | None = None, name: str = "") -> None:
    """Create an account with the CLI, as an operator would (password E2E_PASSWORD)."""
    extra = (["--email", email] if email else []) + (["--name", name] if name else [])
    subprocess.run([sys.executable, "-m", "tracker", "user", "add", username, "--role", role, "--org", org, *extra,
                    "--password-stdin"], input=f"{E2E_PASSWORD}\n", text=True, cwd=PROJECT_ROOT, env=env,
                   check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def app_url(app_env) -> Iterator[str]:
    """Serve tracker_app.py as `make run` does (without hot reload), on a free loopback port."""
    with serve(app_env) as url:
        yield url


@contextmanager
def serve(env: dict) -> Iterator[str]:
    """A Streamlit server of the installation ``env`` on a free loopback port, stopped on leaving."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "tracker_app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         # No hot reload: an edit to tracker/ while the suite runs would re-import tracker.models
         # into the same SQLModel metadata ("Table 'user' is already defined") and fail the tests.
         "--server.fileWatcherType", "none"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    from playwright.sync_api import expect

    # What a test expects to see waits for the app's answer up to 20 s, not Playwright's 5 s: on this
    # 2-core machine under load a rerun after a write can take longer (test_phone once missed it).
    expect.set_options(timeout=20_000)
    yield page
    context.close()


def settled(page) -> None:
    """Wait for the script run to finish, so that nothing is redrawn while the test looks."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=30_000)


def choose(page, picker: str, text: str) -> None:
    """In the selectbox named ``picker``, type ``text`` and take the first option it filters to."""
    from playwright.sync_api import expect

    box = page.get_by_role("combobox", name=picker)
    box.click()
    box.fill(text)
    expect(page.get_by_role("option").first).to_contain_text(text)  # the list is filtered: Enter takes it
    box.press("Enter")


def login(page, username: str = E2E_USER, password: str = E2E_PASSWORD) -> None:
    """Sign in through the login form (the page must show it); the caller checks the outcome."""
    form = page.get_by_test_id("stForm")
    form.get_by_label("Tên đăng nhập").fill(username)
    form.get_by_label("Mật khẩu").fill(password)
    form.get_by_role("button", name="Đăng nhập").click()


@pytest.fixture
def signed_in_page(page, app_url):
    """A browser page signed in as E2E_USER, showing the program page."""
    from playwright.sync_api import expect

    page.goto(app_url)
    login(page)
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Đăng nhập: {E2E_USER}", exact=False)).to_be_visible()
    # The monitor lands on its workspace; open the program page from the menu.
    expect(page.get_by_role("heading", name="Theo dõi, đôn đốc")).to_be_visible(timeout=15_000)
    page.get_by_test_id("stSidebarNav").get_by_text("Chương trình hành động", exact=True).click()
    expect(page.get_by_label("Tìm kiếm (không phân biệt dấu)")).to_be_visible(timeout=15_000)
    return page

"""Browser tests: a real Streamlit server on loopback, driven by Playwright in Debian's Chromium.

Playwright cannot download its own browser here; it launches TRACKER_CHROMIUM (default
/usr/bin/chromium). Without a browser the tests skip locally and fail under CI=true.
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
from pathlib import Path

import pytest

from tracker.config import PROJECT_ROOT, running_in_ci

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = os.environ.get("TRACKER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if Path(path).exists():
        return path
    message = f"no Chromium at {path}: apt-get install chromium (or set TRACKER_CHROMIUM)"
    if running_in_ci():
        pytest.fail(message + " (CI=true: browser tests may not be skipped)")
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
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
    data_dir = tmp_path_factory.mktemp("e2e-data")
    env = {**os.environ, "TRACKER_DATA_DIR": str(data_dir), "TRACKER_DATABASE_URL": ""}
    subprocess.run([sys.executable, "-m", "tracker", "init"], cwd=PROJECT_ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    return env


@pytest.fixture(scope="session")
def app_url(app_env) -> Iterator[str]:
    """Serve tracker_app.py exactly as `make run` does, on a free loopback port."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "tracker_app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=PROJECT_ROOT, env=app_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
    yield page
    context.close()

"""The newcomer's make targets: `make admin` creates an administrator with the project's own Python, and
`make run` on a port that is taken stops at once with a message that says so and how to choose another.

Each runs make as a person would, against a data dir of its own; `-o` keeps make from reinstalling the
virtual environment when requirements.txt is newer than its stamp.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess

import pytest

from tests.conftest import missing
from tracker.config import PROJECT_ROOT


@pytest.fixture(autouse=True)
def _make_installed() -> None:
    """make is what these tests are about: skipped locally without it, a failure under CI=true."""
    if not shutil.which("make"):
        missing("make is not installed")


def make(*args: str, data_dir, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKER_DATA_DIR": str(data_dir), "TRACKER_DATABASE_URL": ""}
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.runtime-installed", *args],
                          cwd=PROJECT_ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=180)


def test_make_admin_creates_an_administrator(tmp_path):
    done = make("admin", "NAME=quan.tri", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Đã tạo tài khoản quan.tri (admin, BTGDV-TU)." in done.stdout
    assert "Mật khẩu (chỉ hiển thị một lần):" in done.stdout  # no terminal to ask on: one is generated
    with sqlite3.connect(tmp_path / "tracker.db") as db:
        assert db.execute("SELECT role FROM user WHERE username = 'quan.tri'").fetchall() == [("admin",)]


def test_make_admin_without_a_name_says_how(tmp_path):
    done = make("admin", data_dir=tmp_path)
    assert done.returncode != 0
    assert "make admin NAME=ten.dang.nhap" in done.stderr
    assert not (tmp_path / "tracker.db").exists(), "nothing is set up before the name is given"


def test_make_run_on_a_taken_port_stops_with_a_clear_message(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = make("run", f"PORT={port}", "ADDRESS=127.0.0.1", data_dir=tmp_path)
    assert done.returncode != 0
    assert f"Cổng {port} trên 127.0.0.1 đang được dùng" in done.stderr
    assert "make run PORT=8502" in done.stderr
    assert not (tmp_path / "tracker.db").exists(), "make stopped before setting anything up"

"""AppTest fixtures: the app runs in-process against a seeded SQLite database in a temp dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tracker.cli import main as cli_main
from tracker.config import PROJECT_ROOT, get_settings
from tracker.db import get_engine

APP = str(PROJECT_ROOT / "tracker_app.py")


def point_at(monkeypatch: pytest.MonkeyPatch, data_dir: Path, database_url: str = "") -> None:
    """Make settings, engine and the app use ``data_dir`` (or ``database_url``)."""
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data_dir))
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture(scope="package")
def seeded_data_dir(tmp_path_factory) -> Iterator[Path]:
    """A data dir holding a database made by `python -m tracker init`, used by the whole package."""
    data_dir = tmp_path_factory.mktemp("ui-data")
    with pytest.MonkeyPatch.context() as mp:
        point_at(mp, data_dir)
        assert cli_main(["init"]) == 0
        yield data_dir
        get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture(autouse=True)
def seeded_env(seeded_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every UI test starts on the seeded database with empty Streamlit caches."""
    point_at(monkeypatch, seeded_data_dir)
    st.cache_data.clear()
    st.cache_resource.clear()
    return seeded_data_dir


@pytest.fixture
def retarget(monkeypatch: pytest.MonkeyPatch):
    """Point this test at another data dir or database URL (restored afterwards)."""
    return lambda data_dir, database_url="": point_at(monkeypatch, data_dir, database_url)


@pytest.fixture
def new_app():
    """A fresh AppTest of tracker_app.py, not yet run."""
    return lambda: AppTest.from_file(APP, default_timeout=30)


@pytest.fixture
def app(new_app) -> AppTest:
    """The app, run once (Vietnamese, first page)."""
    return new_app().run()

"""AppTest fixtures: the app runs in-process against a seeded SQLite database in a temp dir.

The package database holds one account per role (``ACCOUNTS``, password ``PASSWORD``); tests that
lock, disable or merge make their own account or database so the others are not disturbed.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlmodel import select
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tracker.cli import main as cli_main
from tracker.config import PROJECT_ROOT, get_settings
from tracker.db import get_engine, session_scope
from tracker.models import User
from tracker.services import users
from tracker.services.actor import Actor
from tracker.services.auth import actor_of

APP = str(PROJECT_ROOT / "tracker_app.py")
ROOT = Actor.operator("root")
PASSWORD = "mat-khau-ui-2026"
UI_ROOMS = ("", "program", "work", "monitor", "dashboard", "admin")  # tracker/ui and its rooms by role
ACCOUNTS = {  # username: (role, body)
    "ui.admin": ("admin", "BTG-TU"),
    "ui.leader": ("leader", "TU"),
    "ui.monitor": ("monitor", "BTG-TU"),
    "ui.sinho": ("agency", "HU-SINHO"),
    "ui.yte": ("agency", "SO-YTE"),
}


def point_at(monkeypatch: pytest.MonkeyPatch, data_dir: Path, database_url: str = "") -> None:
    """Make settings, engine and the app use ``data_dir`` (or ``database_url``)."""
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data_dir))
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    get_settings.cache_clear()
    get_engine.cache_clear()


def add_account(username: str, role: str, org: str, password: str = PASSWORD) -> None:
    """Create an account through the service, as the CLI's root administrator would."""
    with session_scope() as s:
        users.add_user(s, ROOT, username, role, org, password=password)


@pytest.fixture(scope="package")
def seeded_data_dir(tmp_path_factory) -> Iterator[Path]:
    """A data dir holding a database made by `python -m tracker init`, plus ACCOUNTS, for the package."""
    data_dir = tmp_path_factory.mktemp("ui-data")
    with pytest.MonkeyPatch.context() as mp:
        point_at(mp, data_dir)
        assert cli_main(["init", "--as-issued"]) == 0
        for username, (role, org) in ACCOUNTS.items():
            add_account(username, role, org)
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
def new_app() -> Callable[[], AppTest]:
    """A fresh AppTest of tracker_app.py, not yet run."""
    return lambda: AppTest.from_file(APP, default_timeout=30)


def login(at: AppTest, username: str, password: str = PASSWORD) -> AppTest:
    """Fill in and submit the login form, as a person would."""
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    click(at, "Đăng nhập")
    return at.run()


def click(at: AppTest, label: str) -> None:
    """Click the (form submit or plain) button labelled ``label``; the caller runs the app."""
    next(b for b in at.button if b.label == label).click()


def widget(widgets, label: str):
    """The widget labelled ``label`` among ``widgets`` (e.g. at.text_input)."""
    return next(w for w in widgets if w.label == label)


def navigation(at: AppTest, go_to: str | None = None) -> list[str]:
    """The titles of the pages st.navigation registered in ``at``'s last run (the sidebar menu); with
    ``go_to``, make the next run open the page of that title.

    The one place the tests use AppTest's private API (Streamlit 1.67, the range requirements.txt pins):
    ``AppTest._registered_pages`` ({page hash: page info with "page_name"}, filled by each run) and
    ``AppTest._page_hash`` (the page the next run asks for). The public ``switch_page`` finds only pages
    made from files; ours are functions.
    """
    pages = [(page_hash, info.get("page_name", "")) for page_hash, info in at._registered_pages.items()]
    if go_to is not None:
        at._page_hash = next(page_hash for page_hash, title in pages if title == go_to)
    return [title for _, title in pages]


def menu(at: AppTest) -> list[str]:
    """The titles of the pages st.navigation registered in the last run (the sidebar menu)."""
    return navigation(at)


def open_page(at: AppTest, title: str) -> AppTest:
    """Go to the menu page titled ``title`` and run."""
    navigation(at, go_to=title)
    return at.run()


def blocks(node):
    """Every layout block (container, columns, expander...) under ``node`` (e.g. ``at.main``), depth first."""
    for child in getattr(node, "children", {}).values():
        if type(child).__name__ == "Block":
            yield child
        yield from blocks(child)


@pytest.fixture
def signed_in(new_app) -> Callable[[str], AppTest]:
    """A fresh app, signed in as ``username`` (one of ACCOUNTS), on the program page."""
    def sign_in(username: str) -> AppTest:
        at = login(new_app().run(), username)
        assert not at.exception and session_user(at) == username
        return at
    return sign_in


def session_user(at: AppTest) -> str | None:
    signed = at.session_state["signed_in"] if "signed_in" in at.session_state else None
    return signed.actor.username if signed else None


@pytest.fixture
def app(signed_in) -> AppTest:
    """The app signed in as a leader, on the program page (Vietnamese)."""
    return open_page(signed_in("ui.leader"), "Chương trình hành động")


def seeded_template(tmp_path_factory, name: str, people: dict[str, tuple[str, str]], password: str) -> Path:
    """A data dir made by `init` plus ``people`` ({username: (role, body)}), built once, never written by a test."""
    data_dir = tmp_path_factory.mktemp(name)
    with pytest.MonkeyPatch.context() as mp:
        point_at(mp, data_dir)
        assert cli_main(["init", "--as-issued"]) == 0
        with session_scope() as s:
            for username, (role, org) in people.items():
                users.add_user(s, ROOT, username, role, org, password=password)
        get_engine().dispose()  # checkpoints the WAL: the .db file alone is the whole database
    get_settings.cache_clear()
    get_engine.cache_clear()
    return data_dir


def copy_of(template: Path, tmp_path: Path) -> Iterator[Path]:
    """A test's own copy of a template data dir (for a ``seeded_data_dir`` override)."""
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    yield data_dir
    get_engine().dispose()


def actor(username: str) -> Actor:
    """The Actor of an existing account, as the router would put it in the session."""
    with session_scope() as s:
        return actor_of(s.exec(select(User).where(User.username == username)).one())


def import_line(module: str) -> str:
    """The import of a page module by its name, in whichever room of tracker/ui it lives."""
    for room in UI_ROOMS:
        package = f"tracker.ui.{room}" if room else "tracker.ui"
        if importlib.util.find_spec(f"{package}.{module}"):
            return f"from {package} import {module}"
    raise LookupError(f"no page module {module!r} under tracker/ui")


def run_page(module: str, username: str, call: str = "render()", lang: str = "vi") -> AppTest:
    """The page module's ``render()`` (or ``call``) alone, as ``username`` and in ``lang``, run once.

    A two-line script with ``st.session_state["actor"]`` set as the router would.
    """
    script = f"from tracker.ui import session\n{import_line(module)}\n{module}.{call}\n"
    at = AppTest.from_string(script, default_timeout=60)
    at.session_state["actor"] = actor(username)
    at.session_state["lang"] = lang
    return at.run()


@pytest.fixture
def page() -> Callable[..., AppTest]:
    """``page("workspace_page", "tuyengiao")``: see run_page."""
    return run_page


def shown_label(box, before: str) -> str:
    """The label a browser shows in selectbox ``box`` after the run that drew it.

    The one the server sent if it set the value, else the one shown ``before`` (the label picked):
    AppTest itself would send the label of the current run, which a browser does not know.
    """
    return box.proto.raw_value if box.proto.set_value else before


def send_label(box, label: str):
    """Make the next run receive ``label`` for selectbox ``box``, as a browser showing it sends on any click."""
    if label not in box.options:
        box.options.append(label)  # a label of an earlier run: AppTest only sends labels it lists
    return box.set_value(label)


def texts(at: AppTest) -> str:
    """Everything the page wrote as Markdown, captions and alerts, one block per line."""
    parts = [e.value for kind in ("markdown", "caption", "success", "error", "warning", "info")
             for e in getattr(at, kind)]
    return "\n".join(parts)


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def successes(at: AppTest) -> list[str]:
    return [e.value for e in at.success]


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Files the app hands to st.download_button in this test, by file name. A file built on click
    (``data`` a callable) is recorded as its callable: ``clicked(downloads)`` runs them as clicks would."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def recording(self, path_or_data, mimetype, kind, filename=None):
        files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    def deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = data_callable
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    monkeypatch.setattr(MediaFileManager, "add_deferred", deferred)
    return files


def clicked(files: dict) -> dict[str, bytes]:
    """The files of ``downloads`` as a person clicking each button gets them (callables run now)."""
    out = {}
    for name, data in files.items():
        data = data() if callable(data) else data
        out[name] = data.encode("utf-8") if isinstance(data, str) else data
    return out

"""Page reads: read-only sessions through widgets.read, never SQLite's write lock; the schema checked once."""

from __future__ import annotations

import threading

import pytest
import streamlit as st
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from tracker.config import get_settings
from tracker.db import get_engine, session_scope
from tracker.models import AuditEvent, User
from tracker.ui import data, widgets
from tests.ui.conftest import actor, import_line, run_page

PAGES = [("program_page", "ui.leader"), ("my_work_page", "ui.sinho"), ("assignment_page", "ui.sinho"),
         ("values_page", "ui.sinho"), ("implementation_page", "ui.sinho"), ("workspace_page", "ui.monitor"), ("directives_page", "ui.leader"),
         ("dashboard_page", "ui.leader"), ("targets_page", "ui.leader"), ("notices_page", "ui.monitor"),
         ("summary_page", "ui.monitor"), ("audit_page", "ui.admin"), ("users_page", "ui.admin"),
         ("settings_page", "ui.admin"), ("orgs_admin_page", "ui.admin")]


@pytest.fixture
def impatient(monkeypatch: pytest.MonkeyPatch):
    """The app's engine waits at most 100 ms for SQLite's write lock: a wait for it becomes an error."""
    monkeypatch.setenv("TRACKER_SQLITE_BUSY_TIMEOUT_MS", "100")
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield
    get_engine().dispose()


def statements_of(run) -> list[str]:
    """The SQL the app's engine sent while ``run()`` ran."""
    seen: list[str] = []
    record = lambda _conn, _cursor, statement, *_: seen.append(statement)  # noqa: E731
    event.listen(get_engine(), "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(get_engine(), "before_cursor_execute", record)
    return seen


def page_app(module: str, username: str) -> AppTest:
    """The page's ``render()`` as ``username``, not yet run (run_page, without its own write)."""
    at = AppTest.from_string(f"{import_line(module)}\n{module}.render()\n", default_timeout=60)
    at.session_state["actor"] = actor(username)
    return at


@pytest.mark.parametrize(("module", "username"), PAGES)
def test_a_page_view_never_takes_the_write_lock(module, username):
    at = page_app(module, username)
    at.run()  # the first view of the process checks the database and the schema
    assert not at.exception and not at.error
    st.cache_data.clear()  # read again from the database, not from the cache
    seen = statements_of(at.run)
    assert not at.exception and not at.error
    assert "BEGIN" in seen and "BEGIN IMMEDIATE" not in seen


def test_a_page_view_does_not_wait_for_a_writer_holding_the_lock(impatient):
    at = page_app("workspace_page", "ui.monitor")
    at.run()  # the once-per-process checks, before the lock is taken
    with session_scope() as writer:
        writer.connection()  # BEGIN IMMEDIATE: the write lock is held until the end of this block
        at.run()
    assert not at.exception and not at.error


def test_a_writer_commits_while_a_page_read_is_open(impatient):
    outcome: list[object] = []

    def write() -> None:
        try:
            with session_scope() as s:
                s.connection()  # BEGIN IMMEDIATE: waits (at most 100 ms) for the write lock
            outcome.append("committed")
        except DBAPIError as exc:
            outcome.append(exc)

    def query(s) -> None:
        s.exec(select(User.id)).first()  # the read transaction is open
        writer = threading.Thread(target=write)
        writer.start()
        writer.join()

    assert widgets.read(query) is None
    assert outcome == ["committed"]


def test_a_refused_page_read_shows_the_refusal_and_audits_it():
    with session_scope() as s:
        before = len(s.exec(select(AuditEvent.id).where(AuditEvent.action == "permission_denied")).all())
    at = run_page("workspace_page", "ui.sinho")  # an agency may not read every body's work
    assert not at.exception and len(at.error) == 1
    with session_scope() as s:
        after = len(s.exec(select(AuditEvent.id).where(AuditEvent.action == "permission_denied")).all())
    assert after == before + 1


def test_read_shows_a_service_error_verbatim_and_returns_failed():
    def script():
        import streamlit as st

        from tracker.errors import TrackerError
        from tracker.ui import widgets

        def refuse(_session):
            raise TrackerError("Không đọc được **HU-SINHO**")

        st.session_state["failed"] = widgets.read(refuse) is widgets.FAILED

    at = AppTest.from_function(script, default_timeout=30).run()
    assert at.session_state["failed"] and [e.value for e in at.error] == [r"Không đọc được \*\*HU-SINHO\*\*"]


def test_the_schema_is_checked_once_per_process(monkeypatch):
    calls: list[object] = []
    monkeypatch.setattr(data, "check_schema", calls.append)
    for module, username in PAGES[:5]:
        assert not run_page(module, username).exception
    assert len(calls) == 1

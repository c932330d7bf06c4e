"""Fixtures of the monitor pages' AppTests: each test gets its own copy of a seeded database.

A template data dir is seeded once (``python -m tracker init`` plus PEOPLE) and copied for every
test; this overrides ``seeded_data_dir`` of tests/ui/conftest.py, whose autouse ``seeded_env`` then
points settings, engine and caches at the copy. A page runs alone: a two-line script calling its
``render()``, with ``st.session_state["actor"]`` set as the router would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import actor, copy_of, seeded_template
from tracker.clock import local_today
from tracker.db import session_scope
from tracker.models import Assignment, Organisation, Task
from tracker.services import reports

PASSWORD = "mat-khau-dai-2026"
PEOPLE = {  # username: (role, body)
    "sinho": ("agency", "HU-SINHO"),
    "yte": ("agency", "SO-YTE"),
    "tuyengiao": ("monitor", "BTG-TU"),
    "lanhdao": ("leader", "BTV-TU"),
    "quantri": ("admin", "BTG-TU"),
}


@pytest.fixture(scope="session")
def monitor_template(tmp_path_factory) -> Path:
    """A seeded data dir with the PEOPLE accounts, made once and never written by a test."""
    return seeded_template(tmp_path_factory, "monitor-template", PEOPLE, PASSWORD)


@pytest.fixture
def seeded_data_dir(monitor_template: Path, tmp_path: Path) -> Iterator[Path]:
    """This test's own copy of the template (evidence files land in it too)."""
    yield from copy_of(monitor_template, tmp_path)


def click(at: AppTest, label: str) -> AppTest:
    """Click the only button labelled ``label`` and run."""
    [button] = [b for b in at.button if b.label == label]
    button.click()
    return at.run()


def keyed(widgets, prefix: str):
    """The only widget among ``widgets`` whose key starts with ``prefix``."""
    [found] = [w for w in widgets if (w.key or "").startswith(prefix)]
    return found


def submit_report(username: str, text: str, period: str | None = None) -> int:
    """The body drafts (or revises) and submits its report for ``period``; returns the report id."""
    who = actor(username)
    with session_scope() as s:
        report = reports.open_report(s, who, who.organisation_id, period or f"{local_today().year}-H1")
        reports.save_draft(s, who, report.id, {"sections": {"III.1": {"done": text, "results": "12 hội nghị"}}})
        return reports.submit(s, who, report.id).id


def make_late(org_code: str, task_code: str | None = None, days: int = 29) -> int:
    """Move one of the body's assignments' deadline ``days`` into the past; returns the assignment id."""
    with session_scope() as s:
        stmt = (select(Assignment).join(Organisation, Organisation.id == Assignment.organisation_id)
                .join(Task, Task.id == Assignment.task_id).where(Organisation.code == org_code)
                .order_by(Task.position))
        if task_code:
            stmt = stmt.where(Task.code == task_code)
        row = s.exec(stmt).first()
        row.deadline = local_today() - timedelta(days=days)
        s.get(Task, row.task_id).ongoing = False  # only a task with a deliverable has a deadline to miss
        s.add(row)
        return row.id

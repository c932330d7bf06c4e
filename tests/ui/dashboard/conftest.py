"""A database of their own for the dashboard pages: the seed, accounts, and some work done, late and reminded.

Overrides ``seeded_data_dir`` of tests/ui/conftest.py, so the shared UI database stays untouched
(its tests expect no progress). Pages run alone through AppTest: a two-line script that calls the
page's ``render()``, with ``st.session_state["actor"]`` set as the router would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from tests.ui.conftest import ROOT, actor, point_at
from tracker.cli import main as cli_main
from tracker.clock import local_today, utcnow
from tracker.config import get_settings
from tracker.db import get_engine, session_scope
from tracker.models import Assignment, Organisation, Program, Reminder, Report, Target, Task
from tracker.services import actions, target_values, users
from tracker.services.actions import ActionInput
from tracker.services.target_values import ValueInput

PASSWORD = "mat-khau-dai-2026"
ACCOUNTS = {  # username: (role, body)
    "bithu": ("leader", "BTV-TU"),
    "phobithu": ("leader", "TU"),
    "theodoi": ("monitor", "BTG-TU"),
    "sinho": ("agency", "HU-SINHO"),
    "yte": ("agency", "SO-YTE"),
    "laodong": ("agency", "SO-LDTBXH"),
    "xaydung": ("agency", "SO-XD"),
}
ASSESSMENT = "Đã xóa 120 nhà tạm trong năm 2026."


def assignment(s, org: str, task: str) -> Assignment:
    return s.exec(select(Assignment).join(Task, Task.id == Assignment.task_id).join(Organisation).where(
        Organisation.code == org, Task.code == task)).one()


def _work_done() -> None:
    """Sìn Hồ: one done on time, one done late, one late in progress (reminded); Y tế: one late, one on time."""
    today = local_today()
    who = {name: actor(name) for name in ("sinho", "yte")}
    plan = [("sinho", "HU-SINHO", "III.1.1", 150, [(160, 100)]),
            ("sinho", "HU-SINHO", "III.1.2", 150, [(120, 100)]),
            ("sinho", "HU-SINHO", "III.9.1", 30, [(60, 40)]),
            ("yte", "SO-YTE", "III.6.b.1", 60, []),
            ("yte", "SO-YTE", "III.6.b.2", -200, [(10, 50)])]
    with session_scope() as s:
        for username, org, task, days_ago, steps in plan:
            row = assignment(s, org, task)
            row.deadline = today - timedelta(days=days_ago)
            s.get(Task, row.task_id).ongoing = False  # deadline statuses are those of deliverable tasks
            s.add(row)
            s.flush()
            for ago, pct in steps:
                actions.log_action(s, who[username], row.id, ActionInput(today - timedelta(days=ago), "Kết quả", pct))
        late = assignment(s, "HU-SINHO", "III.9.1")
        sinho_id = late.organisation_id
        for n, (kind, subject_id, step) in enumerate([("assignment", late.id, "overdue_1"),
                                                      ("assignment", late.id, "overdue_4"),
                                                      ("report", sinho_id, "due")]):
            s.add(Reminder(idempotency_key=f"test:{n}", rule=f"{kind}_due", step=step, subject_type=kind,
                           subject_id=subject_id, due_on=late.deadline, recipient_org_id=sinho_id, channel="inapp",
                           subject="Nhắc việc", body="Nhắc việc", state="sent", sent_at=utcnow()))
        program_id = s.exec(select(Program.id)).one()
        s.add(Report(program_id=program_id, organisation_id=sinho_id, period=f"{today.year}-H1",
                     due_on=today - timedelta(days=30), state="submitted", submitted_at=utcnow() - timedelta(days=40)))


def _values_recorded() -> None:
    """T02 met (on track), T33 (cumulative housing) two years of building, T34 (qualitative) assessed."""
    today = local_today()
    labour, housing = actor("laodong"), actor("xaydung")
    with session_scope() as s:
        ids = {t.code: t.id for t in s.exec(select(Target))}
        year = str(today.year)
        target_values.record(s, labour, ids["T02"], ValueInput(year, today, 1.8))
        for ago, value in ((400, 150.0), (30, 250.0)):
            target_values.record(s, housing, ids["T33"], ValueInput(year, today - timedelta(days=ago), value))
        target_values.record(s, housing, ids["T34"], ValueInput(year, today, assessment=ASSESSMENT))


@pytest.fixture(scope="package")
def seeded_data_dir(tmp_path_factory) -> Iterator[Path]:
    data_dir = tmp_path_factory.mktemp("dashboard-data")
    with pytest.MonkeyPatch.context() as mp:
        point_at(mp, data_dir)
        assert cli_main(["init", "--as-issued"]) == 0
        with session_scope() as s:
            for username, (role, org) in ACCOUNTS.items():
                users.add_user(s, ROOT, username, role, org, password=PASSWORD)
        _work_done()
        _values_recorded()
        yield data_dir
        get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()

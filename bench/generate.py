"""Synthetic data at province scale (300 bodies, 3,000 assignments, 60,000 actions) or national scale
(34 provinces: ~2,600 bodies, ~100,000 assignments, ~2,000,000 actions), inserted set-based.

The program, its tasks and targets come from the real seed; bodies, assignments, actions, users and
reports are synthetic. Each assignment's latest progress is written with it, as the action service
keeps it on write.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import select

from tracker.config import PROJECT_ROOT
from tracker.db import session_scope
from tracker.migrate import upgrade
from tracker.models import Organisation, Program, Task
from tracker.seeding import load_seed, read_seed

TODAY = date(2026, 11, 29)


@dataclass(frozen=True)
class Scale:
    name: str
    provinces: int
    bodies_per_province: int
    tasks_per_body: int
    actions_per_assignment: int


PROVINCE = Scale("province", 1, 300, 10, 20)
NATIONAL = Scale("national", 34, 77, 39, 20)


def _ts(day: date, n: int) -> str:
    return (datetime(day.year, day.month, day.day, 8, tzinfo=timezone.utc) + timedelta(seconds=n)).strftime(
        "%Y-%m-%d %H:%M:%S.%f")


def generate(engine: Engine, scale: Scale, seed: int = 7) -> dict[str, int]:
    """Fill an empty database; returns row counts of what was generated."""
    rng = random.Random(seed)
    upgrade(engine)
    with session_scope(engine) as s:
        load_seed(s, read_seed(PROJECT_ROOT / "seed"))
    with session_scope(engine) as s:
        program_id = s.exec(select(Program.id)).one()
        task_ids = [t for t in s.exec(select(Task.id).order_by(Task.position))]
        parent = s.exec(select(Organisation.id).where(Organisation.code == "TU")).one()
    now = _ts(TODAY, 0)
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        first_org = conn.execute(text("SELECT max(id) FROM organisation")).scalar_one() + 1
        orgs = [(first_org + i, f"SYN-{i:05d}", f"Cơ quan tổng hợp {i}", "", "department", parent, True, False, i,
                 f"co quan tong hop {i}", now)
                for i in range(scale.provinces * scale.bodies_per_province)]
        conn.exec_driver_sql(
            "INSERT INTO organisation (id, code, name, short_name, kind, parent_id, active, is_recipient, position, "
            "search_text, created_at) VALUES (" + ", ".join(["?" if sqlite else "%s"] * 11) + ")", orgs)
        users = [(f"syn{o[0]}", "", "agency", o[0], "!", True, False, 0, 0, now, f"syn{o[0]}@example.vn")
                 for o in orgs]
        users += [(f"synlead{i}", "", "leader", parent, "!", True, False, 0, 0, now, None) for i in range(2)]
        conn.exec_driver_sql(
            'INSERT INTO "user" (username, full_name, role, organisation_id, password_hash, active, email_opt_out, '
            "session_epoch, failed_logins, created_at, email) VALUES (" + ", ".join(["?" if sqlite else "%s"] * 11)
            + ")", users)
        assignments, actions = [], []
        next_assignment = conn.execute(text("SELECT max(id) FROM assignment")).scalar_one() + 1
        for org in orgs:
            for task_id in rng.sample(task_ids, scale.tasks_per_body):
                aid = next_assignment
                next_assignment += 1
                deadline = date(2025, 6, 30) + timedelta(days=rng.randrange(0, 5 * 365))
                progress, completed, last = 0, None, None
                for n in range(scale.actions_per_assignment):
                    day = date(2024, 1, 1) + timedelta(days=rng.randrange(0, (TODAY - date(2024, 1, 1)).days))
                    progress = min(100, max(progress, rng.randrange(0, 101)) if rng.random() < 0.9 else progress)
                    actions.append((aid, day.isoformat(), f"Kết quả {n}", f"{n}-KH" if n % 5 == 0 else "",
                                    progress, _ts(day, n)))
                    if last is None or day >= last:
                        last = day
                if progress == 100:
                    completed = last.isoformat()
                assignments.append((aid, task_id, org[0], rng.choice(("lead", "coordinate")), deadline.isoformat(),
                                    False, "semiannual", "bench", False, "", progress,
                                    _ts(last, 0) if last else None, completed, now))
        mark = "?" if sqlite else "%s"
        conn.exec_driver_sql(
            "INSERT INTO assignment (id, task_id, organisation_id, role, deadline, deadline_is_default, "
            "report_cadence, basis, is_default, note, progress_pct, last_action_at, completed_on, created_at) "
            "VALUES (" + ", ".join([mark] * 14) + ")", assignments)
        for chunk in range(0, len(actions), 200_000):
            conn.exec_driver_sql("INSERT INTO action (assignment_id, acted_on, description, doc_number, progress_pct, "
                                 "created_at) VALUES (" + ", ".join([mark] * 6) + ")", actions[chunk:chunk + 200_000])
        # An accepted report was submitted first: without submitted_at the leaders' chart of reports on
        # time read 0 % (issue 16). Most arrive before the due date (15/6), some after it.
        reports = [(program_id, o[0], "periodic", "2026-H1", "2026-06-15", "accepted", 1, "{}", "", now, now,
                    _ts(date(2026, 6, 1) + timedelta(days=rng.randrange(0, 25)), 0), _ts(date(2026, 7, 1), 0))
                   for o in orgs if rng.random() < 0.5]
        conn.exec_driver_sql("INSERT INTO report (program_id, organisation_id, kind, period, due_on, state, version, "
                             "content, return_reason, created_at, updated_at, submitted_at, reviewed_at) VALUES ("
                             + ", ".join([mark] * 13) + ")", reports)
    return {"bodies": len(orgs), "assignments": len(assignments), "actions": len(actions), "users": len(users)}

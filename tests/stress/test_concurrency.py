"""16 processes x 200 transactions against one database: no lock errors, nothing lost, one chain."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlmodel import func, select

from tests.conftest import make_actor
from tracker.config import PROJECT_ROOT
from tracker.db import session_scope
from tracker.models import Action, Assignment, AuditEvent
from tracker.services import audit

PROCESSES, TRANSACTIONS = 16, 200


def writers(database_url: str, data_dir: str, assignment_id: int, actor, count: int, n: int):
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url, "TRACKER_DATA_DIR": data_dir}
    return [subprocess.Popen([sys.executable, "-m", "tests.stress.writer", str(assignment_id), str(actor.user_id),
                              str(actor.organisation_id), str(count), f"w{i}"],
                             cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for i in range(n)]


def test_many_concurrent_writers(seeded, database_url, settings):
    actor = make_actor(seeded, "writer", "agency", "HU-SINHO")
    with session_scope(seeded) as s:
        assignment_id = s.exec(select(Assignment.id).where(Assignment.organisation_id == actor.organisation_id)).first()
        events_before = audit.head(s)[0]
    procs = writers(database_url, str(settings.data_dir), assignment_id, actor, TRANSACTIONS, PROCESSES)
    outputs = [p.communicate(timeout=600) for p in procs]
    errors = [line for out, err in outputs for line in (out + err).splitlines() if "error" in line.lower()]
    assert errors == [] and all(p.returncode == 0 for p in procs)
    acknowledged = {line.split()[1] for out, _ in outputs for line in out.splitlines() if line.startswith("ok ")}
    assert len(acknowledged) == PROCESSES * TRANSACTIONS
    with session_scope(seeded) as s:
        stored = set(s.exec(select(Action.description)))
        assert acknowledged <= stored
        assert s.exec(select(func.count()).select_from(AuditEvent)).one() == events_before + PROCESSES * TRANSACTIONS
        assert audit.verify(s).ok

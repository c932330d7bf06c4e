"""16 processes x 200 transactions against one database: no lock errors, nothing lost, one chain.

The writers start together (each says it is ready, then all are let go at once), and on SQLite each
may wait for the write lock as long as the test waits for it: on a loaded machine a writer can be
starved past the 30 s production busy timeout, which says nothing about lost or torn writes.
"""

from __future__ import annotations

import os
import subprocess
import sys

from sqlmodel import func, select

from tests.conftest import make_actor
from tests.stress.writer import READY
from tracker.config import PROJECT_ROOT
from tracker.db import session_scope
from tracker.models import Action, Assignment, AuditEvent
from tracker.services import audit

PROCESSES, TRANSACTIONS = 16, 200
WAIT_SECONDS = 600  # for the whole run, and for the write lock


def writers(database_url: str, data_dir: str, assignment_id: int, actor, count: int, n: int):
    """``n`` writer processes, all started up, then let go at once."""
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url, "TRACKER_DATA_DIR": data_dir,
           "TRACKER_SQLITE_BUSY_TIMEOUT_MS": str(WAIT_SECONDS * 1000)}
    procs = [subprocess.Popen([sys.executable, "-m", "tests.stress.writer", str(assignment_id), str(actor.user_id),
                               str(actor.organisation_id), str(count), f"w{i}", "--gate"],
                              cwd=PROJECT_ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for i in range(n)]
    for p in procs:
        assert p.stdout.readline().strip() == READY, p.communicate(timeout=WAIT_SECONDS)
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    return procs


def test_many_concurrent_writers(seeded, database_url, settings):
    actor = make_actor(seeded, "writer", "agency", "HU-SINHO")
    with session_scope(seeded) as s:
        assignment_id = s.exec(select(Assignment.id).where(Assignment.organisation_id == actor.organisation_id)).first()
        events_before = audit.head(s)[0]
    procs = writers(database_url, str(settings.data_dir), assignment_id, actor, TRANSACTIONS, PROCESSES)
    outputs = [p.communicate(timeout=WAIT_SECONDS) for p in procs]
    errors = [line for out, err in outputs for line in (out + err).splitlines() if "error" in line.lower()]
    assert errors == [] and all(p.returncode == 0 for p in procs)
    acknowledged = {line.split()[1] for out, _ in outputs for line in out.splitlines() if line.startswith("ok ")}
    assert len(acknowledged) == PROCESSES * TRANSACTIONS
    with session_scope(seeded) as s:
        stored = set(s.exec(select(Action.description)))
        assert acknowledged <= stored
        assert s.exec(select(func.count()).select_from(AuditEvent)).one() == events_before + PROCESSES * TRANSACTIONS
        assert audit.verify(s).ok

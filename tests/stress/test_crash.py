"""Kill a writer with SIGKILL at random points, many times: nothing acknowledged is lost.

Each writer is killed only after it acknowledged a random number (1-20) of committed transactions,
so a slow start-up on a loaded machine delays the kill instead of making it land before any write.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import text
from sqlmodel import select

from tests.conftest import make_actor
from tracker.config import PROJECT_ROOT
from tracker.db import session_scope
from tracker.models import Action, Assignment
from tracker.services import audit

KILLS = int(os.environ.get("TRACKER_CRASH_KILLS", "200"))


def read_acknowledgements(proc: subprocess.Popen, count: int) -> list[str]:
    """The writer's lines up to its ``count``-th committed transaction (fewer if it failed or ended)."""
    lines: list[str] = []
    while sum(line.startswith("ok ") for line in lines) < count:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if not line.startswith("ok "):
            break
    return lines


@pytest.mark.backends("sqlite")  # PRAGMA integrity_check and torn WAL files are SQLite's concern
def test_sigkill_at_random_points(seeded, database_url, settings):
    actor = make_actor(seeded, "writer", "agency", "HU-SINHO")
    with session_scope(seeded) as s:
        assignment_id = s.exec(select(Assignment.id).where(Assignment.organisation_id == actor.organisation_id)).first()
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url, "TRACKER_DATA_DIR": str(settings.data_dir)}
    rng = random.Random(42)
    acknowledged: set[str] = set()
    for k in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-m", "tests.stress.writer", str(assignment_id), str(actor.user_id),
                                 str(actor.organisation_id), "1000", f"k{k}"],
                                cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = read_acknowledgements(proc, rng.randint(1, 20))  # however long the start-up takes
        time.sleep(rng.uniform(0, 0.02))  # not a wait for anything: a random point in the next transactions
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        lines += out.splitlines()
        assert lines and all(line.startswith("ok ") for line in lines), f"writer k{k}: {lines[-1:]} {err[-500:]}"
        acknowledged |= {line.split()[1] for line in lines}
    with seeded.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    with session_scope(seeded) as s:
        stored = set(s.exec(select(Action.description)))
        assert acknowledged and acknowledged <= stored
        result = audit.verify(s)
        assert result.ok, result.problem

"""Kill a writer with SIGKILL at random points, many times: nothing acknowledged is lost."""

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
                                cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        time.sleep(rng.uniform(0.35, 0.8))  # start-up takes ~0.35 s; then it is somewhere mid-transaction
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        acknowledged |= {line.split()[1] for line in out.splitlines() if line.startswith("ok ")}
    with seeded.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    with session_scope(seeded) as s:
        stored = set(s.exec(select(Action.description)))
        assert acknowledged and acknowledged <= stored
        result = audit.verify(s)
        assert result.ok, result.problem

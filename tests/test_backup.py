"""A backup taken while writers are busy restores to an identical, verified database."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import select

from tests.conftest import make_actor
from tests.fixtures import files
from tests.stress.test_concurrency import writers
from tracker import backup
from tracker.config import Settings
from tracker.db import make_engine, session_scope
from tracker.errors import TrackerError
from tracker.models import Assignment
from tracker.services import actions, evidence
from tracker.services.actions import ActionInput


@pytest.fixture
def restore_target(database_url, tmp_path):
    """Settings for an empty database and data directory of the same engine."""
    data_dir = tmp_path / "restored"
    if database_url.startswith("sqlite"):
        yield Settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'tracker.db'}")
        return
    url = make_url(database_url)
    name = f"tracker_r_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield Settings(data_dir=data_dir, database_url=url.set(database=name).render_as_string(hide_password=False))
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_backup_under_write_load_restores_verified(seeded, settings, database_url, restore_target, tmp_path,
                                                   monkeypatch):
    actor = make_actor(seeded, "writer", "agency", "HU-SINHO")
    with session_scope(seeded) as s:
        assignment_id = s.exec(select(Assignment.id).where(Assignment.organisation_id == actor.organisation_id)).first()
        action = actions.log_action(s, actor, assignment_id, ActionInput(date(2026, 3, 5), "Có minh chứng", 10),
                                    today=date(2026, 11, 29))
        for content in (files.PDF, files.png(), files.docx_file()):
            evidence.attach_file(s, actor, action.id, "minh-chung", content)
    procs = writers(database_url, str(settings.data_dir), assignment_id, actor, 1_000_000, 2)
    assert all(p.stdout.readline().startswith("ok ") for p in procs)  # both are writing now
    archive = tmp_path / "sao-luu.tar.gz"
    manifest = backup.create(seeded, settings, archive)
    assert all(p.poll() is None for p in procs), "the writers were still writing during the whole backup"
    for p in procs:  # they would go on for hours: stop them now
        p.kill()
        p.communicate(timeout=60)
    assert len(manifest["evidence"]) == 3 and manifest["row_counts"]["action"] >= 1

    monkeypatch.setenv("TRACKER_DATA_DIR", str(restore_target.data_dir))
    from tracker.config import get_settings
    get_settings.cache_clear()
    target_engine = make_engine(restore_target)
    report = backup.restore(target_engine, restore_target, archive)
    assert report.ok, report.problems
    assert report.evidence_files == 3 and report.audit_events == manifest["audit"]["count"]
    assert backup.row_counts(target_engine) == manifest["row_counts"]
    with pytest.raises(TrackerError, match="không trống"):
        backup.restore(target_engine, restore_target, archive)
    target_engine.dispose()

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlmodel import select

from tracker.db import session_scope
from tracker.models import Organisation, WorkerLease


@pytest.mark.backends("sqlite")  # the pragmas are SQLite's own
def test_sqlite_connections_get_foreign_keys_wal_and_busy_timeout(engine):
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_timestamps_come_back_utc_aware(migrated):
    hanoi = timezone(timedelta(hours=7))
    at = datetime(2026, 3, 5, 9, 30, tzinfo=hanoi)
    with session_scope(migrated) as s:
        s.add(WorkerLease(name="sender", holder="w1", expires_at=at))
    with session_scope(migrated) as s:
        lease = s.exec(select(WorkerLease)).one()
    assert lease.expires_at.tzinfo is not None
    assert lease.expires_at == at
    assert lease.expires_at.utcoffset() == timedelta(0)


def test_naive_timestamps_are_refused(migrated):
    with pytest.raises(Exception, match="naive datetime"):
        with session_scope(migrated) as s:
            s.add(WorkerLease(name="sender", holder="w1", expires_at=datetime(2026, 1, 1)))


def test_foreign_keys_are_enforced(migrated):
    with pytest.raises(Exception):
        with session_scope(migrated) as s:
            s.add(Organisation(code="X", name="X", kind="department", parent_id=999_999))

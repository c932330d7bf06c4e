import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from tracker.db import make_engine, session_scope
from tracker.models import AuditEvent, Organisation, WorkerLease
from tracker.services.actor import Actor
from tracker.services.permissions import PermissionDenied, authorize


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


def test_read_only_sessions_refuse_writes_and_leave_the_connection_writable(migrated):
    lease = {"name": "sender", "holder": "w1", "expires_at": datetime(2026, 3, 5, tzinfo=timezone.utc)}
    with pytest.raises(DBAPIError):  # SQLite: query_only; PostgreSQL: a READ ONLY transaction
        with session_scope(migrated, read_only=True) as s:
            s.add(WorkerLease(**lease))
    with session_scope(migrated) as s:  # the pooled connection it used writes again
        s.add(WorkerLease(**lease))
    with session_scope(migrated, read_only=True) as s:
        assert len(s.exec(select(WorkerLease)).all()) == 1


def test_a_refusal_met_in_a_read_only_session_is_audited(migrated):
    stranger = Actor(user_id=None, username="reader", role="agency", organisation_id=None)
    with pytest.raises(PermissionDenied):
        with session_scope(migrated, read_only=True) as s:
            authorize(s, stranger, "user.manage", object_type="user")
    with session_scope(migrated, read_only=True) as s:
        assert s.exec(select(AuditEvent.action).where(AuditEvent.action == "permission_denied")).all() \
            == ["permission_denied"]


def test_a_writer_takes_the_lock_while_a_read_session_is_open(settings, migrated):
    """A read holds no write lock: a writer that may wait only 100 ms commits while the read is open."""
    impatient = make_engine(settings.model_copy(update={"sqlite_busy_timeout_ms": 100}))
    outcome: list[object] = []

    def write() -> None:
        try:
            with session_scope(impatient) as s:
                s.add(WorkerLease(name="sender", holder="w1", expires_at=datetime(2026, 3, 5, tzinfo=timezone.utc)))
            outcome.append("committed")
        except DBAPIError as exc:
            outcome.append(exc)

    with session_scope(migrated, read_only=True) as reader:
        assert reader.exec(select(WorkerLease)).all() == []  # the read transaction is open
        writer = threading.Thread(target=write)
        writer.start()
        writer.join()
    impatient.dispose()
    assert outcome == ["committed"]


@pytest.mark.backends("sqlite")
def test_sqlite_reads_begin_deferred_and_writes_begin_immediate(migrated):
    seen: list[str] = []
    event.listen(migrated, "before_cursor_execute", lambda _c, _cur, statement, *_: seen.append(statement))
    with session_scope(migrated, read_only=True) as s:
        s.exec(select(WorkerLease)).all()
    reads, seen[:] = list(seen), []
    with session_scope(migrated) as s:
        s.exec(select(WorkerLease)).all()
    assert "BEGIN" in reads and "BEGIN IMMEDIATE" not in reads
    assert "BEGIN IMMEDIATE" in seen

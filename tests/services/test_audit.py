"""The audit trail is append-only and any tampering shows in `audit verify`."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from tracker.db import session_scope
from tracker.models import AuditEvent
from tracker.services import audit, audit_log
from tracker.services.actor import Actor

ALICE = Actor.operator("alice")


@pytest.fixture
def chain(migrated):
    """Five events appended in five transactions."""
    for n in range(5):
        with session_scope(migrated) as s:
            audit.record(s, ALICE, "update", "assignment", n, {"before": {"deadline": "2030-12-31"},
                                                               "after": {"deadline": f"2027-0{n + 1}-30"}})
    return migrated


def verify(engine, **kwargs) -> audit.VerifyResult:
    with session_scope(engine) as s:
        return audit.verify(s, **kwargs)


def tamper(engine, *statements: str) -> None:
    """Change the table behind the application's back, as a database administrator could."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE auditevent DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER auditevent_no_update"))
            conn.execute(text("DROP TRIGGER auditevent_no_delete"))
        for statement in statements:
            conn.execute(text(statement))


def test_an_intact_chain_verifies(chain):
    result = verify(chain)
    assert result.ok and result.checked == 5
    with session_scope(chain) as s:
        assert audit.head(s) == (5, result.head_hash)


def test_each_hash_links_to_the_previous_one(chain):
    with session_scope(chain) as s:
        events = s.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert events[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:]))
    assert all(audit.chain_hash(e.prev_hash, e) == e.hash for e in events)


def test_edited_row_is_detected(chain):
    tamper(chain, "UPDATE auditevent SET object_id = '99' WHERE id = 3")
    result = verify(chain)
    assert not result.ok and result.broken_at == 3 and "bị sửa" in result.problem


def test_deleted_row_is_detected(chain):
    tamper(chain, "DELETE FROM auditevent WHERE id = 2")
    result = verify(chain)
    assert not result.ok and result.broken_at == 2


def test_reordered_rows_are_detected(chain):
    tamper(chain, "UPDATE auditevent SET id = 100 WHERE id = 2", "UPDATE auditevent SET id = 2 WHERE id = 4",
           "UPDATE auditevent SET id = 4 WHERE id = 100")
    assert not verify(chain).ok


def test_cut_tail_is_detected_by_the_anchor(chain):
    tamper(chain, "DELETE FROM auditevent WHERE id >= 4")
    result = verify(chain)
    assert not result.ok and "cắt" in result.problem


def test_cut_tail_with_forged_anchor_is_detected_by_a_kept_head(chain):
    kept = verify(chain).head_hash
    tamper(chain, "DELETE FROM auditevent WHERE id = 5")
    with chain.begin() as conn:
        if chain.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audithead DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER audithead_forward_only"))
        conn.execute(text("UPDATE audithead SET count = 4, head_hash = (SELECT hash FROM auditevent WHERE id = 4)"))
    assert verify(chain).ok  # the database alone now looks consistent ...
    assert not verify(chain, expected_head=kept).ok  # ... but the head kept elsewhere is gone


@pytest.mark.parametrize("statement", ["UPDATE auditevent SET action = 'x'", "DELETE FROM auditevent",
                                       "UPDATE audithead SET count = 0", "DELETE FROM audithead"])
def test_raw_sql_changes_are_refused(chain, statement):
    with pytest.raises(DBAPIError, match="append-only|only moves forward|cannot be deleted"):
        with chain.begin() as conn:
            conn.execute(text(statement))
    assert verify(chain).ok


@pytest.mark.backends("postgresql")  # SQLite has no TRUNCATE
def test_truncate_is_refused_on_postgresql(chain):
    with pytest.raises(DBAPIError, match="append-only"):
        with chain.begin() as conn:
            conn.execute(text("TRUNCATE auditevent"))


def test_orm_update_and_delete_are_refused(chain):
    with pytest.raises(DBAPIError):
        with session_scope(chain) as s:
            event = s.get(AuditEvent, 1)
            event.action = "rewritten"
    with pytest.raises(DBAPIError):
        with session_scope(chain) as s:
            s.delete(s.get(AuditEvent, 2))
    assert verify(chain).ok


def test_event_rolls_back_with_its_transaction(migrated):
    with pytest.raises(RuntimeError):
        with session_scope(migrated) as s:
            audit.record(s, ALICE, "create", "task", 1)
            raise RuntimeError("the change failed")
    with session_scope(migrated) as s:
        assert audit.head(s)[0] == 0


def test_search_filters_and_csv_export_for_monitors(chain):
    monitor = Actor.operator("m", role="monitor")
    with session_scope(chain) as s:
        rows = audit_log.search_events(s, monitor, audit_log.EventFilter(object_type="assignment", object_id="3"))
        assert [r["object_id"] for r in rows] == ["3"]
        assert len(audit_log.search_events(s, monitor, audit_log.EventFilter())) == 5
    csv_text = audit_log.events_csv([{**rows[0], "summary": "=HYPERLINK(\"x\")"}])
    assert "'=HYPERLINK" in csv_text and csv_text.startswith("seq,at,actor")


def test_agencies_cannot_read_the_audit_trail(chain):
    from tracker.services.permissions import PermissionDenied

    agency = Actor(user_id=None, username="a", role="agency", organisation_id=None)
    with pytest.raises(PermissionDenied):
        with session_scope(chain) as s:
            audit_log.search_events(s, agency, audit_log.EventFilter())

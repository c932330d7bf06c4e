"""The audit trail: append-only, hash-chained, verifiable.

``hash = SHA-256(prev_hash || canonical JSON of the event)``, where the canonical JSON holds the
sequence number, UTC time, actor, actor's organisation, action, object and summary. Appends are
serialised through the AuditHead row, which also anchors the chain's length and last hash.
Reading the trail for people (the audit page's search and CSV) is in ``audit_log``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import update
from sqlmodel import Session, select

from tracker.clock import utcnow
from tracker.models import AuditEvent, AuditHead
from tracker.services.actor import Actor

GENESIS = "0" * 64


def canonical(event: AuditEvent) -> str:
    """The event as canonical JSON: sorted keys, no spaces, UTC ISO time."""
    return json.dumps({
        "seq": event.id, "at": event.occurred_at.isoformat(), "actor": event.actor_id,
        "actor_org": event.actor_org_id, "action": event.action, "object_type": event.object_type,
        "object_id": event.object_id, "summary": event.summary,
    }, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def chain_hash(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256((prev_hash + canonical(event)).encode("utf-8")).hexdigest()


def record(session: Session, actor: Actor | None, action: str, object_type: str, object_id: object = "",
           summary: dict | None = None, at: datetime | None = None) -> AuditEvent:
    """Append one event in the caller's transaction (it commits or rolls back with the change)."""
    _ensure_head(session)
    # Taking the head row's write lock first serialises appenders (SQLite: the database lock).
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(count=AuditHead.count + 1))
    head = session.exec(select(AuditHead).where(AuditHead.id == 1)).one()
    session.refresh(head)
    event = AuditEvent(
        id=head.count, occurred_at=(at or utcnow()).astimezone(timezone.utc),
        actor_id=actor.user_id if actor else None, actor_org_id=actor.organisation_id if actor else None,
        action=action, object_type=object_type, object_id=str(object_id), summary=_jsonable(summary or {}),
        prev_hash=head.head_hash, hash="")
    event.hash = chain_hash(head.head_hash, event)
    session.add(event)
    head.head_hash = event.hash
    session.add(head)
    session.flush()
    return event


def _ensure_head(session: Session) -> None:
    if session.get(AuditHead, 1) is None:
        session.add(AuditHead(id=1, count=0, head_hash=GENESIS))
        session.flush()


def _jsonable(value):
    """Round-trip through JSON so the stored summary is exactly what was hashed."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str, sort_keys=True))


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_hash: str
    problem: str = ""
    broken_at: int | None = None


def verify(session: Session, expected_head: str | None = None) -> VerifyResult:
    """Walk the chain from the start; report the first broken link, a cut tail, or a missing head."""
    prev, count, seen_expected = GENESIS, 0, expected_head is None
    for event in session.exec(select(AuditEvent).order_by(AuditEvent.id)):
        count += 1
        if event.id != count:
            return VerifyResult(False, count - 1, prev, f"sự kiện số {count} bị thiếu hoặc sai thứ tự "
                                                       f"(gặp số {event.id})", count)
        if event.prev_hash != prev:
            return VerifyResult(False, count - 1, prev, f"mắt xích {event.id}: prev_hash không khớp", event.id)
        if chain_hash(prev, event) != event.hash:
            return VerifyResult(False, count - 1, prev, f"mắt xích {event.id}: nội dung đã bị sửa", event.id)
        prev = event.hash
        seen_expected = seen_expected or prev == expected_head
    head = session.get(AuditHead, 1)
    if head and (head.count != count or head.head_hash != prev):
        return VerifyResult(False, count, prev, f"chuỗi dừng ở sự kiện {count} nhưng điểm neo ghi {head.count}: "
                                                 "phần cuối đã bị cắt", count + 1)
    if not seen_expected:
        return VerifyResult(False, count, prev, f"không tìm thấy mã băm đầu chuỗi đã lưu {expected_head}")
    return VerifyResult(True, count, prev)


def head(session: Session) -> tuple[int, str]:
    row = session.get(AuditHead, 1)
    return (row.count, row.head_hash) if row else (0, GENESIS)

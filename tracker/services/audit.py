"""The audit trail: append-only, hash-chained, verifiable.

``hash = SHA-256(prev_hash || canonical JSON of the event)``, where the canonical JSON holds the
sequence number, UTC time, actor, actor's organisation, action, object and summary. Appends are
serialised through the AuditHead row, which also anchors the chain's length and last hash.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import update
from sqlmodel import Session, select

from tracker.models import AuditEvent, AuditHead, Organisation, User, utcnow
from tracker.services.tabular import safe

GENESIS = "0" * 64


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in user, or the system (user_id None) for CLI and jobs."""

    user_id: int | None
    username: str
    role: str
    organisation_id: int | None

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        return cls(user_id=None, username=name, role="system", organisation_id=None)


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


@dataclass(frozen=True)
class EventFilter:
    """What the audit page filters by; every field optional."""

    since: datetime | None = None
    until: datetime | None = None
    username: str | None = None
    organisation_id: int | None = None
    object_type: str | None = None
    object_id: str | None = None
    limit: int = 500


def search_events(session: Session, actor: Actor, flt: EventFilter) -> list[dict]:
    """Events for the audit page (admin and monitor), newest first, with names resolved."""
    from tracker.services.permissions import authorize  # permissions records refusals here: import late

    authorize(session, actor, "audit.read", object_type="audit")
    stmt = (select(AuditEvent, User.username, Organisation.code)
            .join(User, User.id == AuditEvent.actor_id, isouter=True)
            .join(Organisation, Organisation.id == AuditEvent.actor_org_id, isouter=True)
            .order_by(AuditEvent.id.desc()).limit(flt.limit))
    if flt.since:
        stmt = stmt.where(AuditEvent.occurred_at >= flt.since)
    if flt.until:
        stmt = stmt.where(AuditEvent.occurred_at < flt.until)
    if flt.username:
        stmt = stmt.where(User.username == flt.username.strip().lower())
    if flt.organisation_id:
        stmt = stmt.where(AuditEvent.actor_org_id == flt.organisation_id)
    if flt.object_type:
        stmt = stmt.where(AuditEvent.object_type == flt.object_type)
    if flt.object_id:
        stmt = stmt.where(AuditEvent.object_id == str(flt.object_id))
    return [{"seq": e.id, "at": e.occurred_at.isoformat(timespec="seconds"), "actor": username or "",
             "organisation": org_code or "", "action": e.action, "object_type": e.object_type,
             "object_id": e.object_id, "summary": json.dumps(e.summary, ensure_ascii=False, sort_keys=True),
             "hash": e.hash} for e, username, org_code in session.exec(stmt)]


def events_csv(rows: list[dict]) -> str:
    """CSV of audit rows, with spreadsheet formula injection neutralised."""
    out = io.StringIO()
    fields = ["seq", "at", "actor", "organisation", "action", "object_type", "object_id", "summary", "hash"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe(row[k]) for k in fields} for row in rows)
    return out.getvalue()

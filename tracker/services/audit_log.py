"""The audit trail as the audit page reads it: filtered search with names resolved, and CSV export.

The chain itself (appending, verifying) is in ``audit``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from tracker.models import AuditEvent, Organisation, User
from tracker.services.actor import Actor
from tracker.services.permissions import authorize
from tracker.services.tabular import safe


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

"""The outbox sender: delivers pending reminders once, under a lease held in the database.

Only the holder of the "sender" lease sends, so two workers (or a worker and an embedded
scheduler) started by mistake never both send. Each row is committed right after delivery.
Temporary failures are retried with backoff; permanent ones are marked failed for the admin.
Reminders owed by the sweep are not sent alone: their recipient's daily digest carries them, and
they are marked sent with it (tracker.services.digest).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from tracker import page_paths
from tracker.clock import utcnow
from tracker.config import Settings
from tracker.db import insert_ignoring_duplicates, session_scope
from tracker.models import Notice, Reminder, User, WorkerLease
from tracker.notify import email
from tracker.services import audit, digest
from tracker.services.actor import Actor
from tracker.services.permissions import authorize

LEASE = "sender"
LEASE_SECONDS = 120
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 720)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
BATCH = 200


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def acquire_lease(engine: Engine, holder: str, now: datetime | None = None, seconds: int = LEASE_SECONDS) -> bool:
    """Take (or renew) the sender lease; True if ``holder`` now holds it. Atomic on both engines."""
    now = now or utcnow()
    with session_scope(engine) as s:
        insert_ignoring_duplicates(s, WorkerLease, [{"name": LEASE, "holder": "", "expires_at": now}], "name")
    with session_scope(engine) as s:
        taken = s.execute(update(WorkerLease).where(
            WorkerLease.name == LEASE, or_(WorkerLease.expires_at <= now, WorkerLease.holder == holder))
            .values(holder=holder, expires_at=now + timedelta(seconds=seconds))).rowcount
    return taken == 1


def release_lease(engine: Engine, holder: str) -> None:
    with session_scope(engine) as s:
        s.execute(update(WorkerLease).where(WorkerLease.name == LEASE, WorkerLease.holder == holder)
                  .values(expires_at=utcnow() - timedelta(seconds=1)))


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped_no_lease: bool = False
    errors: list[str] = field(default_factory=list)


def _sendable():
    """Pending rows sent on their own: everything but the reminders a digest carries."""
    return and_(Reminder.state == "pending", Reminder.rule.not_in(digest.GATHERED_RULES))


def deliver(engine: Engine, settings: Settings, holder: str | None = None, now: datetime | None = None) -> DeliveryReport:
    """Deliver every due pending message, batch after batch, while this process holds the lease."""
    holder = holder or holder_id()
    report = DeliveryReport()
    seconds = settings.sender_lease_seconds
    if not acquire_lease(engine, holder, now, seconds):
        report.skipped_no_lease = True
        return report
    try:
        after = 0
        while True:
            with session_scope(engine) as s:
                due = list(s.exec(select(Reminder.id).where(
                    _sendable(), Reminder.id > after,
                    or_(Reminder.next_attempt_at.is_(None), Reminder.next_attempt_at <= (now or utcnow())))
                    .order_by(Reminder.id).limit(BATCH)))
            for reminder_id in due:
                if not acquire_lease(engine, holder, now, seconds):  # renew; stop if someone took over
                    return report
                _deliver_one(engine, settings, reminder_id, report, now)
            if len(due) < BATCH:
                return report
            after = due[-1]
    finally:
        release_lease(engine, holder)


def waiting(session: Session) -> int:
    """Messages still to send (retries waiting for their time included)."""
    return session.exec(select(func.count()).select_from(Reminder).where(_sendable())).one()


def _deliver_one(engine: Engine, settings: Settings, reminder_id: int, report: DeliveryReport,
                 now: datetime | None) -> None:
    with session_scope(engine) as s:
        r = s.get(Reminder, reminder_id)
        if r is None or r.state != "pending":
            return
        try:
            if r.channel == "inapp":
                _notice(s, r)
            else:
                email.send(settings, email.build_message(settings, r.recipient_email, r.subject, r.body,
                                                         r.idempotency_key))
        except email.TemporaryFailure as exc:
            r.attempts += 1
            r.last_error = str(exc)[:500]
            if r.attempts >= MAX_ATTEMPTS:
                r.state = "failed"
                report.failed += 1
            else:
                r.next_attempt_at = (now or utcnow()) + timedelta(minutes=BACKOFF_MINUTES[r.attempts - 1])
                report.retried += 1
            report.errors.append(r.last_error)
        except email.PermanentFailure as exc:
            r.attempts += 1
            r.state, r.last_error = "failed", str(exc)[:500]
            report.failed += 1
            report.errors.append(r.last_error)
        else:
            r.attempts += 1
            r.state, r.sent_at, r.last_error = "sent", now or utcnow(), ""
            report.sent += 1
            s.execute(update(Reminder).where(Reminder.digest_id == r.id).values(state="sent", sent_at=r.sent_at))
        s.add(r)


def _notice(session: Session, r: Reminder) -> None:
    if r.subject_type == "report":
        path = page_paths.WORK_REPORT
    elif r.subject_type == digest.SUBJECT_TYPE:
        user = session.get(User, r.recipient_user_id)
        path = page_paths.MY_WORK if user is None or user.role == "agency" else page_paths.WORKSPACE
    else:
        path = page_paths.MY_WORK
    session.add(Notice(user_id=r.recipient_user_id, reminder_id=r.id, title=r.subject, body=r.body,
                       link=f"/{path}"))


def retry_failed(session: Session) -> int:
    """Put failed reminders back in the queue (after the admin fixed the address or the server)."""
    rows = session.exec(select(Reminder).where(Reminder.state == "failed")).all()
    for r in rows:
        r.state, r.attempts, r.next_attempt_at = "pending", 0, utcnow()
        session.add(r)
    return len(rows)


def failed(session: Session, actor: Actor, limit: int = 200) -> list[dict]:
    """Reminders that could not be delivered, newest first, for the administrator."""
    authorize(session, actor, "user.manage", None, object_type="reminder")
    rows = session.exec(select(Reminder, User.username).join(User, User.id == Reminder.recipient_user_id, isouter=True)
                        .where(Reminder.state == "failed").order_by(Reminder.id.desc()).limit(limit))
    return [{"id": r.id, "channel": r.channel, "recipient": username or "", "email": r.recipient_email or "",
             "subject": r.subject, "attempts": r.attempts, "last_error": r.last_error,
             "created_at": r.created_at.isoformat(timespec="minutes")} for r, username in rows]


def retry_failed_as(session: Session, actor: Actor) -> int:
    """``retry_failed`` on behalf of an administrator: checked and audited."""
    authorize(session, actor, "user.manage", None, object_type="reminder")
    count = retry_failed(session)
    audit.record(session, actor, "retry", "reminder", "", {"count": count})
    return count

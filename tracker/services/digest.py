"""The weekly digest to leaders and the monitor: overdue items, by body."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlmodel import Session, select

from tracker.config import Settings
from tracker.db import insert_ignoring_duplicates
from tracker.models import Reminder, User, utcnow
from tracker.services import reminder_rules, reminders


def overdue_by_body(session: Session, settings: Settings, today: date) -> dict[str, list[str]]:
    """Body name -> lines describing what is overdue, from the same decisions the sweep makes."""
    rules = reminder_rules.current(session, settings)
    lines: dict[str, set[str]] = defaultdict(set)
    for d in reminders.decide(session, settings, today, rules):
        if d.step.startswith("overdue") or d.step == "escalate":
            s = d.subject
            lines[s.org.name].add(f"{s.what}: quá hạn {(today - s.due_on).days} ngày (hạn {s.due_on:%d/%m/%Y})")
    return {body: sorted(items) for body, items in sorted(lines.items())}


def queue_weekly(session: Session, settings: Settings, today: date) -> int:
    """One digest per leader and monitor per ISO week (keyed, so never twice)."""
    overdue = overdue_by_body(session, settings, today)
    if not overdue:
        return 0
    year, week, _ = today.isocalendar()
    text = "\n\n".join(f"{body}:\n" + "\n".join(f"  - {line}" for line in items) for body, items in overdue.items())
    subject = f"[Tổng hợp tuần {week}/{year}] {len(overdue)} cơ quan, đơn vị có việc quá hạn"
    now = utcnow()
    rows = []
    for user in session.exec(select(User).where(User.active, User.role.in_(("leader", "monitor")))):
        for channel in ["inapp"] + (["email"] if settings.smtp_host and user.email and not user.email_opt_out else []):
            rows.append({"idempotency_key": f"digest:{year}-W{week:02d}:{user.id}:{channel}", "rule": "weekly_digest",
                         "step": f"{year}-W{week:02d}", "subject_type": "digest", "subject_id": 0, "due_on": today,
                         "recipient_user_id": user.id, "recipient_org_id": user.organisation_id,
                         "recipient_email": user.email if channel == "email" else None, "channel": channel,
                         "subject": subject, "body": f"Kính gửi: {user.full_name or user.username},\n\n"
                         f"Các việc quá hạn tính đến ngày {today:%d/%m/%Y}:\n\n{text}\n\n"
                         f"Chi tiết: {settings.base_url.rstrip('/')}/tong-quan",
                         "state": "pending", "attempts": 0, "next_attempt_at": now, "last_error": "", "created_at": now})
    return insert_ignoring_duplicates(session, Reminder, rows, "idempotency_key")

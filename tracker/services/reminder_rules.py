"""Reminder rules: the defaults of the configuration, overridden by what the admin saved."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlmodel import Session

from tracker.clock import utcnow
from tracker.config import Settings
from tracker.errors import TrackerError
from tracker.models import AppSetting
from tracker.services import audit
from tracker.services.actor import Actor
from tracker.services.permissions import authorize

KEY = "reminder_rules"


@dataclass(frozen=True)
class Rules:
    before_days: tuple[int, ...] = (7, 1)
    overdue_every_days: int = 3
    escalate_after_days: int = 7

    def step_on(self, due: date, today: date) -> str | None:
        """The latest reminder step whose day has come for a due date: before_7, due, overdue_4, ..."""
        days_left = (due - today).days
        if days_left > 0:
            passed = [n for n in self.before_days if n >= days_left]
            return f"before_{min(passed)}" if passed else None
        if days_left == 0:
            return "due"
        late = -days_left
        return f"overdue_{1 + (late - 1) // self.overdue_every_days * self.overdue_every_days}"

    def escalates(self, due: date, today: date) -> bool:
        return (today - due).days >= self.escalate_after_days


def current(session: Session, settings: Settings) -> Rules:
    saved = session.get(AppSetting, KEY)
    values = {"before_days": tuple(settings.reminder_before_days),
              "overdue_every_days": settings.reminder_overdue_every_days,
              "escalate_after_days": settings.escalate_after_days}
    if saved:
        values.update({k: tuple(v) if k == "before_days" else v for k, v in saved.value.items() if k in values})
    return Rules(**values)


def save(session: Session, actor: Actor, before_days: list[int], overdue_every_days: int,
         escalate_after_days: int) -> Rules:
    """The admin changes the rules (kept in the database, audited)."""
    authorize(session, actor, "user.manage", None, object_type="setting", object_id=KEY)
    if not before_days or any(d < 1 or d > 60 for d in before_days):
        raise TrackerError("Số ngày nhắc trước hạn phải từ 1 đến 60.")
    if not 1 <= overdue_every_days <= 30 or not 1 <= escalate_after_days <= 90:
        raise TrackerError("Chu kỳ nhắc quá hạn phải từ 1 đến 30 ngày; báo cáo vượt cấp sau 1 đến 90 ngày.")
    rules = Rules(tuple(sorted(set(before_days), reverse=True)), overdue_every_days, escalate_after_days)
    row = session.get(AppSetting, KEY) or AppSetting(key=KEY)
    before = dict(row.value or {})
    row.value, row.updated_by, row.updated_at = {**asdict(rules), "before_days": list(rules.before_days)}, \
        actor.user_id, utcnow()
    session.add(row)
    audit.record(session, actor, "update", "setting", KEY, {"before": before, "after": row.value})
    return rules
